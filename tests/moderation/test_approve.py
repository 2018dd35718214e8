"""Approving a submission publishes it as a dispute and tells the submitter."""

import pytest
from django.core import mail

from picketline.core.audit import audit_entries_for
from picketline.disputes.selectors import dispute_public_queryset
from picketline.moderation.models import ItemStatus
from tests.moderation.helpers import make_submission

pytestmark = pytest.mark.django_db


def test_it_publishes_the_dispute(moderator_client, moderator, send_now):
    submission, item = make_submission(
        employer="Leeds Bus Ltd", sources=["https://union.example.org/leeds-bus"]
    )

    with send_now():
        response = moderator_client.post(
            f"/moderation/{item.pk}/approve/", {"version": item.version}
        )

    assert response.status_code == 302
    assert response["Location"] == "/moderation/"
    submission.refresh_from_db()
    item.refresh_from_db()
    assert item.status == ItemStatus.APPROVED
    assert item.decided_by == moderator
    assert item.decided_at is not None
    dispute = dispute_public_queryset().get(pk=submission.dispute_id)
    assert dispute.title == "Leeds Bus Ltd: Strike"
    assert [o.name for o in dispute.employers.all()] == ["Leeds Bus Ltd"]
    assert [s.url for s in dispute.sources.all()] == ["https://union.example.org/leeds-bus"]
    assert dispute.verification == "crowd"
    assert moderator_client.get(dispute.get_absolute_url()).status_code == 200
    [email] = mail.outbox
    assert email.to == ["reporter@example.org"]
    assert dispute.get_absolute_url() in email.body


def test_it_says_what_was_approved(moderator_client):
    _, item = make_submission(employer="Leeds Bus Ltd")

    response = moderator_client.post(
        f"/moderation/{item.pk}/approve/", {"version": item.version}, follow=True
    )

    assert "Approved and published: Leeds Bus Ltd — Leeds" in response.text


def test_it_records_who_approved_it_and_when(moderator_client, moderator):
    submission, item = make_submission()

    moderator_client.post(f"/moderation/{item.pk}/approve/", {"version": item.version})

    entry = audit_entries_for(submission).filter(action="submission.approved").get()
    submission.refresh_from_db()
    assert entry.user == moderator
    assert entry.created_at is not None
    assert entry.data["published"] == submission.dispute_id
    assert entry.data["edited"] == []


def test_it_only_approves_with_a_post(moderator_client):
    _, item = make_submission()

    assert moderator_client.get(f"/moderation/{item.pk}/approve/").status_code == 405
