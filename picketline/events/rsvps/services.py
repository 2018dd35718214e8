"""RSVPs: taking a seat or a place on the waiting list, confirming by email, cancelling, and
the waiting list moving up, checking people in and the reminders.

A seat is taken with one conditional update of the event's counters, never by locking the
event and counting (`seats.py`: a seat only where one is free, the next number in the event's
queue from the same row). Everything else an RSVP needs is prepared before, so the event's row
is held for as short a time as possible and RSVPs to one event pass one after another at about
the speed of inserts. The database refuses a seat count above the capacity, so a bug here fails
loudly instead of overbooking. A cancellation gives its seat back the same way and, holding the
event's row by that update, promotes the first person waiting in the same transaction.
`rsvp_counters_check` compares the counters with the rows and repairs a drift made by hand.
"""

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from picketline.core.audit import log_action
from picketline.core.tokens import nonce_new, token_hash, token_new
from picketline.events.choices import ACTIVE_RSVP_STATUSES, EventStatus, RsvpStatus
from picketline.events.models import Event
from picketline.events.rsvps import notices
from picketline.events.rsvps.models import Rsvp
from picketline.events.rsvps.seats import place_take, rsvp_insert_seated
from picketline.events.rsvps.selectors import (
    rsvp_get_by_confirm_token,
    rsvp_open_check,
    rsvp_token,
    waitlist_position,
)


@dataclass
class RsvpResult:
    rsvp: Rsvp
    # The private token for the RSVP's own page (cancel link), when this call made a new one.
    token: str = ""
    # True when nothing new was made: the person already had an RSVP.
    existing: bool = False

    @property
    def status(self) -> str:
        return self.rsvp.status

    @cached_property
    def position(self) -> int | None:
        """Place on the waiting list (1 is next), when waiting. Read when first asked for,
        which is after the RSVP's transaction: counting takes no time under the event's lock."""
        return waitlist_position(self.rsvp)


def _identify(rsvp: Rsvp) -> None:
    rsvp.token_nonce = nonce_new()
    rsvp.token_hash = token_hash(rsvp_token(rsvp))


def _result(rsvp: Rsvp, *, token: str = "", existing: bool = False) -> RsvpResult:
    return RsvpResult(rsvp=rsvp, token=token, existing=existing)


def _seat_give_back(event: Event) -> Event:
    """Frees one seat; returns the event as it now is, its row held until the commit."""
    Event.objects.filter(pk=event.pk).update(confirmed_count=F("confirmed_count") - 1)
    return Event.objects.get(pk=event.pk)


def seats_fill(event: Event, now: dt.datetime) -> list[Rsvp]:
    """Promotes people from the waiting list, first in line first, while seats are free.

    Call holding the event's row (locked, or updated in this transaction) with `event` as it
    is in the database. Each promoted person is emailed once the change commits. The people
    promoted are locked first: one who cancels at the same moment is passed over, and the
    next in line takes the seat.
    """
    promoted: list[Rsvp] = []
    while True:
        free = None if event.capacity is None else event.capacity - event.confirmed_count
        if free is not None and free <= 0:
            break
        waiting = (
            Rsvp.objects.select_for_update()
            .filter(event=event, status=RsvpStatus.WAITLISTED)
            .order_by("number")
        )
        batch = list(waiting if free is None else waiting[:free])
        if not batch:
            break
        for rsvp in batch:
            rsvp.status = RsvpStatus.CONFIRMED
            rsvp.confirmed_at = rsvp.promoted_at = now
            rsvp.save(update_fields=["status", "confirmed_at", "promoted_at", "updated_at"])
            log_action(event, "rsvp.promoted", data={"rsvp": rsvp.pk, "number": rsvp.number})
        Event.objects.filter(pk=event.pk).update(confirmed_count=F("confirmed_count") + len(batch))
        event.confirmed_count += len(batch)
        promoted += batch
    for rsvp in promoted:
        notices.rsvp_promoted(rsvp)
    return promoted


def _rsvp_account(*, event: Event, user, name: str) -> RsvpResult:
    # An answer already given is found by the database's one-per-account constraint, not by
    # a query first: the common case (a first answer) costs one read less.
    rsvp_open_check(event)
    rsvp = Rsvp(
        event=event,
        user=user,
        name=name or user.get_full_name() or user.get_username(),
        email=(user.email or "").lower(),
        language=get_language() or "",
    )
    _identify(rsvp)
    try:
        if connection.vendor == "postgresql":
            _rsvp_account_in_one(event, rsvp, user)
        else:
            with transaction.atomic():
                # Stored first as holding no place (nobody sees it before the commit), so that
                # taking the place is the last statement: the event's row is held from there
                # to the commit, not while the RSVP and its audit entry are written.
                rsvp.status = RsvpStatus.CANCELLED
                rsvp.save(force_insert=True)
                log_action(event, "rsvp.created", user=user, data={"rsvp": rsvp.pk})
                place_take(event, rsvp, timezone.now())
                notices.rsvp_seated(rsvp)
    except IntegrityError:
        # The same account answered twice at the same moment: the other request made it.
        existing = Rsvp.objects.filter(
            event=event, user=user, status__in=ACTIVE_RSVP_STATUSES
        ).first()
        if existing is None:
            raise
        return _result(existing, existing=True)
    return _result(rsvp, token=rsvp_token(rsvp))


def _rsvp_account_in_one(event: Event, rsvp: Rsvp, user) -> None:
    """The RSVP, its place and its audit entry in one statement, committed on its own (or with
    the caller's transaction, when there is one); then its email is queued.

    Committed on its own, the statement does not wait for the disk when queuing the email
    will (see core.counted): the event's row is free for the next RSVP at once, and the
    answer still leaves only once the RSVP is on disk."""
    for _attempt in range(3):
        now = timezone.now()
        if rsvp_insert_seated(
            event, rsvp, user=user, now=now, durable_after=notices.durable_after(rsvp)
        ):
            notices.rsvp_seated(rsvp)
            return
        # Neither a seat nor a place: the event closed meanwhile (or a seat came and went).
        rsvp_open_check(Event.objects.get(pk=event.pk), now=now)
    raise RuntimeError(f"no place could be taken on event {event.pk}")


def _confirm_link(rsvp: Rsvp) -> str:
    raw, rsvp.confirm_token_hash = token_new()
    rsvp.confirm_expires_at = timezone.now() + dt.timedelta(hours=settings.RSVP_CONFIRM_HOURS)
    return raw


def _rsvp_email(*, event: Event, name: str, email: str) -> RsvpResult:
    with transaction.atomic():
        rsvp_open_check(event)
        existing = (
            Rsvp.objects.select_for_update()
            .filter(event=event, email=email, status__in=ACTIVE_RSVP_STATUSES)
            .first()
        )
        if existing is not None:
            # Whoever typed the address learns nothing: the owner gets an email either way.
            if existing.status == RsvpStatus.PENDING:
                raw = _confirm_link(existing)
                existing.save(update_fields=["confirm_token_hash", "confirm_expires_at"])
                notices.rsvp_confirm_link(existing, raw)
            else:
                notices.rsvp_place_again(existing)
            return _result(existing, existing=True)
        rsvp = Rsvp(
            event=event,
            name=name,
            email=email,
            language=get_language() or "",
            status=RsvpStatus.PENDING,
        )
        _identify(rsvp)
        raw = _confirm_link(rsvp)
        rsvp.save()
        log_action(event, "rsvp.requested", data={"rsvp": rsvp.pk})
        notices.rsvp_confirm_link(rsvp, raw)
        return _result(rsvp)


def rsvp_create(*, event: Event, user=None, name: str = "", email: str = "") -> RsvpResult:
    """Answers "I'm coming" for an account holder, or for a name and an email.

    An account holder takes a seat (or a place on the waiting list) at once. A name and an
    email make a PENDING RSVP and email a link that confirms it; the seat is given when the
    link is followed. Asking again changes nothing but sends the person their link again.
    """
    name = (name or "").strip()
    if user is not None and user.is_authenticated:
        return _rsvp_account(event=event, user=user, name=name)
    email = (email or "").strip().lower()
    if not name:
        raise ValidationError({"name": _("Give a name so the organisers know who is coming.")})
    if not email:
        raise ValidationError({"email": _("Give an email address to confirm your place.")})
    try:
        return _rsvp_email(event=event, name=name, email=email)
    except IntegrityError:
        # The same address sent twice at the same moment: the other request made the RSVP.
        return _rsvp_email(event=event, name=name, email=email)


def _confirm_check(rsvp: Rsvp | None, raw: str, now: dt.datetime) -> None:
    """Raises unless `raw` confirms `rsvp` now: issued, unused, unexpired, the event open."""
    if (
        rsvp is None
        or rsvp.confirm_token_hash != token_hash(raw)
        or rsvp.status != RsvpStatus.PENDING
    ):
        raise ValidationError(
            _("This link has already been used, or it is not a link we sent."), code="unknown"
        )
    if rsvp.confirm_expires_at is None or rsvp.confirm_expires_at <= now:
        raise ValidationError(
            _("This link has expired. Answer the invitation again to get a new one."),
            code="expired",
        )
    rsvp_open_check(rsvp.event, now=now)


def rsvp_confirm_check(*, raw: str, now: dt.datetime | None = None) -> Rsvp:
    """The RSVP a confirmation link would confirm, changing nothing: the page before the button
    says at once when the link is used, expired or the event closed. Raises like rsvp_confirm."""
    rsvp = rsvp_get_by_confirm_token(raw=raw)
    _confirm_check(rsvp, raw, now or timezone.now())
    return rsvp


def rsvp_confirm(*, raw: str, now: dt.datetime | None = None) -> RsvpResult:
    """Follows an emailed confirmation link: the RSVP takes a seat or a place in line.

    The link works once and expires after RSVP_CONFIRM_HOURS. Raises ValidationError with code
    "unknown" (never issued, or already used), "expired", or those of rsvp_open_check.
    """
    now = now or timezone.now()
    with transaction.atomic():
        rsvp = rsvp_get_by_confirm_token(raw=raw)
        _confirm_check(rsvp, raw, now)
        event = rsvp.event
        rsvp = Rsvp.objects.select_for_update().get(pk=rsvp.pk)
        # Checked again under the RSVP's lock: another request may have used the link meanwhile.
        rsvp.event = event
        _confirm_check(rsvp, raw, now)
        place_take(event, rsvp, now)
        rsvp.confirm_token_hash = None
        rsvp.confirm_expires_at = None
        rsvp.save(update_fields=["confirm_token_hash", "confirm_expires_at", "updated_at"])
        log_action(event, "rsvp.confirmed", data={"rsvp": rsvp.pk, "status": rsvp.status})
        notices.rsvp_seated(rsvp)
        return _result(rsvp, token=rsvp_token(rsvp))


def rsvp_cancel(*, rsvp: Rsvp, user=None) -> RsvpResult:
    """Cancels an RSVP. A freed seat goes to the first person waiting, who is emailed.

    Cancelling one already cancelled changes nothing.
    """
    now = timezone.now()
    with transaction.atomic():
        rsvp = Rsvp.objects.select_for_update().get(pk=rsvp.pk)
        if rsvp.status == RsvpStatus.CANCELLED:
            return _result(rsvp, existing=True)
        held_seat = rsvp.status == RsvpStatus.CONFIRMED
        rsvp.status = RsvpStatus.CANCELLED
        rsvp.cancelled_at = now
        rsvp.confirm_token_hash = None
        rsvp.save(update_fields=["status", "cancelled_at", "confirm_token_hash", "updated_at"])
        event = rsvp.event
        log_action(event, "rsvp.cancelled", user=user, data={"rsvp": rsvp.pk})
        if held_seat:
            event = _seat_give_back(event)
            rsvp.event = event
            if event.status != EventStatus.CANCELLED:
                seats_fill(event, now)
        return _result(rsvp)


@transaction.atomic
def rsvp_check_in(*, rsvp: Rsvp, user, present: bool = True) -> Rsvp:
    """Marks someone as arrived (or not, to undo a mistaken tap)."""
    rsvp = Rsvp.objects.select_for_update().get(pk=rsvp.pk)
    if rsvp.status != RsvpStatus.CONFIRMED:
        raise ValidationError(_("Only people with a place can be checked in."), code="not_seated")
    if present and rsvp.checked_in_at is None:
        rsvp.checked_in_at = timezone.now()
    elif not present:
        rsvp.checked_in_at = None
    else:
        return rsvp
    rsvp.save(update_fields=["checked_in_at", "updated_at"])
    log_action(
        rsvp.event,
        "rsvp.checked_in" if present else "rsvp.check_in_undone",
        user=user,
        data={"rsvp": rsvp.pk},
    )
    return rsvp


def reminders_send_due(*, now: dt.datetime | None = None) -> int:
    """Claims the RSVPs due a reminder and enqueues their emails; returns how many.

    Reminders go out EVENT_REMINDER_HOURS before the start (24 and 1 by default). Each RSVP
    records the nearest reminder sent, claimed under a row lock that other workers skip, so
    nobody gets the same reminder twice; someone who answers an hour before gets only the
    nearest one.
    """
    now = now or timezone.now()
    hours_list = sorted(settings.EVENT_REMINDER_HOURS)
    if not hours_list:
        return 0
    sent = 0
    with transaction.atomic():
        due = (
            Rsvp.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("event")
            .filter(
                status=RsvpStatus.CONFIRMED,
                event__status=EventStatus.SCHEDULED,
                event__starts_at__gt=now,
                event__starts_at__lte=now + dt.timedelta(hours=hours_list[-1]),
            )
            .exclude(email="")
            .order_by("event__starts_at", "id")
        )
        for rsvp in due:
            left = rsvp.event.starts_at - now
            nearest = next(h for h in hours_list if left <= dt.timedelta(hours=h))
            if rsvp.reminded_hours is not None and rsvp.reminded_hours <= nearest:
                continue
            rsvp.reminded_hours = nearest
            rsvp.save(update_fields=["reminded_hours", "updated_at"])
            notices.rsvp_reminder(rsvp)
            sent += 1
    return sent


@dataclass
class CounterDrift:
    """An event whose counters disagree with its RSVPs: as stored, and as counted."""

    event_id: int
    confirmed_count: int
    confirmed: int
    last_number: int
    top_number: int


def rsvp_counters_check(*, repair: bool = False) -> list[CounterDrift]:
    """Compares every event's counters with its RSVPs; returns the events that disagree.

    The services keep `confirmed_count` (seats taken) and `last_number` (the queue's last
    number) right on every path; a row changed by hand (an RSVP deleted in the admin, a
    restored backup) can leave them wrong. With `repair`, each such event's counters are set
    from its rows under the event's lock, and free seats go to the people waiting.
    """
    counted = Event.objects.annotate(
        confirmed=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.CONFIRMED)),
        top_number=Coalesce(Max("rsvps__number"), 0),
    ).filter(~Q(confirmed_count=F("confirmed")) | ~Q(last_number=F("top_number")))
    drifts = [
        CounterDrift(
            event_id=event.pk,
            confirmed_count=event.confirmed_count,
            confirmed=event.confirmed,
            last_number=event.last_number,
            top_number=event.top_number,
        )
        for event in counted.order_by("pk")
    ]
    if repair:
        for drift in drifts:
            _counters_repair(drift.event_id)
    return drifts


@transaction.atomic
def _counters_repair(event_id: int) -> None:
    event = Event.objects.select_for_update().get(pk=event_id)
    rsvps = Rsvp.objects.filter(event=event)
    confirmed = rsvps.filter(status=RsvpStatus.CONFIRMED).count()
    top_number = rsvps.aggregate(top=Max("number"))["top"] or 0
    before = {"confirmed_count": event.confirmed_count, "last_number": event.last_number}
    # More people seated than places (only a change by hand can do it): the capacity is
    # left alone and the count is kept at it, so the database's check still holds.
    if event.capacity is not None:
        confirmed = min(confirmed, event.capacity)
    event.confirmed_count, event.last_number = confirmed, top_number
    event.save(update_fields=["confirmed_count", "last_number"])
    log_action(
        event,
        "rsvp.counters_repaired",
        data={"before": before, "after": {"confirmed_count": confirmed, "last_number": top_number}},
    )
    if event.status != EventStatus.CANCELLED:
        seats_fill(event, timezone.now())
