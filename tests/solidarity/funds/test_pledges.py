"""Pledges: a supporter promises to give, is thanked privately with a link to cancel, and a
treasurer marks the pledge received, which writes its ledger entry exactly once."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from picketline.core.audit import audit_entries_for
from picketline.moderation.services import item_approve, item_for_object
from picketline.solidarity.funds.services import (
    fund_create,
    one_month_before,
    pledge_create,
    pledge_mark_received,
)
from picketline.solidarity.funds.tasks import pledge_reminders_send
from picketline.solidarity.models import LedgerEntry, Pledge
from tests.factories import login, make_coordinator, make_dispute, make_moderator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _fund(currency="GBP"):
    dispute = make_dispute(title="Care workers' strike")
    coordinator = make_coordinator(dispute)
    fund = fund_create(
        dispute=dispute,
        user=coordinator,
        name="Care strike fund",
        kind="strike",
        currency=currency,
        target_minor=None,
        donation_url="https://example.org/give",
        bank_details="",
    )
    item = item_for_object(fund)
    item_approve(item=item, version=item.version, user=make_moderator())
    fund.refresh_from_db()
    return fund, coordinator


def _url(fund):
    return reverse("solidarity:fund_detail", kwargs={"slug": fund.dispute.slug, "pk": fund.pk})


def _pledge_data(**extra):
    return {"amount": "25", "recurrence": "once", "name": "", "email": "", **extra}


def test_it_thanks_the_pledger_privately_with_a_link_to_cancel(client, send_now):
    fund, _treasurer = _fund()
    pledge_create(
        fund=fund, amount_minor=9_900, recurrence="once", name="Other Person", email="o@example.org"
    )
    mail.outbox.clear()

    with send_now():
        response = client.post(
            _url(fund), _pledge_data(amount="25.50", name="Ada", email="ada@example.org")
        )

    assert response.status_code == 303
    pledge = Pledge.objects.get(email="ada@example.org")
    assert (pledge.amount_minor, pledge.currency, pledge.status) == (2_550, "GBP", "promised")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    assert "Care strike fund" in message.subject
    assert "25.50 GBP" in message.body
    assert "Other Person" not in message.body and "o@example.org" not in message.body
    assert "99.00" not in message.body
    token = re.search(r"/pledges/([^/\s]+)/cancel/", message.body).group(1)
    assert token not in pledge.cancel_token_hash
    assert len(pledge.cancel_token_hash) == 64


def test_it_takes_an_anonymous_pledge_without_an_email(client, send_now):
    fund, _treasurer = _fund()

    with send_now():
        response = client.post(_url(fund), _pledge_data(recurrence="monthly"))

    assert response.status_code == 303
    pledge = Pledge.objects.get()
    assert pledge.name == "" and pledge.email == "" and pledge.recurrence == "monthly"
    assert mail.outbox == []


def test_it_cancels_a_pledge_from_the_private_link(client, send_now):
    fund, _treasurer = _fund()
    with send_now():
        client.post(_url(fund), _pledge_data(email="ada@example.org"))
    path = re.search(r"http://[^/]+(/pledges/\S+/cancel/)", mail.outbox[0].body).group(1)

    page = client.get(path)
    assert page.status_code == 200 and "25.00 GBP" in page.text
    assert "no-store" in page["Cache-Control"]
    assert page["Referrer-Policy"] == "same-origin"
    assert client.post(path).status_code == 200

    pledge = Pledge.objects.get()
    assert pledge.status == "cancelled"
    assert "pledge.cancelled" in [entry.action for entry in audit_entries_for(pledge)]
    assert client.get("/pledges/not-a-token/cancel/").status_code == 404


def test_it_refuses_an_amount_finer_than_the_currency(client):
    fund, _treasurer = _fund(currency="JPY")
    response = client.post(_url(fund), _pledge_data(amount="10.50"))
    assert response.status_code == 400
    assert not Pledge.objects.exists()


def test_it_quietly_refuses_a_robot_filling_the_honeypot(client):
    fund, _treasurer = _fund()
    response = client.post(_url(fund), _pledge_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Pledge.objects.exists()


def test_it_limits_how_many_pledges_one_address_sends(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pledge": "2/hour"}
    fund, _treasurer = _fund()
    for _ in range(2):
        assert client.post(_url(fund), _pledge_data()).status_code == 303
    response = client.post(_url(fund), _pledge_data())
    assert response.status_code == 429 and "Retry-After" in response
    assert Pledge.objects.count() == 2


def test_it_takes_no_pledge_for_a_fund_not_yet_checked(client):
    dispute = make_dispute()
    fund = fund_create(
        dispute=dispute,
        user=make_coordinator(dispute),
        name="Unchecked",
        kind="strike",
        currency="GBP",
        target_minor=None,
        donation_url="https://example.org/give",
        bank_details="",
    )
    assert client.post(_url(fund), _pledge_data()).status_code == 404
    assert not Pledge.objects.exists()


def test_it_writes_the_ledger_entry_once_when_a_pledge_is_received(client):
    fund, treasurer = _fund()
    pledge, _token = pledge_create(
        fund=fund, amount_minor=4_000, recurrence="once", name="Ada", email="ada@example.org"
    )
    login(client, treasurer)
    url = reverse(
        "solidarity:fund_pledge_received",
        kwargs={"slug": fund.dispute.slug, "pk": fund.pk, "pledge_id": pledge.pk},
    )

    first = client.post(url, {"kind": "transfer"})
    second = client.post(url, {"kind": "transfer"})

    assert first.status_code == 303 and second.status_code == 303
    entry = LedgerEntry.objects.get()
    assert (entry.kind, entry.amount_minor, entry.currency) == ("transfer", 4_000, "GBP")
    pledge.refresh_from_db()
    assert pledge.status == "received" and pledge.entry == entry and pledge.received_at
    assert "Ada" not in entry.note and "ada@example.org" not in entry.note
    page = client.get(
        reverse("solidarity:fund_pledges", kwargs={"slug": fund.dispute.slug, "pk": fund.pk})
    )
    assert "ada@example.org" in page.text and "already marked received" in page.text


def test_it_records_a_received_pledge_as_online_unless_told(client):
    fund, treasurer = _fund()
    pledge, _token = pledge_create(
        fund=fund, amount_minor=1_000, recurrence="once", name="", email=""
    )
    login(client, treasurer)
    client.post(
        reverse(
            "solidarity:fund_pledge_received",
            kwargs={"slug": fund.dispute.slug, "pk": fund.pk, "pledge_id": pledge.pk},
        )
    )
    assert LedgerEntry.objects.get().kind == "online"


def test_it_cannot_cancel_a_one_off_pledge_already_received(client):
    fund, treasurer = _fund()
    pledge, token = pledge_create(
        fund=fund, amount_minor=1_000, recurrence="once", name="", email="a@example.org"
    )
    pledge_mark_received(pledge=pledge, user=treasurer)
    path = reverse("solidarity:pledge_cancel", kwargs={"token": token})

    assert client.post(path).status_code == 400
    pledge.refresh_from_db()
    assert pledge.status == "received"
    assert LedgerEntry.objects.count() == 1


def test_it_reminds_monthly_pledgers_once_a_month(send_now):
    fund, treasurer = _fund()
    monthly, _ = pledge_create(
        fund=fund, amount_minor=1_000, recurrence="monthly", name="", email="m@example.org"
    )
    received, _ = pledge_create(
        fund=fund, amount_minor=2_000, recurrence="monthly", name="", email="r@example.org"
    )
    pledge_mark_received(pledge=received, user=treasurer)
    pledge_create(fund=fund, amount_minor=1_000, recurrence="once", name="", email="o@example.org")
    pledge_create(fund=fund, amount_minor=1_000, recurrence="monthly", name="", email="")
    cancelled, _ = pledge_create(
        fund=fund, amount_minor=1_000, recurrence="monthly", name="", email="c@example.org"
    )
    cancelled.status = "cancelled"
    cancelled.save(update_fields=["status"])
    old = timezone.now() - dt.timedelta(days=40)
    Pledge.objects.update(created_at=old)

    with send_now():
        assert pledge_reminders_send.call() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["m@example.org", "r@example.org"]
    assert all("/cancel/" in m.body for m in mail.outbox)

    mail.outbox.clear()
    with send_now():
        assert pledge_reminders_send.call() == 0
    assert mail.outbox == []
    monthly.refresh_from_db()
    assert "pledge.reminded" in [entry.action for entry in audit_entries_for(monthly)]


def test_it_waits_a_month_before_the_first_reminder(send_now):
    fund, _treasurer = _fund()
    pledge_create(
        fund=fund, amount_minor=1_000, recurrence="monthly", name="", email="m@example.org"
    )
    with send_now():
        assert pledge_reminders_send.call() == 0


def test_it_counts_a_month_by_the_calendar():
    assert one_month_before(dt.datetime(2026, 3, 31, 9, 0)) == dt.datetime(2026, 2, 28, 9, 0)
    assert one_month_before(dt.datetime(2026, 1, 15)) == dt.datetime(2025, 12, 15)


def test_the_reminders_command_for_cron_reminds_monthly_pledgers_too(send_now):
    fund, _treasurer = _fund()
    pledge_create(
        fund=fund, amount_minor=1_000, recurrence="monthly", name="", email="m@example.org"
    )
    Pledge.objects.update(created_at=timezone.now() - dt.timedelta(days=40))
    mail.outbox.clear()

    with send_now():
        call_command("send_reminders", stdout=io.StringIO())

    assert [m.to for m in mail.outbox] == [["m@example.org"]]
