"""Reads about RSVPs: whether an event takes answers, a person's place on the waiting list, the
private link's token, the lists the organisers see, and the counts every page shows.

Nothing here changes a row or sends an email, so the notices and the services can both use it.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.core.tokens import keyed_token, token_hash, token_plausible
from picketline.events.choices import ACTIVE_RSVP_STATUSES, EventStatus, RsvpStatus
from picketline.events.models import Event
from picketline.events.rsvps.models import Rsvp


def rsvp_open_check(event: Event, *, now: dt.datetime | None = None) -> None:
    """Raises ValidationError when the event takes no RSVPs."""
    now = now or timezone.now()
    if event.published_at is None:
        raise ValidationError(_("This event is not published yet."), code="unpublished")
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("This event has been cancelled."), code="cancelled")
    if event.ends_at <= now:
        raise ValidationError(_("This event is over."), code="over")


def rsvp_closed_reason(event: Event) -> str:
    """Why the event takes no RSVPs (cancelled, over, unpublished), or "" when it does."""
    try:
        rsvp_open_check(event)
    except ValidationError as error:
        return error.messages[0]
    return ""


def waitlist_position(rsvp: Rsvp) -> int | None:
    if rsvp.status != RsvpStatus.WAITLISTED:
        return None
    ahead = Rsvp.objects.filter(
        event_id=rsvp.event_id, status=RsvpStatus.WAITLISTED, number__lt=rsvp.number
    ).count()
    return ahead + 1


def rsvp_token(rsvp: Rsvp) -> str:
    """The token in the RSVP's private link (its page, where it can be cancelled)."""
    return keyed_token("rsvp", rsvp.token_nonce)


def rsvp_get_by_confirm_token(*, raw: str) -> Rsvp | None:
    if not token_plausible(raw):
        return None
    return Rsvp.objects.select_related("event").filter(confirm_token_hash=token_hash(raw)).first()


def rsvp_get_by_token(*, raw: str) -> Rsvp | None:
    if not token_plausible(raw):
        return None
    return Rsvp.objects.select_related("event").filter(token_hash=token_hash(raw)).first()


def rsvp_for_user(*, event: Event, user) -> Rsvp | None:
    if not user.is_authenticated:
        return None
    return (
        Rsvp.objects.filter(event=event, user=user, status__in=ACTIVE_RSVP_STATUSES)
        .order_by("-id")
        .first()
    )


def event_rsvp_counts(event: Event) -> dict[str, int]:
    """How many are coming, waiting and checked in."""
    rows = Rsvp.objects.filter(event=event).values_list("status", "checked_in_at")
    counts = {"confirmed": 0, "waitlisted": 0, "pending": 0, "checked_in": 0}
    for status, checked_in_at in rows:
        if status in counts:
            counts[status] += 1
        if status == RsvpStatus.CONFIRMED and checked_in_at is not None:
            counts["checked_in"] += 1
    return counts


def event_attendees(*, event: Event) -> QuerySet[Rsvp]:
    """Everyone coming, in the order they answered (the check-in list and the CSV)."""
    return Rsvp.objects.filter(event=event, status=RsvpStatus.CONFIRMED).order_by("number")


def event_waiting_list(*, event: Event) -> QuerySet[Rsvp]:
    """Everyone waiting, first in line first."""
    return Rsvp.objects.filter(event=event, status=RsvpStatus.WAITLISTED).order_by("number")


def rsvp_can_cancel(rsvp: Rsvp, *, now: dt.datetime | None = None) -> bool:
    """An RSVP can be cancelled until the event is over or cancelled, and only once."""
    event = rsvp.event
    if rsvp.status == RsvpStatus.CANCELLED or event.status == EventStatus.CANCELLED:
        return False
    return event.ends_at > (now or timezone.now())


def rsvp_join_url(rsvp: Rsvp, *, now: dt.datetime | None = None) -> str:
    """The link to join online goes to people with a confirmed place in an event that is still
    on, and to nobody else."""
    event = rsvp.event
    if rsvp.status != RsvpStatus.CONFIRMED or event.status == EventStatus.CANCELLED:
        return ""
    return event.join_url if event.ends_at > (now or timezone.now()) else ""


def join_url_visible(*, event: Event, my_rsvp: Rsvp | None, can_manage: bool) -> bool:
    """Only the organisers and people whose place is confirmed get the link to join online."""
    if not event.is_online or not event.join_url:
        return False
    return can_manage or (my_rsvp is not None and my_rsvp.status == RsvpStatus.CONFIRMED)
