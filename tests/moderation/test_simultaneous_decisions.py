"""Decisions taken at the same moment from separate connections: exactly one wins.

A barrier lines the threads up so their transactions overlap; the row lock and the version
check decide, not the order the threads happened to start in.
"""

import pytest

from picketline.core.conflicts import EditConflict
from picketline.disputes import services
from picketline.disputes.models import Dispute
from picketline.moderation.models import ItemStatus, ModerationItem
from picketline.moderation.services import item_approve, item_reject
from tests.concurrency import race
from tests.factories import make_dispute, make_moderator, make_submission

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(*actions):
    return race(actions, refused=EditConflict)


def test_it_lets_one_of_two_moderators_decide_an_item():
    _submission, item = make_submission(employer="Race Ltd")
    first, second = make_moderator(), make_moderator()
    version = item.version

    outcomes = _race(
        lambda: item_approve(item=item, version=version, user=first),
        lambda: item_reject(item=item, version=version, user=second, reason="Duplicate"),
    )

    conflicts = [o for o in outcomes if isinstance(o, EditConflict)]
    assert len(conflicts) == 1
    item.refresh_from_db()
    if isinstance(outcomes[0], EditConflict):
        assert item.status == ItemStatus.REJECTED and item.decided_by == second
        assert not Dispute.objects.exists()
    else:
        assert item.status == ItemStatus.APPROVED and item.decided_by == first
        assert Dispute.objects.count() == 1
    assert item.version == version + 1


def test_it_publishes_an_item_approved_twice_at_once_only_once():
    _submission, item = make_submission(employer="Twice Ltd")
    moderators = [make_moderator() for _ in range(4)]
    version = item.version

    outcomes = _race(
        *(lambda m=m: item_approve(item=item, version=version, user=m) for m in moderators)
    )

    assert sum(isinstance(o, EditConflict) for o in outcomes) == 3
    assert Dispute.objects.count() == 1
    assert ModerationItem.objects.get(pk=item.pk).status == ItemStatus.APPROVED


def test_it_keeps_one_of_two_simultaneous_edits_of_a_dispute():
    dispute = make_dispute(title="Before")
    version = dispute.version

    def edit(title):
        return lambda: services.dispute_update(
            dispute=Dispute.objects.get(pk=dispute.pk), version=version, title=title
        )

    outcomes = _race(edit("From the committee"), edit("From a moderator"))

    assert sum(isinstance(o, EditConflict) for o in outcomes) == 1
    dispute.refresh_from_db()
    winner = next(o for o in outcomes if not isinstance(o, EditConflict))
    assert dispute.title == winner.title
    assert dispute.version == version + 1
