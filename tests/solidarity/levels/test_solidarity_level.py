"""The level of solidarity follows what has happened around a dispute, and says why."""

import datetime as dt

import pytest
from django.utils import timezone

from picketline.solidarity.delegations.services import delegation_add
from picketline.solidarity.levels.checks import _CHECKS, level_check_register
from picketline.solidarity.levels.selectors import solidarity_level
from picketline.solidarity.models import Message
from tests.factories import make_coordinator, make_dispute

pytestmark = pytest.mark.django_db


def _message(dispute, *, published=True):
    return Message.objects.create(
        dispute=dispute,
        body="Solidarity from the dockers.",
        country="FR",
        published_at=timezone.now() if published else None,
    )


def test_it_starts_at_no_level():
    level = solidarity_level(make_dispute())
    assert level.level == 0
    assert level.evidence == []


def test_it_reaches_level_one_with_a_published_message_only():
    dispute = make_dispute()
    _message(dispute, published=False)
    assert solidarity_level(dispute).level == 0
    _message(dispute)
    _message(dispute)
    level = solidarity_level(dispute)
    assert level.level == 1
    assert level.evidence == [(1, "2 messages of solidarity received.")]


def test_it_reaches_level_two_with_a_delegation_and_keeps_the_evidence_of_level_one():
    dispute = make_dispute()
    _message(dispute)
    delegation_add(
        dispute=dispute,
        user=make_coordinator(dispute),
        kind="visited",
        date=timezone.localdate(),
        group_name="Dockers' branch",
    )
    level = solidarity_level(dispute)
    assert level.level == 2
    assert [lvl for lvl, _sentence in level.evidence] == [1, 2]
    assert "1 delegation or visit received." in level.evidence[1][1]


def test_a_delegation_sent_counts_for_the_dispute_that_sent_it():
    sender, receiver = make_dispute(), make_dispute()
    delegation_add(
        dispute=receiver,
        user=None,
        kind="sent",
        date=timezone.localdate() - dt.timedelta(days=2),
        group_name="Strikers from the depot",
        from_dispute=sender,
    )
    assert solidarity_level(sender).level == 2
    assert "sent to another dispute" in solidarity_level(sender).evidence[0][1]


def test_later_levels_plug_in_through_registered_checks(monkeypatch):
    monkeypatch.setitem(_CHECKS, 3, [])
    dispute = make_dispute(title="On the day of action")
    level_check_register(3, lambda d: "Part of a day of action." if "action" in d.title else None)
    level = solidarity_level(dispute)
    assert level.level == 3
    assert level.evidence == [(3, "Part of a day of action.")]
    assert solidarity_level(make_dispute(title="Quiet")).level == 0


def test_it_refuses_a_level_outside_one_to_four():
    with pytest.raises(ValueError):
        level_check_register(5, lambda d: None)


def test_the_dispute_page_shows_the_level_and_explains_it(client):
    dispute = make_dispute()
    _message(dispute)
    body = client.get(dispute.get_absolute_url()).content.decode()
    assert "Level 1 of 4" in body
    assert "1 message of solidarity received." in body
    assert "What the four levels of solidarity mean" in body


def test_evidence_kept_in_the_cache_follows_delegations_and_days_of_action_at_once():
    """Levels 2 and 3 keep their sentences under the delegations' and the events' data
    versions: a delegation published or a day of action named shows on the next reading."""
    from picketline.solidarity.delegations.models import Delegation
    from tests.factories import make_day_of_action

    dispute = make_dispute(title="Port strike")
    assert solidarity_level(dispute).level == 0
    delegation = delegation_add(
        dispute=dispute,
        user=None,
        kind="visited",
        date=timezone.localdate(),
        group_name="Dockers' branch",
    )
    Delegation.objects.filter(pk=delegation.pk).update(published_at=timezone.now())
    assert solidarity_level(dispute).level == 2
    make_day_of_action(title="Global day", disputes=[dispute])
    level = solidarity_level(dispute)
    assert level.level == 3
    assert any("Global day" in sentence for _level, sentence in level.evidence)
    Delegation.objects.filter(pk=delegation.pk).delete()
    assert [n for n, _s in solidarity_level(dispute).evidence] == [3]
