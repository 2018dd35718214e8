"""Writes of dues: plans, settings, and the append-only ledger.

No function here (or anywhere) changes or deletes a `DuesEntry`: a mistake is undone by
`dues_entry_reverse`, which writes the opposite amount and says why. Every ledger write
locks the member's row first, so concurrent writes for one member run one after another.
An entry from outside (a provider's invoice, a bank statement's row) carries an
`external_id` the database keeps unique, so it is recorded once however often it arrives.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.core.audit import log_action
from picketline.core.money import check_currency
from picketline.membership.dues.models import (
    DuesEntry,
    DuesPlan,
    EntryMethod,
    MembershipSettings,
    PlanKind,
)
from picketline.membership.dues.standing import local_date
from picketline.membership.members.models import Membership
from picketline.membership.members.selectors import MembershipAccess, membership_settings_for

RECORDED_METHODS = (EntryMethod.CASH, EntryMethod.BANK, EntryMethod.OTHER)


def may_record_payment(access: MembershipAccess, membership: Membership) -> bool:
    """Admins and treasurers for anyone; a chapter's organisers for its members (cash taken
    at a meeting)."""
    if membership.organisation_id != access.organisation.pk:
        return False
    return access.keeps_dues or membership.chapter_id in access.chapter_ids


@transaction.atomic
def plan_create(
    *,
    access: MembershipAccess,
    by,
    name: str,
    kind: str,
    amount_minor: int,
    currency: str,
    period: str,
) -> DuesPlan:
    if not access.keeps_dues:
        raise PermissionDenied
    if kind == PlanKind.WAIVED:
        amount_minor = 0
    elif not amount_minor or amount_minor <= 0:
        raise ValidationError({"amount": _("Enter an amount greater than zero.")})
    plan = DuesPlan.objects.create(
        organisation=access.organisation,
        name=name.strip(),
        kind=kind,
        amount_minor=amount_minor,
        currency=check_currency(currency),
        period=period,
    )
    log_action(plan, "dues.plan_created", user=by, data={"organisation": plan.organisation_id})
    return plan


@transaction.atomic
def plan_retire(*, access: MembershipAccess, by, plan: DuesPlan) -> DuesPlan:
    """No longer offered to people joining; its members keep it."""
    if not access.keeps_dues or plan.organisation_id != access.organisation.pk:
        raise PermissionDenied
    plan.is_active = False
    plan.save(update_fields=["is_active", "updated_at"])
    log_action(plan, "dues.plan_retired", user=by)
    return plan


@transaction.atomic
def membership_settings_update(
    *, access: MembershipAccess, by, timezone_name: str, grace_periods: int, drive_goal: int
) -> MembershipSettings:
    if not access.is_admin:
        raise PermissionDenied
    settings, _created = MembershipSettings.objects.select_for_update().get_or_create(
        organisation=access.organisation
    )
    settings.timezone = timezone_name
    settings.grace_periods = grace_periods
    settings.drive_goal = drive_goal
    settings.full_clean(exclude=["organisation"])
    settings.save()
    log_action(
        access.organisation,
        "membership.settings_changed",
        user=by,
        data={"timezone": timezone_name, "grace_periods": grace_periods, "goal": drive_goal},
    )
    return settings


def _lock(membership: Membership) -> Membership:
    return (
        Membership.objects.select_for_update(of=("self",))
        .select_related("plan", "organisation")
        .get(pk=membership.pk)
    )


def _entry_date(membership: Membership, paid_at: dt.datetime | dt.date | None) -> dt.date:
    if paid_at is None:
        paid_at = timezone.now()
    if isinstance(paid_at, dt.datetime):
        return local_date(paid_at, membership_settings_for(membership.organisation).timezone)
    return paid_at


def _append(
    membership: Membership,
    *,
    amount_minor: int,
    currency: str,
    method: str,
    paid_at,
    note: str = "",
    external_id: str | None = None,
    by=None,
) -> DuesEntry:
    """Appends one payment for a locked member. Call inside the transaction holding the lock."""
    if membership.plan is None or membership.plan.kind == PlanKind.WAIVED:
        raise ValidationError(_("This member has no dues to pay."), code="no_dues")
    currency = check_currency(currency or membership.plan.currency)
    if currency != membership.plan.currency:
        raise ValidationError(
            _("This member's dues are in %(currency)s.") % {"currency": membership.plan.currency},
            code="currency",
        )
    amount_minor = int(amount_minor)
    if amount_minor <= 0:
        raise ValidationError(_("Enter an amount greater than zero."), code="not_positive")
    entry = DuesEntry.objects.create(
        membership=membership,
        date=_entry_date(membership, paid_at),
        method=method,
        amount_minor=amount_minor,
        currency=currency,
        note=(note or "").strip()[:300],
        external_id=external_id,
        recorded_by=by if by is not None and by.is_authenticated else None,
    )
    log_action(
        entry,
        "dues.recorded",
        user=by,
        data={
            "membership": membership.pk,
            "amount_minor": amount_minor,
            "currency": currency,
            "method": method,
        },
    )
    return entry


@transaction.atomic
def dues_entry_record(
    *,
    access: MembershipAccess,
    membership: Membership,
    by,
    amount_minor: int,
    method: str,
    currency: str = "",
    paid_at: dt.datetime | dt.date | None = None,
    note: str = "",
) -> DuesEntry:
    """A treasurer (or the member's chapter organiser) records dues paid in cash, by bank
    transfer or otherwise."""
    if not may_record_payment(access, membership):
        raise PermissionDenied
    if method not in RECORDED_METHODS:
        raise ValidationError({"method": _("Choose how the dues were paid.")})
    membership = _lock(membership)
    return _append(
        membership,
        amount_minor=amount_minor,
        currency=currency,
        method=method,
        paid_at=paid_at,
        note=note,
        by=by,
    )


def dues_entry_record_external(
    *,
    membership: Membership,
    external_id: str,
    amount_minor: int,
    currency: str,
    method: str,
    paid_at,
    note: str = "",
    by=None,
) -> DuesEntry | None:
    """Records a payment from outside once: None when `external_id` was already recorded."""
    try:
        with transaction.atomic():
            membership = _lock(membership)
            if DuesEntry.objects.filter(external_id=external_id).exists():
                return None
            return _append(
                membership,
                amount_minor=amount_minor,
                currency=currency,
                method=method,
                paid_at=paid_at,
                note=note,
                external_id=external_id,
                by=by,
            )
    except IntegrityError:
        # Recorded at the same moment by another delivery: the database kept one.
        if DuesEntry.objects.filter(external_id=external_id).exists():
            return None
        raise


def dues_entry_reverse_external(*, entry: DuesEntry, reason: str) -> DuesEntry | None:
    """Reverses an entry from outside (a refund), once."""
    try:
        with transaction.atomic():
            _lock(entry.membership)
            if DuesEntry.objects.filter(reverses=entry).exists():
                return None
            return _reverse(entry, reason=reason, by=None)
    except IntegrityError:
        return None


def _reverse(entry: DuesEntry, *, reason: str, by) -> DuesEntry:
    reversal = DuesEntry.objects.create(
        membership_id=entry.membership_id,
        date=_entry_date(entry.membership, None),
        method=EntryMethod.REVERSAL,
        amount_minor=-entry.amount_minor,
        currency=entry.currency,
        recorded_by=by if by is not None and by.is_authenticated else None,
        reverses=entry,
        reason=reason,
    )
    log_action(
        reversal,
        "dues.reversed",
        user=by,
        data={"membership": entry.membership_id, "reverses": entry.pk},
        reason=reason,
    )
    return reversal


@transaction.atomic
def dues_entry_reverse(*, access: MembershipAccess, entry: DuesEntry, by, reason: str) -> DuesEntry:
    """Writes the entry's opposite, pointing at it, with the reason. An entry is reversed at
    most once, and a correction is never itself reversed (record a new entry instead)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this entry is being corrected.")})
    if not may_record_payment(access, entry.membership):
        raise PermissionDenied
    _lock(entry.membership)
    entry = DuesEntry.objects.select_related("membership__organisation").get(pk=entry.pk)
    if entry.method == EntryMethod.REVERSAL:
        raise ValidationError(
            _("A correction cannot itself be corrected: record a new entry instead."),
            code="reversal_of_reversal",
        )
    if DuesEntry.objects.filter(reverses=entry).exists():
        raise ValidationError(_("This entry has already been corrected."), code="already")
    return _reverse(entry, reason=reason, by=by)


# --- reminders -------------------------------------------------------------------------------


def dues_reminders_send_due(*, now: dt.datetime | None = None) -> int:
    """Emails each active member who is in arrears (or lapsed), at most once a dues period.

    The member's row is locked and the period recorded (`reminded_for`) in the same
    transaction as the email is queued, so overlapping runs never remind anyone twice.
    """
    from picketline.membership.dues.standing import period_start, standing_annotate
    from picketline.membership.members import notices
    from picketline.membership.members.models import MembershipStatus
    from picketline.organisations.models import Organisation

    now = now or timezone.now()
    sent = 0
    organisations = Organisation.objects.filter(
        memberships__status=MembershipStatus.ACTIVE, dues_plans__isnull=False
    ).distinct()
    for organisation in organisations:
        settings = membership_settings_for(organisation)
        as_of = local_date(now, settings.timezone)
        behind = standing_annotate(
            Membership.objects.filter(
                organisation=organisation, status=MembershipStatus.ACTIVE
            ).select_related("plan"),
            as_of=as_of,
            grace_periods=settings.grace_periods,
        ).filter(arrears__gte=1)
        for member in behind.iterator(chunk_size=1000):
            current = period_start(member.dues_start, member.plan.period, as_of)
            if member.reminded_for is not None and member.reminded_for >= current:
                continue
            with transaction.atomic():
                locked = (
                    Membership.objects.select_for_update(skip_locked=True)
                    .filter(pk=member.pk, status=MembershipStatus.ACTIVE)
                    .first()
                )
                if locked is None or (
                    locked.reminded_for is not None and locked.reminded_for >= current
                ):
                    continue
                locked.reminded_for = current
                locked.save(update_fields=["reminded_for"])
                log_action(
                    organisation,
                    "membership.reminded",
                    data={"membership": member.pk, "arrears": member.arrears},
                )
                notices.dues_reminder(member, arrears=member.arrears)
                sent += 1
    return sent
