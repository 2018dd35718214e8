"""Two moderators on one item: whoever acts on an outdated page is refused, and told why."""

import pytest

from picketline.disputes.models import Dispute
from picketline.moderation.models import ItemStatus
from picketline.moderation.services import item_ask, item_reject
from tests.factories import make_dispute, make_moderator
from tests.moderation.helpers import edit_form_data, make_submission

pytestmark = pytest.mark.django_db


def posts(item, target):
    return {
        "approve": {},
        "approve-with-edits": {**edit_form_data(item), "title": "Edited title"},
        "reject": {"reason": "Not a dispute"},
        "merge": {"target": target.pk},
        "ask": {"question": "Which gate?"},
    }


ACTIONS = ["approve", "approve-with-edits", "reject", "merge", "ask"]


@pytest.mark.parametrize("action", ACTIONS)
def test_it_refuses_an_item_someone_else_decided_with_409(moderator_client, action):
    target = make_dispute(employer="Target Co")
    submission, item = make_submission(employer="Acme")
    data = {"version": item.version, **posts(item, target)[action]}
    other = make_moderator(username="quick_moderator")
    item_reject(item=item, version=item.version, user=other, reason="Already covered")
    sites_before = target.sites.count()

    response = moderator_client.post(f"/moderation/{item.pk}/{action}/", data)

    assert response.status_code == 409
    assert "Nothing was saved" in response.text
    assert "quick_moderator" in response.text
    assert "Rejected" in response.text
    item.refresh_from_db()
    submission.refresh_from_db()
    assert item.status == ItemStatus.REJECTED
    assert item.decided_by == other
    assert item.reason == "Already covered"
    assert submission.dispute_id is None
    assert Dispute.objects.count() == 1
    assert target.sites.count() == sites_before
    assert item.messages.count() == 0


@pytest.mark.parametrize("action", ACTIONS)
def test_it_refuses_an_item_that_changed_and_offers_it_again(moderator_client, action):
    target = make_dispute(employer="Target Co")
    submission, item = make_submission(employer="Acme")
    data = {"version": item.version, **posts(item, target)[action]}
    other = make_moderator(username="curious_moderator")
    item = item_ask(item=item, version=item.version, user=other, question="Is it still on?")

    response = moderator_client.post(f"/moderation/{item.pk}/{action}/", data)

    assert response.status_code == 409
    assert "This item changed after you opened it" in response.text
    item.refresh_from_db()
    submission.refresh_from_db()
    assert item.status == ItemStatus.QUESTION
    assert submission.dispute_id is None
    assert [m.body for m in item.messages.all()] == ["Is it still on?"]
    # The page is the item as it is now: acting again uses the new version.
    assert f'name="version" value="{item.version}"' in response.text
    assert 'name="version" value="1"' not in response.text


def test_it_keeps_what_the_moderator_typed(moderator_client):
    _, item = make_submission()
    seen = item.version
    item = item_ask(item=item, version=seen, user=make_moderator(), question="Still on?")

    response = moderator_client.post(
        f"/moderation/{item.pk}/reject/", {"version": seen, "reason": "Posted twice by mistake"}
    )

    assert response.status_code == 409
    assert "Posted twice by mistake</textarea>" in response.text
