"""The coordinators' side: publishing an appeal for a dispute, bad input that stores nothing,
targets, the reply on the public page, a petition that starts sending; and the appeals on a
dispute's page, and the sign button for other sites."""

import pytest

from picketline.appeals.models import Appeal, AppealDelivery, Target
from tests import factories
from tests.appeals.helpers import make_appeal, sign

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Reinstate the sacked reps",
    "summary": "",
    "subject": "Reinstate them",
    "body": "Reinstate the four union representatives.",
    "mode": "send",
    "allowance": "paragraph",
    "paragraph_limit": 300,
    "opens_at": "2026-01-01T10:00",
    "closes_at": "2027-01-01T10:00",
    "per_hour": 20,
}


@pytest.fixture
def dispute_coordinator(client):
    dispute = factories.make_dispute(title="Depot strike")
    user = factories.make_coordinator(dispute)
    factories.login(client, user)
    return dispute, user


def test_a_dispute_coordinator_publishes_an_appeal_shown_on_the_dispute_page(
    client, dispute_coordinator
):
    dispute, _user = dispute_coordinator
    response = client.post(f"/appeals/new/dispute/{dispute.slug}/", FORM)
    assert response.status_code == 303
    appeal = Appeal.objects.get()
    assert appeal.dispute == dispute and appeal.campaign is None
    assert appeal.per_hour == 20
    page = client.get(dispute.get_absolute_url()).content.decode()
    assert "Reinstate the sacked reps" in page
    assert appeal.get_absolute_url() in page


@pytest.mark.parametrize(
    "change",
    [
        {"closes_at": "2025-12-01T10:00"},
        {"title": ""},
        {"body": ""},
        {"per_hour": 0},
        {"paragraph_limit": 5000},
        {"mode": "flood"},
    ],
)
def test_bad_input_publishes_nothing(client, dispute_coordinator, change):
    dispute, _user = dispute_coordinator
    response = client.post(f"/appeals/new/dispute/{dispute.slug}/", FORM | change)
    assert response.status_code == 400
    assert not Appeal.objects.exists()


def test_a_bad_target_is_refused_and_stores_nothing(client, dispute_coordinator):
    dispute, user = dispute_coordinator
    appeal = make_appeal(dispute=dispute, targets=1, user=user)
    url = f"/appeals/{appeal.slug}/manage/targets/"
    assert client.post(url, {"name": "", "email": "x@employer.example"}).status_code == 400
    assert client.post(url, {"name": "X", "email": "not-an-address"}).status_code == 400
    # The same address twice.
    response = client.post(url, {"name": "Again", "email": "TARGET1@employer.example"})
    assert response.status_code == 400
    assert Target.objects.count() == 1


def test_the_coordinators_see_the_targets_addresses(client, dispute_coordinator):
    dispute, user = dispute_coordinator
    appeal = make_appeal(dispute=dispute, targets=1, user=user)
    page = client.get(appeal.get_manage_url()).content.decode()
    assert "target1@employer.example" in page


def test_a_published_reply_shows_on_the_page(client, dispute_coordinator):
    dispute, user = dispute_coordinator
    appeal = make_appeal(dispute=dispute, targets=1, user=user)
    url = f"/appeals/{appeal.slug}/manage/reply/"
    assert client.post(url, {"text": "We will meet.", "replied_on": ""}).status_code == 400
    assert (
        client.post(url, {"text": "We will meet.", "replied_on": "2026-11-03"}).status_code == 303
    )
    assert "We will meet." in client.get(appeal.get_absolute_url()).content.decode()
    assert client.post(url, {"text": "", "replied_on": ""}).status_code == 303
    appeal.refresh_from_db()
    assert appeal.reply_text == "" and appeal.reply_on is None


def test_a_petition_that_starts_sending_queues_what_was_signed(dispute_coordinator):
    from picketline.appeals.services import APPEAL_FIELDS, appeal_update

    dispute, user = dispute_coordinator
    appeal = make_appeal(dispute=dispute, targets=2, mode="petition", user=user)
    sign(appeal, email="ada@example.org")
    assert not AppealDelivery.objects.exists()
    fields = {name: getattr(appeal, name) for name in APPEAL_FIELDS} | {"mode": "send"}
    appeal_update(appeal=appeal, user=user, **fields)
    assert AppealDelivery.objects.count() == 2


def test_the_sign_button_is_a_plain_link(client):
    appeal = make_appeal()
    page = client.get(appeal.get_absolute_url()).content.decode()
    start = page.index("embed-code")
    snippet = page[start : page.index("</textarea>", start)]
    assert f"/appeals/{appeal.slug}/sign/" in snippet
    assert "script" not in snippet.lower()
    assert client.get(f"/appeals/{appeal.slug}/sign/").status_code == 200
