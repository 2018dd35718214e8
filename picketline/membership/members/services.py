"""Joining, confirming, leaving, and what organisers do with their roster: add someone met
at a stall, record that someone left, export it, message a segment of it.

Every change writes an audit entry; the audit data names memberships by id, never by name
or address. Emails are queued after the commit (`notices`).
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from picketline.accounts.personal_data import erased_address, is_erased_address
from picketline.core.audit import log_action
from picketline.core.tokens import nonce_new, token_hash, token_new
from picketline.membership.dues.models import DuesEntry, DuesPlan, PlanKind
from picketline.membership.dues.standing import Standing, local_date
from picketline.membership.members import notices
from picketline.membership.members.models import (
    ACTIVE_STATUSES,
    Membership,
    MembershipSource,
    MembershipStatus,
)
from picketline.membership.members.selectors import (
    MembershipAccess,
    RosterFilters,
    chapter_nearest,
    dues_entries_export,
    membership_export,
    membership_get_by_confirm_token,
    membership_settings_for,
    membership_token,
    memberships_of_person,
    roster,
)
from picketline.membership.payments.models import ProviderEvent
from picketline.organisations.models import Chapter, Organisation


@dataclass
class JoinResult:
    membership: Membership
    # False when the address already had a membership: its owner was emailed, nothing made.
    created: bool


def _identify(membership: Membership) -> None:
    membership.token_nonce = nonce_new()
    membership.token_hash = token_hash(membership_token(membership))


def _check_plan(organisation: Organisation, plan: DuesPlan | None, amount_minor: int | None):
    if plan is None:
        # No plan yet (the join form asks for one when the organisation has any; the API
        # may leave it out): no dues until an organiser sets one.
        return None
    if plan.organisation_id != organisation.pk or not plan.is_active:
        raise ValidationError({"plan": _("Choose one of this organisation's dues plans.")})
    if plan.kind != PlanKind.SLIDING:
        return None
    if amount_minor is not None and amount_minor < plan.amount_minor:
        raise ValidationError({"amount": _("On this plan, dues are at least the plan's amount.")})
    return amount_minor


def _check_chapter(organisation: Organisation, chapter: Chapter | None) -> None:
    if chapter is not None and chapter.organisation_id != organisation.pk:
        raise ValidationError({"chapter": _("Choose one of this organisation's chapters.")})


def membership_join(
    *,
    organisation: Organisation,
    name: str,
    email: str,
    place_name: str = "",
    point: tuple[float, float] | None = None,
    chapter: Chapter | None = None,
    plan: DuesPlan | None = None,
    amount_minor: int | None = None,
    agree: bool,
    consent: bool,
    source: str = MembershipSource.ONLINE,
    user=None,
) -> JoinResult:
    """Someone asks to join: a pending membership, and an email with the link confirming it.

    Without a chapter, the nearest one whose area holds `point` is chosen (or none). An
    address that already has a membership makes nothing new: its owner is emailed instead,
    so the form tells the person typing nothing about who is a member.
    """
    name, email = (name or "").strip(), (email or "").strip().lower()
    errors = {}
    if not name:
        errors["name"] = [_("Give your name.")]
    if not email:
        errors["email"] = [_("Give an email address to confirm that you are joining.")]
    if not agree:
        errors["agree"] = [_("Joining means agreeing with the organisation's demands.")]
    if not consent:
        errors["consent"] = [
            _("We need your consent to keep your membership and to email you about it.")
        ]
    if errors:
        raise ValidationError(errors)
    _check_chapter(organisation, chapter)
    amount_minor = _check_plan(organisation, plan, amount_minor)
    if chapter is None and point is not None:
        chapter, _km = chapter_nearest(
            organisation=organisation, latitude=point[0], longitude=point[1]
        )
    try:
        return _join(
            organisation=organisation,
            fields={
                "name": name,
                "email": email,
                "place_name": (place_name or "").strip()[:200],
                "chapter": chapter,
                "plan": plan,
                "amount_minor": amount_minor,
                "source": source,
                "user": user if user is not None and user.is_authenticated else None,
            },
        )
    except IntegrityError:
        # The same address twice at the same moment: the other request made the membership.
        return _join(organisation=organisation, fields={"email": email})


@transaction.atomic
def _join(*, organisation: Organisation, fields: dict) -> JoinResult:
    existing = (
        Membership.objects.select_for_update()
        .filter(organisation=organisation, email=fields["email"], status__in=ACTIVE_STATUSES)
        .first()
    )
    if existing is not None:
        if existing.status == MembershipStatus.PENDING:
            raw = _confirm_link(existing)
            existing.save(update_fields=["confirm_token_hash", "confirm_expires_at"])
            notices.join_confirm_link(existing, raw)
        else:
            notices.join_again(existing)
        return JoinResult(membership=existing, created=False)
    membership = Membership(
        organisation=organisation,
        status=MembershipStatus.PENDING,
        language=get_language() or "",
        agreed_at=timezone.now(),
        **fields,
    )
    _identify(membership)
    raw = _confirm_link(membership)
    membership.save()
    log_action(
        organisation,
        "membership.requested",
        data={"membership": membership.pk, "source": membership.source},
    )
    notices.join_confirm_link(membership, raw)
    return JoinResult(membership=membership, created=True)


def _confirm_link(membership: Membership) -> str:
    raw, membership.confirm_token_hash = token_new()
    membership.confirm_expires_at = timezone.now() + dt.timedelta(hours=settings.JOIN_CONFIRM_HOURS)
    return raw


def membership_confirm_check(*, raw: str) -> Membership:
    """The pending membership the link confirms; ValidationError (code "unknown" or
    "expired") when the link does nothing."""
    membership = membership_get_by_confirm_token(raw=raw)
    if membership is None or membership.status != MembershipStatus.PENDING:
        raise ValidationError(
            _("This link has already been used, or it is not a link we sent."), code="unknown"
        )
    if membership.confirm_expires_at is None or membership.confirm_expires_at <= timezone.now():
        raise ValidationError(
            _("This link has expired. Join again to get a new one."), code="expired"
        )
    return membership


def _start(membership: Membership, now: dt.datetime) -> None:
    membership.status = MembershipStatus.ACTIVE
    membership.joined_at = now
    zone = membership_settings_for(membership.organisation).timezone
    membership.dues_start = local_date(now, zone)


@transaction.atomic
def membership_confirm(*, raw: str) -> Membership:
    """Follows the emailed link: the membership starts now. The link works once."""
    membership = membership_confirm_check(raw=raw)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    membership = membership_confirm_check(raw=raw)
    _start(membership, timezone.now())
    membership.confirm_token_hash = None
    membership.confirm_expires_at = None
    membership.save(
        update_fields=[
            "status",
            "joined_at",
            "dues_start",
            "confirm_token_hash",
            "confirm_expires_at",
        ]
    )
    log_action(membership.organisation, "membership.joined", data={"membership": membership.pk})
    notices.welcome(membership)
    return membership


def _leave(membership: Membership, *, action: str, by=None, reason: str = "") -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status == MembershipStatus.LEFT:
        return membership
    membership.status = MembershipStatus.LEFT
    membership.left_at = timezone.now()
    membership.confirm_token_hash = None
    membership.save(update_fields=["status", "left_at", "confirm_token_hash"])
    log_action(
        membership.organisation,
        action,
        user=by,
        data={"membership": membership.pk},
        reason=reason,
    )
    if membership.provider_subscription and membership.subscription_ended_at is None:
        from picketline.membership.payments.providers import subscription_cancel_later

        subscription_cancel_later(membership)
    return membership


@transaction.atomic
def membership_leave(*, membership: Membership, user=None) -> Membership:
    """The member leaves (from their own link or their account). Their dues history stays in
    the ledger; a subscription with a payment provider is cancelled."""
    if user is not None and user.is_authenticated and membership.user_id not in (None, user.pk):
        raise PermissionDenied
    return _leave(membership, action="membership.left", by=user)


@transaction.atomic
def membership_record_left(
    *, access: MembershipAccess, membership: Membership, by, reason: str = ""
) -> Membership:
    """An organiser records that someone left (told them at a meeting, wrote in)."""
    if not access.sees_roster or not access.members().filter(pk=membership.pk).exists():
        raise PermissionDenied
    return _leave(membership, action="membership.recorded_left", by=by, reason=reason)


@transaction.atomic
def membership_add_at_stall(
    *,
    access: MembershipAccess,
    by,
    name: str,
    email: str,
    chapter: Chapter | None,
    plan: DuesPlan | None,
    amount_minor: int | None = None,
    place_name: str = "",
) -> Membership:
    """Someone met at a stall joins, with the organiser vouching that they agreed with the
    demands and consented: a member at once, welcomed by email (with the link to leave)."""
    organisation = access.organisation
    if not access.sees_roster:
        raise PermissionDenied
    if not access.sees_everyone and (chapter is None or chapter.pk not in access.chapter_ids):
        raise ValidationError({"chapter": _("Choose a chapter you organise.")})
    _check_chapter(organisation, chapter)
    amount_minor = _check_plan(organisation, plan, amount_minor)
    email = (email or "").strip().lower()
    if Membership.objects.filter(
        organisation=organisation, email=email, status__in=ACTIVE_STATUSES
    ).exists():
        raise ValidationError({"email": _("Someone with this address is already a member.")})
    now = timezone.now()
    membership = Membership(
        organisation=organisation,
        chapter=chapter,
        name=(name or "").strip(),
        email=email,
        place_name=(place_name or "").strip(),
        plan=plan,
        amount_minor=amount_minor,
        source=MembershipSource.STALL,
        language=get_language() or "",
        agreed_at=now,
    )
    _start(membership, now)
    _identify(membership)
    membership.full_clean(exclude=["organisation", "chapter", "plan", "user", "token_hash"])
    membership.save()
    log_action(
        organisation,
        "membership.added",
        user=by,
        data={"membership": membership.pk, "source": MembershipSource.STALL},
    )
    notices.welcome(membership)
    return membership


# --- reading the roster, on the record -------------------------------------------------------


def _filters_data(filters: RosterFilters) -> dict:
    return {
        "chapter": filters.chapter,
        "standing": filters.standing,
        "status": filters.status,
        "searched": bool(filters.q),
    }


def roster_view_record(*, access: MembershipAccess, by, filters: RosterFilters, shown: int):
    """Every look at a roster is in the audit log: who, when, which filters, how many."""
    log_action(
        access.organisation,
        "membership.roster_viewed",
        user=by,
        data={**_filters_data(filters), "shown": shown},
    )


EXPORT_COLUMNS = (
    "reference",
    "name",
    "email",
    "place",
    "chapter",
    "plan",
    "standing",
    "arrears",
    "joined",
)


def roster_export(*, access: MembershipAccess, by, filters: RosterFilters) -> str:
    """The roster as CSV, and an audit entry saying who took it and how many rows."""
    if not access.sees_roster:
        raise PermissionDenied
    members = roster(access=access, filters=filters)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    labels = dict(Standing.choices)
    for member in members.iterator(chunk_size=2000):
        writer.writerow(
            [
                member.reference,
                _csv_safe(member.name),
                member.email,
                _csv_safe(member.place_name),
                _csv_safe(member.chapter.name if member.chapter else ""),
                _csv_safe(member.plan.name if member.plan else ""),
                str(labels[member.standing]),
                member.arrears,
                member.joined_at.date().isoformat() if member.joined_at else "",
            ]
        )
        count += 1
    log_action(
        access.organisation,
        "membership.roster_exported",
        user=by,
        data={**_filters_data(filters), "rows": count},
    )
    return buffer.getvalue()


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def roster_message(
    *, access: MembershipAccess, by, filters: RosterFilters, subject: str, body: str
) -> int:
    """Emails every member of a segment of the roster, one email each, written to the outbox
    in bulk. Returns how many."""
    if not access.sees_roster:
        raise PermissionDenied
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject or not body:
        raise ValidationError(_("Write a subject and a message."))
    with transaction.atomic():
        members = roster(access=access, filters=filters).iterator(chunk_size=2000)
        count = notices.segment_message(members, subject=subject, body=body)
        log_action(
            access.organisation,
            "membership.messaged",
            user=by,
            data={**_filters_data(filters), "recipients": count},
        )
    return count


def member_view_record(*, access: MembershipAccess, by, membership: Membership) -> None:
    log_action(
        access.organisation,
        "membership.member_viewed",
        user=by,
        data={"membership": membership.pk},
    )


# --- erasing one member's personal data ------------------------------------------------------


@transaction.atomic
def membership_erase(*, membership: Membership, by=None) -> Membership:
    """Erases what a membership says about its person, keeping the record a dues ledger
    needs: the member leaves (a subscription is cancelled), their name, address, place,
    account, language and links are wiped, their dues entries lose their notes, and a
    provider's stored events about them lose their content. The ledger's amounts and dates
    stay, under the reference alone. Safe to run twice.

    For the person erasing their account, and for an organisation's admin erasing a member
    on request (`by`); the audit entry names the membership by id only."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MembershipStatus.LEFT:
        membership = _leave(membership, action="membership.left", by=by)
    traces = [
        value
        for value in (
            membership.email,
            membership.provider_customer,
            membership.provider_subscription,
        )
        if value and not is_erased_address(value)
    ]
    for trace in traces:
        ProviderEvent.objects.filter(payload__icontains=trace).update(payload={"erased": True})
    membership.name = ""
    membership.email = erased_address(membership.pk)
    membership.place_name = ""
    membership.user = None
    membership.language = ""
    membership.provider_customer = ""
    membership.confirm_token_hash = None
    membership.confirm_expires_at = None
    _identify(membership)
    membership.save()
    DuesEntry.objects.filter(membership=membership).exclude(note="").update(note="")
    log_action(
        membership.organisation, "membership.erased", user=by, data={"membership": membership.pk}
    )
    return membership


def membership_export_record(*, access: MembershipAccess, membership: Membership, by) -> dict:
    """One member's data for an organisation's admin to hand over on the member's request;
    the audit entry names the membership by id."""
    if not access.is_admin:
        raise PermissionDenied
    log_action(
        access.organisation, "membership.exported", user=by, data={"membership": membership.pk}
    )
    return {
        "membership": membership_export(membership),
        "dues_entries": dues_entries_export([membership]),
    }


def memberships_erase_for_person(*, user, email: str | None) -> int:
    """Erases every membership of a person erasing their account; returns how many."""
    memberships = list(memberships_of_person(user=user, email=email))
    for membership in memberships:
        membership_erase(membership=membership)
    return len(memberships)


# --- organisers change a member's chapter or plan ---------------------------------------------


@transaction.atomic
def membership_change(
    *,
    access: MembershipAccess,
    membership: Membership,
    by,
    chapter: Chapter | None,
    plan: DuesPlan | None,
    amount_minor: int | None = None,
) -> Membership:
    """Moves a member to another chapter and/or dues plan. A chapter organiser keeps members
    among the chapters they organise; an admin may move anyone anywhere in the organisation.
    The audit entry has the ids before and after, never a name."""
    organisation = access.organisation
    if not access.sees_roster or not access.members().filter(pk=membership.pk).exists():
        raise PermissionDenied
    if not access.sees_everyone and (chapter is None or chapter.pk not in access.chapter_ids):
        raise ValidationError({"chapter": _("Choose a chapter you organise.")})
    _check_chapter(organisation, chapter)
    amount_minor = _check_plan(organisation, plan, amount_minor)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status == MembershipStatus.LEFT:
        raise ValidationError(_("This person has left: there is nothing to change."))
    before = {
        "chapter": membership.chapter_id,
        "plan": membership.plan_id,
        "amount_minor": membership.amount_minor,
    }
    membership.chapter = chapter
    membership.plan = plan
    membership.amount_minor = amount_minor
    after = {
        "chapter": membership.chapter_id,
        "plan": membership.plan_id,
        "amount_minor": membership.amount_minor,
    }
    changes = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
    if not changes:
        return membership
    membership.save(update_fields=["chapter", "plan", "amount_minor"])
    log_action(
        organisation,
        "membership.changed",
        user=by,
        data={"membership": membership.pk, "changes": changes},
    )
    return membership
