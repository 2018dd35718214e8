"""Dues written from separate connections at the same moment (PostgreSQL): the member's row
lock serialises them, so none is lost; one bank row or provider invoice delivered by several
workers at once is recorded once; one reversal wins."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from picketline.membership.dues import services
from picketline.membership.dues.models import DuesEntry
from tests.concurrency import race
from tests.membership import helpers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    organisation = helpers.make_network()
    plan = helpers.make_plan(organisation, amount_minor=500)
    member = helpers.make_member(organisation, plan=plan)
    treasurer = helpers.make_treasurer(organisation)
    return member, treasurer, helpers.access(treasurer, organisation)


def test_concurrent_payments_for_one_member_are_all_kept(world):
    member, treasurer, access = world

    def pay(n):
        return lambda: services.dues_entry_record(
            access=access, membership=member, by=treasurer, amount_minor=100 + n, method="cash"
        )

    race([pay(n) for n in range(20)])
    assert DuesEntry.objects.filter(membership=member).count() == 20
    assert sum(DuesEntry.objects.values_list("amount_minor", flat=True)) == sum(
        100 + n for n in range(20)
    )


def test_one_external_payment_delivered_many_times_at_once_is_recorded_once(world):
    member, _treasurer, _access = world

    def deliver():
        return services.dues_entry_record_external(
            membership=member,
            external_id="stripe:in_race",
            amount_minor=500,
            currency="GBP",
            method="card",
            paid_at=dt.date(2024, 1, 1),
        )

    outcomes = race([deliver for _ in range(12)])
    assert sum(outcome is not None for outcome in outcomes) == 1
    assert DuesEntry.objects.count() == 1


def test_one_entry_reversed_by_several_treasurers_at_once_is_reversed_once(world):
    member, treasurer, access = world
    entry = helpers.pay(member, 500)

    def reverse():
        return services.dues_entry_reverse(
            access=access, entry=entry, by=treasurer, reason="Counted twice"
        )

    outcomes = race([reverse for _ in range(8)], refused=ValidationError)
    assert sum(not isinstance(outcome, ValidationError) for outcome in outcomes) == 1
    assert DuesEntry.objects.filter(reverses=entry).count() == 1
