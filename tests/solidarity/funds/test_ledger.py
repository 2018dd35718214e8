"""The ledger is append-only: entries are recorded and corrected by reversing entries, never
changed or deleted; totals are summed from it per currency."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import timezone

from picketline.moderation.services import item_approve, item_for_object
from picketline.solidarity.funds import services as funds_services
from picketline.solidarity.funds.selectors import fund_progress, fund_totals
from picketline.solidarity.funds.services import (
    fund_create,
    fund_update,
    ledger_entry_record,
    ledger_entry_reverse,
)
from picketline.solidarity.models import LedgerEntry
from tests.factories import login, make_coordinator, make_dispute, make_moderator

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 1)


def _fund(*, currency="GBP", target_minor=None):
    dispute = make_dispute()
    coordinator = make_coordinator(dispute)
    fund = fund_create(
        dispute=dispute,
        user=coordinator,
        name="Strike fund",
        kind="strike",
        currency=currency,
        target_minor=target_minor,
        donation_url="https://example.org/give",
        bank_details="",
    )
    item = item_for_object(fund)
    item_approve(item=item, version=item.version, user=make_moderator())
    fund.refresh_from_db()
    return fund, coordinator


def _record(fund, user, amount_minor, kind="workplace", note=""):
    return ledger_entry_record(
        fund=fund, date=TODAY, kind=kind, amount_minor=amount_minor, note=note, user=user
    )


def test_it_stores_a_disbursement_as_money_out():
    fund, treasurer = _fund()
    _record(fund, treasurer, 10_000)

    paid = _record(fund, treasurer, 2_500, kind="disbursement", note="Hardship payments")

    assert paid.amount_minor == -2_500 and paid.currency == "GBP"
    totals = fund_totals(fund)
    assert totals["GBP"].balance == 7_500
    assert totals["GBP"].raised == 10_000
    assert totals["GBP"].paid_out == -2_500


def test_it_refuses_a_reversal_kind_or_nothing_recorded_directly():
    fund, treasurer = _fund()
    with pytest.raises(ValidationError):
        _record(fund, treasurer, 100, kind="reversal")
    with pytest.raises(ValidationError):
        _record(fund, treasurer, 0)
    assert not LedgerEntry.objects.exists()


def test_it_corrects_an_entry_with_its_opposite_and_keeps_both():
    fund, treasurer = _fund()
    wrong = _record(fund, treasurer, 50_000, note="Bucket collection")
    _record(fund, treasurer, 1_000)

    correction = ledger_entry_reverse(entry=wrong, reason="Typed 500 instead of 50", user=treasurer)

    assert correction.kind == "reversal"
    assert correction.amount_minor == -50_000
    assert correction.reverses == wrong and correction.reason == "Typed 500 instead of 50"
    assert LedgerEntry.objects.count() == 3
    assert fund_totals(fund)["GBP"].balance == 1_000
    wrong.refresh_from_db()
    assert wrong.amount_minor == 50_000, "the original is never changed"


def test_it_refuses_to_reverse_an_entry_twice():
    fund, treasurer = _fund()
    entry = _record(fund, treasurer, 2_000)
    ledger_entry_reverse(entry=entry, reason="Duplicate", user=treasurer)

    with pytest.raises(ValidationError):
        ledger_entry_reverse(entry=entry, reason="Again", user=treasurer)

    assert LedgerEntry.objects.count() == 2
    assert fund_totals(fund)["GBP"].balance == 0


def test_it_refuses_to_reverse_a_correction_or_without_a_reason():
    fund, treasurer = _fund()
    entry = _record(fund, treasurer, 2_000)
    with pytest.raises(ValidationError):
        ledger_entry_reverse(entry=entry, reason="  ", user=treasurer)
    correction = ledger_entry_reverse(entry=entry, reason="Duplicate", user=treasurer)
    with pytest.raises(ValidationError):
        ledger_entry_reverse(entry=correction, reason="Undo", user=treasurer)


def test_it_counts_a_corrected_disbursement_as_not_paid_out():
    fund, treasurer = _fund()
    _record(fund, treasurer, 10_000)
    paid = _record(fund, treasurer, 3_000, kind="disbursement")

    ledger_entry_reverse(entry=paid, reason="Payment bounced", user=treasurer)

    total = fund_totals(fund)["GBP"]
    assert (total.balance, total.raised, total.paid_out) == (10_000, 10_000, 0)


def test_it_keeps_totals_per_currency_and_never_converts():
    fund, treasurer = _fund(currency="GBP")
    _record(fund, treasurer, 10_000)
    fund_update(fund=fund, user=treasurer, currency="EUR")
    fund.refresh_from_db()
    euros = _record(fund, treasurer, 2_000)
    fund_update(fund=fund, user=treasurer, currency="JPY")
    fund.refresh_from_db()
    _record(fund, treasurer, 700)
    ledger_entry_reverse(entry=euros, reason="Wrong fund", user=treasurer)

    totals = fund_totals(fund)

    assert {code: total.balance for code, total in totals.items()} == {
        "EUR": 0,
        "GBP": 10_000,
        "JPY": 700,
    }
    assert LedgerEntry.objects.get(reverses=euros).currency == "EUR"


def test_it_shows_progress_towards_the_target_in_the_funds_currency(client):
    fund, treasurer = _fund(currency="GBP", target_minor=5_000_000)
    _record(fund, treasurer, 2_500_000)
    _record(fund, treasurer, 500_000)
    _record(fund, treasurer, 100_000, kind="disbursement")

    progress = fund_progress(fund, fund_totals(fund))

    assert (progress.raised, progress.target, progress.value) == (3_000_000, 5_000_000, 3_000_000)
    page = client.get(
        reverse("solidarity:fund_detail", kwargs={"slug": fund.dispute.slug, "pk": fund.pk})
    )
    assert '<progress class="fund-progress__bar" max="5000000" value="3000000"' in page.text
    assert "raised 30,000.00 GBP of 50,000.00 GBP" in page.text
    assert "style=" not in page.text.split("<main", 1)[1]


def test_it_stops_the_bar_full_when_the_target_is_passed():
    fund, treasurer = _fund(target_minor=1_000)
    _record(fund, treasurer, 1_500)
    progress = fund_progress(fund, fund_totals(fund))
    assert progress.value == 1_000 and progress.raised == 1_500


def test_it_shows_the_public_ledger_with_corrections_and_no_treasurer_names(client):
    fund, treasurer = _fund()
    entry = _record(fund, treasurer, 4_200, note="Gate collection")
    ledger_entry_reverse(entry=entry, reason="Counted twice", user=treasurer)

    page = client.get(
        reverse("solidarity:fund_detail", kwargs={"slug": fund.dispute.slug, "pk": fund.pk})
    )

    assert "Gate collection" in page.text and "42.00 GBP" in page.text
    assert "-42.00 GBP" in page.text
    assert "Counted twice" in page.text and "Corrects the entry of" in page.text
    assert "a treasurer" in page.text
    assert treasurer.get_username() not in page.text


def test_it_records_and_corrects_through_the_treasurers_pages(client):
    fund, treasurer = _fund()
    login(client, treasurer)
    kwargs = {"slug": fund.dispute.slug, "pk": fund.pk}

    response = client.post(
        reverse("solidarity:fund_entry_add", kwargs=kwargs),
        {
            "date": timezone.localdate().isoformat(),
            "kind": "disbursement",
            "amount": "1,250.50",
            "note": "Week 1 strike pay",
        },
    )
    assert response.status_code == 302
    entry = LedgerEntry.objects.get()
    assert entry.amount_minor == -125_050 and entry.recorded_by == treasurer

    reverse_url = reverse("solidarity:fund_entry_reverse", kwargs={**kwargs, "entry_id": entry.pk})
    assert client.post(reverse_url, {"reason": ""}).status_code == 400
    assert client.post(reverse_url, {"reason": "Paid from the wrong fund"}).status_code == 302
    second = client.post(reverse_url, {"reason": "Again"})
    assert second.status_code == 400 and "already been corrected" in second.text
    assert LedgerEntry.objects.count() == 2


def test_it_refuses_an_entry_dated_in_the_future(client):
    fund, treasurer = _fund()
    login(client, treasurer)
    response = client.post(
        reverse("solidarity:fund_entry_add", kwargs={"slug": fund.dispute.slug, "pk": fund.pk}),
        {
            "date": (timezone.localdate() + dt.timedelta(days=2)).isoformat(),
            "kind": "online",
            "amount": "5",
        },
    )
    assert response.status_code == 400
    assert not LedgerEntry.objects.exists()


def test_it_offers_no_way_to_change_or_delete_an_entry():
    names = {
        name
        for name in get_resolver().reverse_dict
        if isinstance(name, str) and name.startswith("solidarity:fund")
    } | {
        f"solidarity:{name}"
        for name in get_resolver().namespace_dict["solidarity"][1].reverse_dict
        if isinstance(name, str) and name.startswith("fund")
    }
    assert not any(word in name for name in names for word in ("edit", "delete", "update"))
    for name in ("fund_entry_edit", "fund_entry_delete", "fund_entry_update"):
        with pytest.raises(NoReverseMatch):
            reverse(f"solidarity:{name}", kwargs={"slug": "x", "pk": 1, "entry_id": 1})
    public = [name for name in dir(funds_services) if not name.startswith("_")]
    assert not [
        n
        for n in public
        if n.startswith("ledger_entry_")
        and n
        not in {
            "ledger_entry_record",
            "ledger_entry_reverse",
        }
    ]


def test_it_allows_no_http_method_but_get_and_post_on_the_ledger_pages(client):
    fund, treasurer = _fund()
    entry = _record(fund, treasurer, 100)
    login(client, treasurer)
    url = reverse(
        "solidarity:fund_entry_reverse",
        kwargs={"slug": fund.dispute.slug, "pk": fund.pk, "entry_id": entry.pk},
    )
    assert client.delete(url).status_code == 405
    assert client.put(url).status_code == 405
    entry.refresh_from_db()
    assert entry.amount_minor == 100
