"""Ledger writes from separate connections at the same moment: the fund's row lock serialises
them, so none is lost, and a pledge marked received by several treasurers at once is written
to the ledger once.

A barrier lines the threads up so their transactions overlap.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from picketline.moderation.services import item_approve, item_for_object
from picketline.solidarity.funds.selectors import fund_totals
from picketline.solidarity.funds.services import (
    fund_create,
    ledger_entry_record,
    pledge_create,
    pledge_mark_received,
)
from picketline.solidarity.models import Fund, LedgerEntry, Pledge
from tests.concurrency import race
from tests.factories import make_coordinator, make_dispute, make_moderator

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(*actions):
    return race(actions, refused=ValidationError)


def _fund():
    dispute = make_dispute()
    coordinator = make_coordinator(dispute)
    fund = fund_create(
        dispute=dispute,
        user=coordinator,
        name="Strike fund",
        kind="strike",
        currency="GBP",
        target_minor=None,
        donation_url="https://example.org/give",
        bank_details="",
    )
    item = item_for_object(fund)
    item_approve(item=item, version=item.version, user=make_moderator())
    return Fund.objects.get(pk=fund.pk), coordinator


def test_it_keeps_every_one_of_twenty_simultaneous_entries():
    fund, treasurer = _fund()

    def record():
        return ledger_entry_record(
            fund=Fund.objects.get(pk=fund.pk),
            date=dt.date(2026, 3, 2),
            kind="street",
            amount_minor=100,
            note="Bucket",
            user=treasurer,
        )

    outcomes = _race(*([record] * 20))

    assert all(isinstance(outcome, LedgerEntry) for outcome in outcomes)
    assert LedgerEntry.objects.filter(fund=fund).count() == 20
    assert fund_totals(fund)["GBP"].balance == 2_000


def test_it_writes_a_pledge_received_by_five_treasurers_at_once_only_once():
    fund, treasurer = _fund()
    pledge, _token = pledge_create(
        fund=fund, amount_minor=2_500, recurrence="once", name="", email=""
    )

    def receive():
        return pledge_mark_received(pledge=Pledge.objects.get(pk=pledge.pk), user=treasurer)

    outcomes = _race(*([receive] * 5))

    assert sum(isinstance(outcome, Pledge) for outcome in outcomes) == 1
    assert sum(isinstance(outcome, ValidationError) for outcome in outcomes) == 4
    assert LedgerEntry.objects.filter(fund=fund).count() == 1
    pledge.refresh_from_db()
    assert pledge.status == "received" and pledge.entry.amount_minor == 2_500
    assert fund_totals(fund)["GBP"].balance == 2_500
