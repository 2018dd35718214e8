"""Standing: the SQL annotation agrees with the reference walked period by period, over
generated ledgers, across period boundaries and time zones."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from picketline.membership.dues.models import DuesEntry
from picketline.membership.dues.standing import (
    Standing,
    StandingResult,
    local_date,
    standing_annotate,
    standing_reference,
)
from picketline.membership.members.models import Membership
from picketline.membership.members.selectors import membership_standing
from tests.membership import helpers

pytestmark = pytest.mark.django_db

ZONES = ["UTC", "Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata", "Europe/London"]
START = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
moments = st.integers(min_value=0, max_value=3 * 366 * 24).map(
    lambda hours: START + dt.timedelta(hours=hours)
)
# Moments bunched around the turn of a month, where the zone decides which month it is.
boundaries = st.builds(
    lambda year, month, minutes: (
        dt.datetime(year, month, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)
    ),
    st.integers(2023, 2025),
    st.integers(1, 12),
    st.integers(-14 * 60, 14 * 60),
)
any_moment = st.one_of(moments, boundaries)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    zone=st.sampled_from(ZONES),
    period=st.sampled_from(["monthly", "yearly"]),
    due=st.integers(min_value=1, max_value=5000),
    joined=any_moment,
    payments=st.lists(st.tuples(any_moment, st.integers(min_value=1, max_value=20000)), max_size=8),
    reversed_first=st.booleans(),
    as_of=any_moment,
    grace=st.integers(min_value=0, max_value=4),
)
def test_sql_standing_matches_the_reference(
    zone, period, due, joined, payments, reversed_first, as_of, grace
):
    with transaction.atomic():
        organisation = helpers.make_network(grace_periods=grace, zone=zone)
        plan = helpers.make_plan(organisation, amount_minor=due, period=period)
        start = local_date(joined, zone)
        member = helpers.make_member(organisation, plan=plan, dues_start=start, joined_at=joined)
        entries = []
        for moment, amount in payments:
            entry = helpers.pay(member, amount, date=local_date(moment, zone))
            entries.append((entry.date, amount))
        if reversed_first and payments:
            first = DuesEntry.objects.filter(membership=member).order_by("id").first()
            reversal_day = local_date(max(m for m, _a in payments), zone)
            DuesEntry.objects.create(
                membership=member,
                date=reversal_day,
                method="reversal",
                amount_minor=-first.amount_minor,
                currency="GBP",
                reverses=first,
                reason="Wrong",
            )
            entries.append((reversal_day, -first.amount_minor))
        day = local_date(as_of, zone)
        got = standing_annotate(
            Membership.objects.filter(pk=member.pk).select_related("plan"),
            as_of=day,
            grace_periods=grace,
        ).get()
        expected = standing_reference(
            dues_start=start,
            period=period,
            due_minor=due,
            entries=entries,
            as_of=day,
            grace_periods=grace,
        )
        assert (got.standing, got.arrears) == (expected.standing, expected.arrears)
        transaction.set_rollback(True)


def test_the_reference_walks_calendar_months():
    result = standing_reference(
        dues_start=dt.date(2024, 1, 31),
        period="monthly",
        due_minor=100,
        entries=[(dt.date(2024, 1, 31), 100)],
        as_of=dt.date(2024, 2, 1),
    )
    assert result == StandingResult(Standing.ARREARS, 1)
    result = standing_reference(
        dues_start=dt.date(2024, 1, 31),
        period="monthly",
        due_minor=100,
        entries=[(dt.date(2024, 1, 31), 100)],
        as_of=dt.date(2024, 1, 31),
    )
    assert result.standing == Standing.GOOD


def test_one_moment_can_be_two_months_depending_on_the_zone():
    moment = dt.datetime(2024, 3, 1, 6, 0, tzinfo=dt.UTC)
    assert local_date(moment, "Europe/London") == dt.date(2024, 3, 1)
    assert local_date(moment, "America/Los_Angeles") == dt.date(2024, 2, 29)
    assert moment.astimezone(ZoneInfo("America/Los_Angeles")).month == 2


def test_a_member_lapses_after_the_grace_periods():
    organisation = helpers.make_network(grace_periods=1)
    plan = helpers.make_plan(organisation, amount_minor=100)
    member = helpers.make_member(organisation, plan=plan, dues_start=dt.date(2024, 1, 10))
    helpers.pay(member, 100, date=dt.date(2024, 1, 10))
    assert membership_standing(member, as_of=dt.date(2024, 1, 31)).standing == "good"
    assert membership_standing(member, as_of=dt.date(2024, 2, 1)).standing == "arrears"
    lapsed = membership_standing(member, as_of=dt.date(2024, 3, 1))
    assert (lapsed.standing, lapsed.arrears) == ("lapsed", 2)


def test_standing_as_of_a_record_date_ignores_later_payments():
    organisation = helpers.make_network()
    plan = helpers.make_plan(organisation, amount_minor=100)
    member = helpers.make_member(organisation, plan=plan, dues_start=dt.date(2024, 1, 1))
    helpers.pay(member, 300, date=dt.date(2024, 3, 20))
    assert membership_standing(member, as_of=dt.date(2024, 3, 1)).arrears == 3
    assert membership_standing(member, as_of=dt.date(2024, 3, 20)).standing == "good"


def test_waived_and_sliding_plans():
    organisation = helpers.make_network()
    waived = helpers.make_plan(organisation, kind="waived")
    member = helpers.make_member(organisation, plan=waived, dues_start=dt.date(2020, 1, 1))
    assert membership_standing(member, as_of=dt.date(2024, 1, 1)).standing == "good"
    sliding = helpers.make_plan(organisation, kind="sliding", amount_minor=100)
    generous = helpers.make_member(organisation, plan=sliding, dues_start=dt.date(2024, 1, 1))
    generous.amount_minor = 300
    generous.save(update_fields=["amount_minor"])
    helpers.pay(generous, 300, date=dt.date(2024, 1, 1))
    assert membership_standing(generous, as_of=dt.date(2024, 1, 15)).standing == "good"
    assert membership_standing(generous, as_of=dt.date(2024, 2, 15)).arrears == 1
