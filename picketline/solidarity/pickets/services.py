"""Writes for picket sign-ups: signing up and cancelling, reminders, and what coordinators do
with the rota (messaging the volunteers of one occurrence, recording how many came), and the
check that each occurrence's counter of places agrees with its sign-ups (`shift_places_check`).

The emails themselves are built and queued by `pickets.notices`; `pickets.tasks` calls these
services, never the other way round.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from picketline.core.audit import audit_entry, log_action
from picketline.core.models import AuditEntry
from picketline.core.outbox import outbox_send
from picketline.core.tokens import nonce_new, token_hash
from picketline.disputes.models import Dispute, PicketShift
from picketline.disputes.shifts import ShiftOccurrence
from picketline.solidarity.pickets import notices, places, selectors
from picketline.solidarity.pickets.models import ShiftAttendance, ShiftPlaces, ShiftSignup

REMINDER_WINDOW = dt.timedelta(hours=36)
MAX_PARTY_SIZE = 50


def _check_occurrence(shift: PicketShift, starts_at: dt.datetime, now: dt.datetime):
    occurrence = selectors.occurrence_get(shift=shift, key=selectors.occurrence_key(starts_at))
    if occurrence is None:
        raise ValidationError(_("The picket line has no shift at that time."), code="no_such_time")
    if occurrence.starts_at <= now:
        raise ValidationError(
            _("This picket has already started; choose a later one."), code="past"
        )
    return occurrence


def _check_people(*, email: str, phone: str, party_size: int) -> None:
    if not email and not phone:
        raise ValidationError(
            _("Give an email address or a phone number so the strikers can reach you."),
            code="no_contact",
        )
    if not 1 <= party_size <= MAX_PARTY_SIZE:
        raise ValidationError(
            _("Between 1 and %(limit)d people can sign up at once.") % {"limit": MAX_PARTY_SIZE},
            code="party_size",
        )


def signup_create(
    *,
    shift: PicketShift,
    occurrence_starts_at: dt.datetime,
    name: str,
    email: str = "",
    phone: str = "",
    party_size: int = 1,
) -> tuple[ShiftSignup, str]:
    """Signs someone (and the people they bring) up to one occurrence of a shift.

    The places come from the occurrence's counter (`pickets.places`), so the capacity holds
    however many sign up at once; it is read in the statement that takes them, so `shift` is
    used as given (with its site, when loaded). Returns the sign-up and the token of its
    private cancel link (made from a stored nonce; only its hash is kept). The confirmation,
    with a calendar invite, is written by the worker once the sign-up commits. Raises
    ValidationError with code "no_such_time", "past", "no_contact", "party_size" or "full".
    """
    occurrence = _check_occurrence(shift, occurrence_starts_at, timezone.now())
    _check_people(email=email, phone=phone, party_size=party_size)
    starts_at = occurrence.starts_at.astimezone(dt.UTC)
    signup = ShiftSignup(
        shift=shift,
        occurrence_starts_at=starts_at,
        name=name,
        email=email,
        phone=phone,
        party_size=party_size,
        token_nonce=nonce_new(),
        language=get_language() or "",
    )
    token = selectors.signup_token(signup)
    signup.cancel_token_hash = token_hash(token)
    audit = audit_entry(
        Dispute,
        shift.site.dispute_id,
        "picket.signed_up",
        data={"shift": shift.pk, "starts_at": starts_at.isoformat(), "party_size": party_size},
    )
    if connection.vendor == "postgresql":
        placed = places.signup_insert_placed(
            signup, audit=audit, durable_after=notices.durable_after(signup)
        )
    else:
        placed = _signup_insert(signup, audit=audit)
    if not placed:
        raise ValidationError(_("This picket has enough people; try another shift."), code="full")
    notices.confirmation_queue(signup)
    return signup, token


@transaction.atomic
def _signup_insert(signup: ShiftSignup, *, audit: AuditEntry) -> bool:
    """Takes the sign-up's places and stores it with its audit entry in one transaction; on
    SQLite, which lets one writer in at a time, the statements' order changes nothing."""
    if not places.places_take(
        shift_id=signup.shift_id, starts_at=signup.occurrence_starts_at, people=signup.party_size
    ):
        return False
    signup.save(force_insert=True)
    audit.save(force_insert=True)
    return True


def signup_get_by_token(*, raw: str) -> ShiftSignup | None:
    if not raw or len(raw) > 100:
        return None
    return selectors.signup_get_by_token_hash(token_hash=token_hash(raw))


@transaction.atomic
def signup_cancel(*, signup: ShiftSignup) -> ShiftSignup:
    """Cancels a sign-up; cancelling one already cancelled changes nothing."""
    signup = ShiftSignup.objects.select_for_update().get(pk=signup.pk)
    if signup.cancelled_at is None:
        signup.cancelled_at = timezone.now()
        signup.save(update_fields=["cancelled_at", "updated_at"])
        places.places_give_back(
            shift_id=signup.shift_id,
            starts_at=signup.occurrence_starts_at,
            people=signup.party_size,
        )
        log_action(
            signup.shift.site.dispute,
            "picket.cancelled",
            data={"shift": signup.shift_id, "starts_at": signup.occurrence_starts_at.isoformat()},
        )
    return signup


def reminders_send_due(*, now: dt.datetime | None = None) -> int:
    """Claims the sign-ups due a reminder and enqueues their emails; returns how many.

    Each sign-up is claimed (its `reminded_at` set) in the transaction that enqueues its email,
    with rows another worker holds skipped, so two workers never remind anyone twice.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            ShiftSignup.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("shift__site__dispute")
            .filter(
                cancelled_at__isnull=True,
                reminded_at__isnull=True,
                occurrence_starts_at__gt=now,
                occurrence_starts_at__lte=now + REMINDER_WINDOW,
            )
            .exclude(email="")
            .order_by("occurrence_starts_at", "id")
        )
        for signup in due:
            signup.reminded_at = now
            signup.save(update_fields=["reminded_at", "updated_at"])
            notices.reminder_send(signup=signup)
    return len(due)


def picket_message_send(
    *,
    shift: PicketShift,
    occurrence: ShiftOccurrence,
    subject: str,
    body: str,
    user,
) -> int:
    """Emails everyone signed up to one occurrence (one email each, so no one sees the
    others' addresses); returns how many emails were enqueued."""
    starts_at = occurrence.starts_at.astimezone(dt.UTC)
    emails = selectors.volunteer_emails(shift=shift, starts_at=starts_at)
    with transaction.atomic():
        log_action(
            shift.site.dispute,
            "picket.messaged",
            user=user,
            data={"shift": shift.pk, "starts_at": starts_at.isoformat(), "emails": len(emails)},
        )
        outbox_send(subject=subject, body=body, to=emails)
    return len(emails)


@transaction.atomic
def attendance_record(
    *, shift: PicketShift, occurrence: ShiftOccurrence, people: int, user
) -> ShiftAttendance:
    """Records (or corrects) how many people came to one occurrence."""
    starts_at = occurrence.starts_at.astimezone(dt.UTC)
    attendance, _created = ShiftAttendance.objects.update_or_create(
        shift=shift,
        occurrence_starts_at=starts_at,
        defaults={"people": people, "recorded_by": user},
    )
    log_action(
        shift.site.dispute,
        "picket.attendance_recorded",
        user=user,
        data={"shift": shift.pk, "starts_at": starts_at.isoformat(), "people": people},
    )
    return attendance


@dataclass
class PlacesDrift:
    """An occurrence whose counter disagrees with its sign-ups: the places counted (None when
    it has no counter row), and the people its active sign-ups bring."""

    shift_id: int
    starts_at: dt.datetime
    taken: int | None
    people: int


def _people_signed_up(**occurrence):
    """The active sign-ups' party sizes added up, per occurrence."""
    return (
        ShiftSignup.objects.filter(cancelled_at__isnull=True, **occurrence)
        .values("shift_id", "occurrence_starts_at")
        .annotate(people=Sum("party_size"))
    )


def shift_places_check(*, repair: bool = False) -> list[PlacesDrift]:
    """Compares every occurrence's counter of places with its sign-ups; returns those that
    disagree, counters first, then occurrences with sign-ups but no counter.

    The services keep `ShiftPlaces.taken` right on every path (sign-up, cancelling, erasure);
    a row changed by hand (a sign-up deleted in the admin, a restored backup) can leave it
    wrong. With `repair`, each such counter is set to the people signed up, under its row's
    lock, and the change is written to the dispute's audit log.
    """
    people = Subquery(
        _people_signed_up(
            shift=OuterRef("shift"), occurrence_starts_at=OuterRef("occurrence_starts_at")
        ).values("people")[:1]
    )
    counted = (
        ShiftPlaces.objects.annotate(people=Coalesce(people, 0))
        .filter(~Q(taken=F("people")))
        .order_by("shift_id", "occurrence_starts_at")
    )
    counter = ShiftPlaces.objects.filter(
        shift=OuterRef("shift_id"), occurrence_starts_at=OuterRef("occurrence_starts_at")
    )
    uncounted = (
        _people_signed_up().filter(~Exists(counter)).order_by("shift_id", "occurrence_starts_at")
    )
    drifts = [
        PlacesDrift(
            shift_id=places.shift_id,
            starts_at=places.occurrence_starts_at,
            taken=places.taken,
            people=places.people,
        )
        for places in counted
    ] + [
        PlacesDrift(
            shift_id=row["shift_id"],
            starts_at=row["occurrence_starts_at"],
            taken=None,
            people=row["people"],
        )
        for row in uncounted
    ]
    if repair:
        for drift in drifts:
            _places_repair(shift_id=drift.shift_id, starts_at=drift.starts_at)
    return drifts


@transaction.atomic
def _places_repair(*, shift_id: int, starts_at: dt.datetime) -> None:
    occurrence = {"shift_id": shift_id, "occurrence_starts_at": starts_at}
    locked = ShiftPlaces.objects.select_for_update(of=("self",)).select_related(
        "shift__site__dispute"
    )
    places = locked.filter(**occurrence).first()
    made = places is None
    if made:
        ShiftPlaces.objects.bulk_create([ShiftPlaces(**occurrence)], ignore_conflicts=True)
        places = locked.get(**occurrence)
    # Counted again under the lock: a sign-up or cancellation since the check is included.
    # The counter is set to the people signed up even above the capacity (only a change by
    # hand can put them there): new sign-ups are then refused until enough cancel.
    people = selectors.people_coming(shift=places.shift, starts_at=starts_at)
    if places.taken == people and not made:
        return
    before, places.taken = None if made else places.taken, people
    places.save(update_fields=["taken"])
    log_action(
        places.shift.site.dispute,
        "picket.places_repaired",
        data={
            "shift": shift_id,
            "starts_at": starts_at.isoformat(),
            "before": before,
            "after": people,
        },
    )
