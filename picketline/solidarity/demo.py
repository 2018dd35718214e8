"""Demo solidarity around the demo disputes: messages, a strike fund with its ledger and a
pledge, people coming to a picket, and a delegation — so every section has something to show.

Loaded by `picketline demo-solidarity` after `picketline demo`; safe to re-run.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from picketline.disputes.models import Dispute
from picketline.disputes.shifts import shift_occurrences
from picketline.moderation.services import item_approve, item_for_object
from picketline.solidarity.delegations.services import delegation_add
from picketline.solidarity.funds.services import (
    fund_create,
    fund_verify,
    ledger_entry_record,
    pledge_create,
)
from picketline.solidarity.messages.models import Message
from picketline.solidarity.messages.services import message_send
from picketline.solidarity.pickets.services import signup_create

DEMO_DISPUTE = "Northgate Buses drivers' pay strike"
MESSAGES = (
    ("Dockers' branch (demo)", "FR", "fr", "Les dockers sont avec vous. Tenez bon !"),
    ("Hospital cleaners (demo)", "GB", "en", "From one picket line to another: solidarity!"),
    ("Repartidores (demo)", "ES", "es", "¡Ánimo desde Madrid! Vuestra lucha es la nuestra."),
    ("", "DE", "en", "Sent from the depot canteen, where we took a collection for you."),
)


@transaction.atomic
def demo_solidarity_load(*, moderator) -> bool:
    """Returns False when the demo solidarity is there already (or no demo dispute is)."""
    dispute = Dispute.objects.filter(is_demo=True, title=DEMO_DISPUTE).first()
    if dispute is None or Message.objects.filter(dispute=dispute).exists():
        return False
    today = timezone.localdate()
    for name, country, language, body in MESSAGES:
        message = message_send(
            dispute=dispute,
            sender_name=name,
            organisation_name=name,
            country=country,
            language=language,
            body=body,
            sender_email="",
            contact_consent=False,
        )
        item = item_for_object(message)
        if item is not None:
            item_approve(item=item, version=item.version, user=moderator)
    treasurer = dispute.coordinators.first() or moderator
    fund = fund_create(
        dispute=dispute,
        user=treasurer,
        name="Northgate drivers' strike fund (demo)",
        kind="strike",
        currency="GBP",
        target_minor=5_000_000,
        donation_url="https://example.org/donate/northgate-demo",
        bank_details="",
    )
    fund = fund_verify(fund=fund, user=moderator)
    for days_ago, kind, amount, note in (
        (9, "workplace", 182_050, "Collection at the depot canteen"),
        (6, "street", 64_320, "Bucket collection at the bus station"),
        (3, "grant", 1_000_000, "Grant from the union's national fund"),
        (1, "disbursement", 450_000, "Strike pay, first week"),
    ):
        ledger_entry_record(
            fund=fund,
            date=today - dt.timedelta(days=days_ago),
            kind=kind,
            amount_minor=amount,
            note=note,
            user=treasurer,
        )
    pledge_create(fund=fund, amount_minor=2_500, recurrence="monthly", name="", email="")
    shift = next((shift for site in dispute.sites.all() for shift in site.shifts.all()), None)
    if shift is not None:
        upcoming = [o for o in shift_occurrences(shift) if o.starts_at > timezone.now()]
        if upcoming:
            for name, size in (("Sam (demo)", 2), ("Ali (demo)", 1), ("Jo (demo)", 3)):
                signup_create(
                    shift=shift,
                    occurrence_starts_at=upcoming[0].starts_at,
                    name=name,
                    phone="+44 7700 900000",
                    party_size=size,
                )
    delegation_add(
        dispute=dispute,
        user=treasurer,
        kind="visited",
        date=today - dt.timedelta(days=2),
        group_name="Hospital cleaners' strike committee (demo)",
        country="GB",
        description="Brought a banner and stayed for the morning picket.",
    )
    return True
