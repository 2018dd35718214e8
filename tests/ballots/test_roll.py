"""The members' roll is frozen as the members stood at the record date."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from picketline.ballots.models import Ballot, Voter
from picketline.ballots.services import ballot_create, ballot_open
from tests.membership.helpers import (
    make_chapter,
    make_member,
    make_network,
    make_plan,
    months_ago,
    pay,
)

pytestmark = pytest.mark.django_db


def _at(date: dt.date, hour=12) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, hour, tzinfo=dt.UTC)


def _ballot(organisation, record_date, *, chapter=None, opens_in_hours=1):
    now = timezone.now()
    return ballot_create(
        organisation=organisation,
        chapter=chapter,
        question="Accept the offer?",
        options=["Yes", "No"],
        opens_at=now + dt.timedelta(hours=opens_in_hours),
        closes_at=now + dt.timedelta(days=2),
        electorate="members",
        record_date=record_date,
    )


def _roll(ballot) -> set[str]:
    return set(Voter.objects.filter(ballot=ballot).values_list("name", flat=True))


def test_the_roll_is_the_members_in_good_standing_at_the_record_date():
    network = make_network(grace_periods=0)
    plan = make_plan(network, amount_minor=500)
    record = months_ago(1) + dt.timedelta(days=20)
    start = months_ago(3)

    paid = make_member(network, name="Paid up", plan=plan, dues_start=start, joined_at=_at(start))
    for month in range(3, 0, -1):
        pay(paid, 500, date=months_ago(month))
    make_member(network, name="Never paid", plan=plan, dues_start=start, joined_at=_at(start))
    late = make_member(network, name="Joined later", joined_at=_at(record + dt.timedelta(days=1)))
    assert late.joined_at.date() > record
    make_member(network, name="Still pending", status="pending")
    gone = make_member(network, name="Left before", joined_at=_at(start))
    gone.status, gone.left_at = "left", _at(record - dt.timedelta(days=3))
    gone.save()
    after = make_member(network, name="Left after", joined_at=_at(start))
    after.status, after.left_at = "left", _at(record + dt.timedelta(days=2))
    after.save()

    ballot = _ballot(network, record)
    assert Voter.objects.filter(ballot=ballot).count() == 0  # a draft: no roll yet
    assert ballot_open(ballot) == 2
    assert _roll(ballot) == {"Paid up", "Left after"}
    assert Voter.objects.filter(ballot=ballot, token_hash__isnull=True).count() == 0


def test_the_frozen_roll_ignores_who_joins_or_lapses_after_it_opens():
    network = make_network()
    record = timezone.localdate() - dt.timedelta(days=1)
    make_member(network, name="On the roll", joined_at=_at(record - dt.timedelta(days=30)))
    ballot = _ballot(network, record, opens_in_hours=0)
    assert _roll(ballot) == {"On the roll"}
    make_member(network, name="Joined today")
    ballot_open(ballot)  # opening again changes nothing
    assert _roll(ballot) == {"On the roll"}


def test_a_chapters_ballot_has_only_its_members():
    network = make_network()
    leeds = make_chapter(network, name="Leeds")
    york = make_chapter(network, name="York")
    record = timezone.localdate() - dt.timedelta(days=1)
    joined = _at(record - dt.timedelta(days=10))
    make_member(network, name="In Leeds", chapter=leeds, joined_at=joined)
    make_member(network, name="In York", chapter=york, joined_at=joined)
    ballot = _ballot(network, record, chapter=leeds, opens_in_hours=0)
    assert _roll(ballot) == {"In Leeds"}


def test_a_record_date_after_the_opening_is_refused():
    network = make_network()
    with pytest.raises(ValidationError, match="record date"):
        _ballot(network, timezone.localdate() + dt.timedelta(days=5))
    assert not Ballot.objects.exists()
