"""Rejecting needs a reason; the submitter is told it, and nothing is published."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from picketline.disputes.models import Dispute
from picketline.moderation.models import ItemStatus
from tests.moderation.helpers import make_submission

pytestmark = pytest.mark.django_db


def test_it_emails_the_reason_and_publishes_nothing(moderator_client, moderator, send_now):
    submission, item = make_submission(employer="Spam Ltd")

    with send_now():
        response = moderator_client.post(
            f"/moderation/{item.pk}/reject/",
            {"version": item.version, "reason": "We could not confirm this strike anywhere."},
        )

    assert response.status_code == 302
    item.refresh_from_db()
    submission.refresh_from_db()
    assert item.status == ItemStatus.REJECTED
    assert item.reason == "We could not confirm this strike anywhere."
    assert item.decided_by == moderator
    assert submission.dispute_id is None
    assert not Dispute.objects.exists()
    [email] = mail.outbox
    assert email.to == ["reporter@example.org"]
    assert "Not published: Spam Ltd — Leeds" in email.subject
    assert "We could not confirm this strike anywhere." in email.body


def test_it_sends_nothing_to_an_anonymous_submitter(moderator_client, send_now):
    _, item = make_submission(email="")

    with send_now():
        response = moderator_client.post(
            f"/moderation/{item.pk}/reject/", {"version": item.version, "reason": "Duplicate"}
        )

    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.parametrize("reason", ["", "   "])
def test_it_refuses_an_empty_reason_with_400(moderator_client, reason):
    _, item = make_submission()

    response = moderator_client.post(
        f"/moderation/{item.pk}/reject/", {"version": item.version, "reason": reason}
    )

    assert response.status_code == 400
    assert "Give a reason for rejecting." in response.text
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING
    assert item.version == 1


def test_it_writes_to_the_submitter_in_the_language_they_wrote_in(moderator_client, send_now):
    _, item = make_submission(employer="Limpiezas Sur", language="es")

    with send_now():
        moderator_client.post(
            f"/moderation/{item.pk}/reject/", {"version": item.version, "reason": "Duplicada."}
        )

    [email] = mail.outbox
    with translation.override("es"):
        expected = gettext("Not published: %(summary)s") % {"summary": item.summary}
    assert expected != f"Not published: {item.summary}"
    assert email.subject == expected
