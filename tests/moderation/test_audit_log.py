"""Every decision leaves an audit entry that says who, when, what and why."""

import pytest
from django.utils import timezone

from picketline.core.audit import audit_entries_for
from tests.factories import make_dispute
from tests.moderation.helpers import make_submission

pytestmark = pytest.mark.django_db


def test_each_decision_is_logged_on_the_submission(moderator_client, moderator):
    before = timezone.now()
    rejected, item = make_submission()
    moderator_client.post(
        f"/moderation/{item.pk}/reject/", {"version": item.version, "reason": "Duplicate report"}
    )
    asked, item = make_submission()
    moderator_client.post(
        f"/moderation/{item.pk}/ask/", {"version": item.version, "question": "Where exactly?"}
    )
    target = make_dispute(employer="Target Co")
    merged, item = make_submission()
    moderator_client.post(
        f"/moderation/{item.pk}/merge/", {"version": item.version, "target": target.pk}
    )

    [reject] = audit_entries_for(rejected).filter(action="submission.rejected")
    [ask] = audit_entries_for(asked).filter(action="submission.question_asked")
    [merge] = audit_entries_for(merged).filter(action="submission.merged")
    for entry in (reject, ask, merge):
        assert entry.user == moderator
        assert entry.created_at >= before
        assert "item" in entry.data
    assert reject.reason == "Duplicate report"
    assert merge.data["into"] == target.pk
    assert audit_entries_for(target).filter(action="dispute.merged", user=moderator).exists()


def test_the_items_page_shows_who_did_what_and_why(moderator_client, moderator):
    _, item = make_submission()
    moderator_client.post(
        f"/moderation/{item.pk}/reject/", {"version": item.version, "reason": "Duplicate report"}
    )

    page = moderator_client.get(f"/moderation/{item.pk}/")

    history = page.text.split('id="history-heading"')[1]
    assert "<strong>Rejected</strong>" in history
    assert f"by <bdi>{moderator.username}</bdi>" in history
    assert 'Reason: <span dir="auto">Duplicate report</span>' in history
    assert "<time datetime=" in history
