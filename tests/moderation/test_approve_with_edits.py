"""A moderator can correct a submission while approving it; only what they change is an edit."""

import pytest

from picketline.core.audit import audit_entries_for
from picketline.disputes.models import Dispute
from picketline.moderation.services import item_approve
from tests.moderation.helpers import edit_form_data, make_submission

pytestmark = pytest.mark.django_db


def test_it_publishes_the_edited_title_and_employer(moderator_client, moderator):
    submission, item = make_submission(employer="amazon uk", unions="GMB")
    data = edit_form_data(item)
    data.update(title="Amazon Coventry warehouse strike", employer="Amazon", verification="press")

    response = moderator_client.post(f"/moderation/{item.pk}/approve-with-edits/", data)

    assert response.status_code == 302, response.text
    submission.refresh_from_db()
    dispute = Dispute.objects.get(pk=submission.dispute_id)
    assert dispute.title == "Amazon Coventry warehouse strike"
    assert [o.name for o in dispute.employers.all()] == ["Amazon"]
    assert dispute.verification == "press"
    entry = audit_entries_for(submission).get(action="submission.approved")
    assert entry.user == moderator
    assert entry.data["edited"] == ["employer", "title", "verification"]


def test_it_lists_the_edited_fields_in_the_history(moderator_client):
    _, item = make_submission(employer="amazon uk")
    data = edit_form_data(item)
    data.update(employer="Amazon")

    moderator_client.post(f"/moderation/{item.pk}/approve-with-edits/", data)

    page = moderator_client.get(f"/moderation/{item.pk}/")
    assert "Edited: Employer" in page.text


def test_it_refuses_an_invalid_edit_with_400_and_changes_nothing(moderator_client):
    submission, item = make_submission(employer="Acme")
    data = edit_form_data(item)
    data.update(employer="", title="New title")

    response = moderator_client.post(f"/moderation/{item.pk}/approve-with-edits/", data)

    assert response.status_code == 400
    assert "This field is required." in response.text
    # The form stays open with what the moderator typed.
    assert 'value="New title"' in response.text
    item.refresh_from_db()
    submission.refresh_from_db()
    assert item.status == "pending"
    assert submission.dispute_id is None
    assert submission.employer == "Acme"


def test_the_service_applies_edits_given_directly(moderator):
    _, item = make_submission(employer="amazon uk")

    dispute = item_approve(
        item=item,
        version=item.version,
        user=moderator,
        edits={"title": "Amazon strike", "employer": "Amazon", "verification": "union"},
    )

    assert dispute.title == "Amazon strike"
    assert [o.name for o in dispute.employers.all()] == ["Amazon"]
    assert dispute.verification == "union"
