import pytest
from django.core import mail
from django.core.cache import cache

from picketline.disputes.models import Submission
from picketline.moderation.models import ModerationItem
from tests.disputes.submissions.helpers import ADD_URL, IMMEDIATE_TASKS, valid_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_it_stores_nothing_when_the_honeypot_is_filled(
    client, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD_URL, valid_data(website="https://spam.example"))
    assert response.status_code == 400
    assert Submission.objects.count() == 0
    assert ModerationItem.objects.count() == 0
    assert mail.outbox == []


def test_it_answers_a_robot_without_naming_the_trap(client):
    response = client.post(ADD_URL, valid_data(website="https://spam.example"))
    form = response.context["form"]
    assert list(form.errors) == ["__all__"]
    (message,) = form.non_field_errors()
    assert message == "Your report could not be sent. Please try again later."
    assert "honeypot" not in response.text.lower()
    # The trap is not filled in again for the next attempt.
    assert 'value="https://spam.example"' not in response.text
