import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from picketline.disputes.models import Dispute, Submission
from picketline.moderation.models import ModerationItem
from tests import factories
from tests.disputes.submissions.helpers import ADD_URL, IMMEDIATE_TASKS, valid_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def union_account(db):
    user = factories.make_user()
    union = factories.make_organisation(name="Transport Workers' Union")
    union.verified_at = timezone.now()
    union.save(update_fields=["verified_at"])
    union.coordinators.add(user)
    return user


def test_it_publishes_a_verified_union_s_report_at_once(
    client, union_account, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE_TASKS
    client.force_login(union_account)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD_URL, valid_data())
    assert response.status_code == 303

    dispute = Dispute.objects.get()
    assert dispute.verification == "union"
    assert Submission.objects.get().dispute == dispute
    assert ModerationItem.objects.count() == 0
    assert union_account in dispute.coordinators.all()

    html = client.get(response["Location"]).text
    assert "published now" in html
    assert f'href="{dispute.get_absolute_url()}"' in html
    assert "Published" in html
    (receipt,) = mail.outbox
    assert "Published" in receipt.subject


def test_it_queues_a_report_that_names_no_union_of_the_account(client, union_account):
    client.force_login(union_account)
    response = client.post(ADD_URL, valid_data(unions="Another Union"))
    assert response.status_code == 303
    assert Dispute.objects.count() == 0
    assert ModerationItem.objects.count() == 1


def test_it_queues_the_same_report_from_anyone_else(client, supporter):
    client.force_login(supporter)
    assert client.post(ADD_URL, valid_data()).status_code == 303
    assert Dispute.objects.count() == 0
    assert ModerationItem.objects.count() == 1


def test_it_queues_an_unverified_union_s_report(client):
    user = factories.make_user()
    union = factories.make_organisation(name="Transport Workers' Union")
    union.coordinators.add(user)
    client.force_login(user)
    assert client.post(ADD_URL, valid_data()).status_code == 303
    assert Dispute.objects.count() == 0
