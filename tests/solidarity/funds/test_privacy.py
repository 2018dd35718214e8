"""No public page shows who pledged (their email, or their name when they stayed anonymous)
or which account recorded a ledger entry."""

import datetime as dt

import pytest
from django.urls import reverse

from picketline.moderation.services import item_approve, item_for_object
from picketline.solidarity.funds.services import (
    fund_create,
    ledger_entry_record,
    pledge_create,
    pledge_mark_received,
)
from tests.factories import make_coordinator, make_dispute, make_moderator

pytestmark = pytest.mark.django_db


def test_it_shows_no_pledger_or_treasurer_on_any_public_page(client):
    dispute = make_dispute(title="Warehouse strike")
    treasurer = make_coordinator(dispute, username="treasurer_jo")
    fund = fund_create(
        dispute=dispute,
        user=treasurer,
        name="Warehouse strike fund",
        kind="strike",
        currency="EUR",
        target_minor=100_000,
        donation_url="https://example.org/give",
        bank_details="IBAN DE00 0000",
    )
    item = item_for_object(fund)
    item_approve(item=item, version=item.version, user=make_moderator())
    fund.refresh_from_db()
    named, _ = pledge_create(
        fund=fund,
        amount_minor=5_000,
        recurrence="once",
        name="Rosa Named",
        email="rosa@example.org",
    )
    pledge_create(
        fund=fund, amount_minor=7_000, recurrence="monthly", name="", email="hidden@example.org"
    )
    pledge_mark_received(pledge=named, user=treasurer)
    ledger_entry_record(
        fund=fund,
        date=dt.date(2026, 2, 1),
        kind="street",
        amount_minor=1_234,
        note="",
        user=treasurer,
    )

    pages = [
        dispute.get_absolute_url(),
        reverse("solidarity:fund_detail", kwargs={"slug": dispute.slug, "pk": fund.pk}),
    ]
    for url in pages:
        text = client.get(url).text
        assert "Warehouse strike fund" in text, url
        for private in ("rosa@example.org", "hidden@example.org", "Rosa Named", "treasurer_jo"):
            assert private not in text, (url, private)
        assert "@example.org" not in text, url
    assert "a treasurer" in client.get(pages[1]).text
    assert "IBAN DE00 0000" in client.get(pages[1]).text
