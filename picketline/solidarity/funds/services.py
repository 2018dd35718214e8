"""Writes for strike funds: the fund itself, its append-only ledger, and pledges.

The ledger is append-only. No function here (or anywhere) changes or deletes a `LedgerEntry`:
a mistake is undone by `ledger_entry_reverse`, which writes the opposite amount and says why.
Every ledger write locks the fund's row first, so concurrent writes to one fund run one after
another and each sees the entries written before it.
"""

import calendar
import datetime as dt
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Exists, F, OuterRef
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from picketline.core.audit import field_changes, log_action
from picketline.core.models import AuditEntry
from picketline.core.outbox import outbox_send
from picketline.core.tokens import token_hash
from picketline.solidarity.funds.models import (
    EntryKind,
    Fund,
    LedgerEntry,
    Pledge,
    PledgeRecurrence,
    PledgeStatus,
)
from picketline.solidarity.funds.money import check_currency, format_amount

FUND_KIND = "fund"
# Changing any of these sends the fund back to the moderators before the public sees it again.
HOW_TO_GIVE = ("donation_url", "bank_details")
FUND_FIELDS = ("name", "kind", "currency", "target_minor", *HOW_TO_GIVE)
REMINDED = "pledge.reminded"


# --- funds -----------------------------------------------------------------------------------


def _check_how_to_give(fields: dict) -> None:
    if (
        not (fields.get("donation_url") or "").strip()
        and not (fields.get("bank_details") or "").strip()
    ):
        raise ValidationError(
            _("Say how to give: a donation link, bank details, or both."), code="how_to_give"
        )


@transaction.atomic
def fund_create(*, dispute, user, name, kind, currency, target_minor, donation_url, bank_details):
    """A fund for `dispute`, hidden until a moderator verifies how to give."""
    fields = {
        "name": name,
        "kind": kind,
        "currency": check_currency(currency),
        "target_minor": target_minor,
        "donation_url": donation_url,
        "bank_details": bank_details,
    }
    _check_how_to_give(fields)
    fund = Fund.objects.create(dispute=dispute, **fields)
    log_action(fund, "fund.created", user=user, data={"dispute": dispute.pk})
    from picketline.moderation.services import moderation_submit

    moderation_submit(obj=fund, kind=FUND_KIND, user=user)
    return fund


@transaction.atomic
def fund_update(*, fund: Fund, user, **fields) -> Fund:
    """Changes a fund. A new way to give hides the fund until a moderator checks it again."""
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    if "currency" in fields:
        fields["currency"] = check_currency(fields["currency"])
    before = {name: getattr(fund, name) for name in FUND_FIELDS}
    after = {**before, **{k: v for k, v in fields.items() if k in FUND_FIELDS}}
    _check_how_to_give(after)
    changes = field_changes(before, after)
    if not changes:
        return fund
    for name, value in after.items():
        setattr(fund, name, value)
    update_fields = [*FUND_FIELDS, "updated_at"]
    reverify = any(name in changes for name in HOW_TO_GIVE)
    if reverify:
        fund.verified_at = None
        fund.verified_by = None
        update_fields += ["verified_at", "verified_by"]
    fund.save(update_fields=update_fields)
    log_action(fund, "fund.changed", user=user, data={"changes": changes})
    if reverify:
        _resubmit(fund, user=user)
    return fund


def _resubmit(fund: Fund, *, user) -> None:
    """Puts the fund back in the review queue (its one item is reopened once decided)."""
    from picketline.moderation.digest import moderators_digest_schedule
    from picketline.moderation.models import OPEN_STATUSES, ItemStatus, ModerationItem
    from picketline.moderation.services import item_for_object, moderation_submit

    item = item_for_object(fund)
    if item is None:
        moderation_submit(obj=fund, kind=FUND_KIND, user=user)
        return
    item = ModerationItem.objects.select_for_update().get(pk=item.pk)
    if item.status in OPEN_STATUSES:
        return
    item.status = ItemStatus.PENDING
    item.decided_at = None
    item.decided_by = None
    item.reason = ""
    item.submitted_at = timezone.now()
    item.notified_at = None
    item.summary = _fund_summary(fund)[:300]
    # A moderator holding the old decision's page must look again.
    item.version = F("version") + 1
    item.save(
        update_fields=[
            "status",
            "decided_at",
            "decided_by",
            "reason",
            "submitted_at",
            "notified_at",
            "summary",
            "version",
            "updated_at",
        ]
    )
    log_action(fund, "fund.submitted", user=user, data={"item": item.pk, "again": True})
    transaction.on_commit(moderators_digest_schedule)


def _fund_summary(fund: Fund) -> str:
    return f"{fund.name} — {fund.dispute.title}"


def fund_verify(*, fund: Fund, user) -> Fund:
    """A moderator has checked how to give: the fund is public. Called under the item's lock."""
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    _check_how_to_give({"donation_url": fund.donation_url, "bank_details": fund.bank_details})
    fund.verified_at = timezone.now()
    fund.verified_by = user
    fund.save(update_fields=["verified_at", "verified_by", "updated_at"])
    return fund


# --- the ledger ------------------------------------------------------------------------------


def _lock_fund(fund: Fund) -> Fund:
    return Fund.objects.select_for_update().get(pk=fund.pk)


@transaction.atomic
def ledger_entry_record(
    *, fund: Fund, date: dt.date, kind: str, amount_minor: int, note: str, user
) -> LedgerEntry:
    """Appends one movement of money in the fund's currency.

    `amount_minor` is the size of the movement: a disbursement is stored negative whatever
    its sign here, every other kind positive. Corrections go through `ledger_entry_reverse`.
    """
    fund = _lock_fund(fund)
    if kind == EntryKind.REVERSAL or kind not in EntryKind.values:
        raise ValidationError(_("Choose what kind of money this is."), code="kind")
    size = abs(int(amount_minor))
    if size == 0:
        raise ValidationError(_("Enter an amount greater than zero."), code="not_positive")
    entry = LedgerEntry.objects.create(
        fund=fund,
        date=date,
        kind=kind,
        amount_minor=-size if kind == EntryKind.DISBURSEMENT else size,
        currency=fund.currency,
        note=note.strip(),
        recorded_by=user,
    )
    log_action(
        entry,
        "ledger.recorded",
        user=user,
        data={"fund": fund.pk, "amount_minor": entry.amount_minor, "currency": entry.currency},
    )
    return entry


@transaction.atomic
def ledger_entry_reverse(*, entry: LedgerEntry, reason: str, user) -> LedgerEntry:
    """Writes the entry's opposite, pointing at it, with the reason. An entry is reversed at
    most once, and a correction is never itself reversed (record a new entry instead)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why this entry is being corrected."), code="reason")
    _lock_fund(entry.fund)
    entry = LedgerEntry.objects.get(pk=entry.pk)
    if entry.kind == EntryKind.REVERSAL:
        raise ValidationError(
            _("A correction cannot itself be corrected: record a new entry instead."),
            code="reversal_of_reversal",
        )
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise ValidationError(_("This entry has already been corrected."), code="already")
    reversal = LedgerEntry.objects.create(
        fund_id=entry.fund_id,
        date=timezone.localdate(),
        kind=EntryKind.REVERSAL,
        amount_minor=-entry.amount_minor,
        currency=entry.currency,
        note="",
        recorded_by=user,
        reverses=entry,
        reason=reason,
    )
    log_action(
        reversal,
        "ledger.reversed",
        user=user,
        data={"fund": entry.fund_id, "reverses": entry.pk},
        reason=reason,
    )
    return reversal


# --- pledges ---------------------------------------------------------------------------------


def pledge_get_by_token(*, raw: str) -> Pledge | None:
    if not raw or len(raw) > 100:
        return None
    return (
        Pledge.objects.select_related("fund__dispute")
        .filter(cancel_token_hash=token_hash(raw))
        .first()
    )


def _cancel_url(raw: str) -> str:
    return settings.SITE_URL + reverse("solidarity:pledge_cancel", kwargs={"token": raw})


def _fund_url(fund: Fund) -> str:
    path = reverse("solidarity:fund_detail", kwargs={"slug": fund.dispute.slug, "pk": fund.pk})
    return settings.SITE_URL + path


def _email_pledger(pledge: Pledge, *, template: str, raw_token: str) -> None:
    """Queues an email to the pledger alone, about their own pledge, once the row is stored."""
    context = {
        "pledge": pledge,
        "fund": pledge.fund,
        "dispute": pledge.fund.dispute,
        "amount": format_amount(pledge.amount_minor, pledge.currency),
        "fund_url": _fund_url(pledge.fund),
        "cancel_url": _cancel_url(raw_token),
    }
    subject = render_to_string(f"solidarity/funds/email/{template}_subject.txt", context)
    body = render_to_string(f"solidarity/funds/email/{template}.txt", context)
    outbox_send(subject=subject, body=body, to=[pledge.email])


@transaction.atomic
def pledge_create(*, fund: Fund, amount_minor: int, recurrence: str, name: str, email: str):
    """Stores a pledge to a public fund; thanks the pledger with a private link to cancel it.

    Returns (pledge, raw cancel token); only the token's hash is stored.
    """
    if fund.verified_at is None:
        raise ValidationError(_("This fund is not taking pledges."), code="not_public")
    if amount_minor <= 0:
        raise ValidationError(_("Enter an amount greater than zero."), code="not_positive")
    raw = secrets.token_urlsafe(24)
    pledge = Pledge.objects.create(
        fund=fund,
        amount_minor=amount_minor,
        currency=fund.currency,
        recurrence=recurrence,
        name=name.strip(),
        email=email.strip(),
        cancel_token_hash=token_hash(raw),
    )
    log_action(pledge, "pledge.created", data={"fund": fund.pk})
    if pledge.email:
        _email_pledger(pledge, template="pledge_thanks", raw_token=raw)
    return pledge, raw


def pledge_can_cancel(pledge: Pledge) -> bool:
    """A promise can be withdrawn; so can a monthly gift after its first month arrived."""
    if pledge.status == PledgeStatus.PROMISED:
        return True
    return pledge.status == PledgeStatus.RECEIVED and pledge.recurrence == PledgeRecurrence.MONTHLY


@transaction.atomic
def pledge_cancel(*, pledge: Pledge) -> Pledge:
    """The pledger withdraws (from their private link). What was received stays in the ledger."""
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    if pledge.status == PledgeStatus.CANCELLED:
        return pledge
    if not pledge_can_cancel(pledge):
        raise ValidationError(
            _("This pledge has already been received, so there is nothing to cancel."),
            code="received",
        )
    pledge.status = PledgeStatus.CANCELLED
    pledge.save(update_fields=["status", "updated_at"])
    log_action(pledge, "pledge.cancelled")
    return pledge


@transaction.atomic
def pledge_mark_received(
    *, pledge: Pledge, user, kind: str = EntryKind.ONLINE, date: dt.date | None = None
) -> Pledge:
    """A treasurer says the money arrived: writes its ledger entry and links it, once.

    The pledge row is locked first (then the fund, in `ledger_entry_record`), so a second
    click or a second treasurer finds it already received and nothing more is written.
    """
    pledge = Pledge.objects.select_for_update().select_related("fund").get(pk=pledge.pk)
    if pledge.status == PledgeStatus.RECEIVED or pledge.entry_id is not None:
        raise ValidationError(_("This pledge was already marked received."), code="already")
    if pledge.status == PledgeStatus.CANCELLED:
        raise ValidationError(_("This pledge was cancelled."), code="cancelled")
    if kind in (EntryKind.DISBURSEMENT, EntryKind.REVERSAL):
        raise ValidationError(_("Choose how the money arrived."), code="kind")
    if pledge.currency != pledge.fund.currency:
        raise ValidationError(
            _("This pledge is in %(pledged)s but the fund now keeps %(fund)s: record it by hand.")
            % {"pledged": pledge.currency, "fund": pledge.fund.currency},
            code="currency",
        )
    entry = ledger_entry_record(
        fund=pledge.fund,
        date=date or timezone.localdate(),
        kind=kind,
        amount_minor=pledge.amount_minor,
        note=_("Pledge received"),
        user=user,
    )
    pledge.entry = entry
    pledge.status = PledgeStatus.RECEIVED
    pledge.received_at = timezone.now()
    pledge.save(update_fields=["entry", "status", "received_at", "updated_at"])
    log_action(pledge, "pledge.received", user=user, data={"entry": entry.pk})
    return pledge


def one_month_before(moment: dt.datetime) -> dt.datetime:
    """The same day and time a calendar month earlier (the month's last day when shorter)."""
    year, month = (moment.year, moment.month - 1) if moment.month > 1 else (moment.year - 1, 12)
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def pledges_due_reminder(*, now: dt.datetime | None = None):
    """Monthly pledges still standing whose pledger has not been reminded for a month.

    Reminders are recorded in the audit log (`pledge.reminded`), so the last one is the
    newest such entry; a pledge never reminded counts from when it was made.
    """
    cutoff = one_month_before(now or timezone.now())
    recent = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Pledge),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        action=REMINDED,
        created_at__gt=cutoff,
    )
    return (
        Pledge.objects.filter(
            recurrence=PledgeRecurrence.MONTHLY,
            status__in=[PledgeStatus.PROMISED, PledgeStatus.RECEIVED],
            created_at__lte=cutoff,
            fund__verified_at__isnull=False,
        )
        .exclude(email="")
        .exclude(Exists(recent))
        .select_related("fund__dispute")
        .order_by("id")
    )


def pledge_reminders_send_due() -> int:
    """Emails each monthly pledger who is due a reminder; returns how many were sent.

    Each pledge is claimed under a row lock and its reminder recorded in the same transaction,
    so runs that overlap never remind anyone twice. The reminder carries a fresh cancel link
    (the old one is replaced: only its hash was ever stored).
    """
    sent = 0
    for pledge_id in list(pledges_due_reminder().values_list("pk", flat=True)):
        with transaction.atomic():
            pledge = (
                pledges_due_reminder()
                .filter(pk=pledge_id)
                .select_for_update(skip_locked=True, of=("self",))
                .first()
            )
            if pledge is None:
                continue
            raw = secrets.token_urlsafe(24)
            pledge.cancel_token_hash = token_hash(raw)
            pledge.save(update_fields=["cancel_token_hash", "updated_at"])
            log_action(pledge, REMINDED)
            with translation.override(settings.LANGUAGE_CODE):
                _email_pledger(pledge, template="pledge_reminder", raw_token=raw)
            sent += 1
    return sent
