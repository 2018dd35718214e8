"""The solidarity dashboards count what happened, per dispute and across the site, with no
person in them."""

import datetime as dt
import secrets

import pytest
from django.utils import timezone

from picketline.solidarity.delegations.services import delegation_add
from picketline.solidarity.models import (
    Fund,
    LedgerEntry,
    Message,
    ShiftAttendance,
    ShiftSignup,
)
from tests.factories import make_dispute

pytestmark = pytest.mark.django_db

SENTINEL_EMAIL = "sentinel-dashboard@example.invalid"
SENTINEL_NAME = "Sentinelvolunteer"


def _message(dispute, country, *, published=True):
    return Message.objects.create(
        dispute=dispute,
        body="Solidarity!",
        country=country,
        sender_name=SENTINEL_NAME,
        sender_email=SENTINEL_EMAIL,
        contact_consent=True,
        published_at=timezone.now() if published else None,
    )


def _fund(dispute, currency, *, verified=True):
    return Fund.objects.create(
        dispute=dispute,
        name=f"Strike fund {currency}",
        currency=currency,
        donation_url="https://union.example.org/give",
        verified_at=timezone.now() if verified else None,
    )


def _entry(fund, amount, kind="online", **fields):
    return LedgerEntry.objects.create(
        fund=fund,
        date=timezone.localdate(),
        kind=kind,
        amount_minor=amount,
        currency=fund.currency,
        **fields,
    )


@pytest.fixture
def activity():
    dispute = make_dispute(with_shift=True)
    other = make_dispute()
    for country in ("FR", "FR", "ES"):
        _message(dispute, country)
    _message(dispute, "DE", published=False)
    _message(other, "IT")
    gbp, eur = _fund(dispute, "GBP"), _fund(dispute, "EUR")
    first = _entry(gbp, 10_000)
    _entry(gbp, -2_500, kind="disbursement")
    _entry(gbp, -10_000, kind="reversal", reverses=first, reason="Counted twice")
    _entry(gbp, 7_000)
    _entry(eur, 5_000)
    _entry(_fund(dispute, "USD", verified=False), 99_900)
    shift = dispute.sites.get().shifts.get()
    ShiftSignup.objects.create(
        shift=shift,
        occurrence_starts_at=shift.starts_at,
        name=SENTINEL_NAME,
        email=SENTINEL_EMAIL,
        party_size=4,
        cancel_token_hash=secrets.token_hex(32),
    )
    ShiftSignup.objects.create(
        shift=shift,
        occurrence_starts_at=shift.starts_at,
        name="Gone",
        phone="+44 7700 900000",
        party_size=3,
        cancel_token_hash=secrets.token_hex(32),
        cancelled_at=timezone.now(),
    )
    ShiftAttendance.objects.create(shift=shift, occurrence_starts_at=shift.starts_at, people=9)
    delegation_add(
        dispute=dispute,
        user=None,
        kind="visited",
        date=timezone.localdate() - dt.timedelta(days=1),
        group_name="Bakers' branch",
    )
    return dispute


def test_it_counts_a_disputes_solidarity(client, activity):
    response = client.get(f"/disputes/{activity.slug}/solidarity/")
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures.messages == 3
    assert [n for _label, n in figures.by_country] == [2, 1]
    assert figures.money == [("EUR", 5_000, 5_000), ("GBP", 17_000, 4_500)]
    assert (figures.people_coming, figures.people_came, figures.delegations) == (4, 9, 1)
    body = response.content.decode()
    # Country names come from CLDR, with or without the gazetteer.
    assert "<svg" in body and ">France<" in body
    assert "45.00 GBP" in body or "45.00\xa0GBP" in body
    assert "USD" not in body


def test_it_counts_every_dispute_on_the_site_page(client, activity):
    figures = client.get("/solidarity/").context["figures"]
    assert figures.messages == 4
    assert dict(figures.by_country) == {"France": 2, "Spain": 1, "Italy": 1}


def test_it_shows_nobody(client, activity):
    for url in ("/solidarity/", f"/disputes/{activity.slug}/solidarity/"):
        body = client.get(url).content.decode()
        assert SENTINEL_EMAIL not in body
        assert SENTINEL_NAME not in body


def test_it_answers_404_for_an_unknown_dispute(client, db):
    assert client.get("/disputes/nothing-here/solidarity/").status_code == 404
