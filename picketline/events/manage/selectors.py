"""Reads for the organisers' pages: the events someone manages, with how many wait for each;
the dashboard's lists; the check-in list under a search; and the CSV's rows.

Every function takes an event already loaded through `events.selectors.event_get_for_manager`,
so each list holds only that event's people.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from picketline.core.text import csv_cell
from picketline.events.choices import RsvpStatus
from picketline.events.formats import event_when, local_time
from picketline.events.models import Event
from picketline.events.rsvps.models import Rsvp
from picketline.events.rsvps.selectors import (
    event_attendees,
    event_rsvp_counts,
    event_waiting_list,
)


def events_managed_by(*, user):
    return (
        Event.objects.filter(Q(organisers=user) | Q(day_of_action__organisers=user))
        .distinct()
        .select_related("day_of_action")
        .order_by("-starts_at", "-id")
    )


def events_mine_rows(*, user) -> list[dict]:
    """The events `user` manages, latest first, each with when and how many are waiting."""
    events = list(events_managed_by(user=user))
    waiting = dict(
        Rsvp.objects.filter(event__in=[e.pk for e in events], status=RsvpStatus.WAITLISTED)
        .values("event")
        .annotate(count=Count("id"))
        .values_list("event", "count")
    )
    return [
        {"event": event, "when": event_when(event), "waiting": waiting.get(event.pk, 0)}
        for event in events
    ]


def people_told(event: Event) -> int:
    """How many would be emailed about a change of time, place or status."""
    counts = event_rsvp_counts(event)
    return counts["confirmed"] + counts["waitlisted"] if event.is_published else 0


def changes_told(before: Event, after: Event) -> bool:
    """Whether saving `after` over `before` emails the people coming or waiting."""
    return after.is_published and any(
        getattr(before, name) != getattr(after, name) for name in Event.NOTIFY_FIELDS
    )


def dashboard(event: Event) -> dict:
    """Who is coming and who is waiting (first in line first), with the counts."""
    return {
        "event": event,
        "when": event_when(event),
        "counts": event_rsvp_counts(event),
        "seats_left": event.seats_left,
        "attendees": list(event_attendees(event=event)),
        "waiting": list(enumerate(event_waiting_list(event=event), start=1)),
        "speakers": list(event.speakers.all()),
    }


def check_in_sheet(event: Event) -> list[Rsvp]:
    """Everyone coming, by name, for the printed sheet."""
    return sorted(event_attendees(event=event), key=lambda rsvp: rsvp.name.casefold())


def check_in_list(event: Event, *, q: str = "") -> dict:
    """The people coming whose name holds `q` (everyone without it), and how many of all the
    people coming have arrived."""
    attendees = event_attendees(event=event)
    counts = event_rsvp_counts(event)
    return {
        "attendees": list(attendees.filter(name__icontains=q) if q else attendees),
        "checked_in": counts["checked_in"],
        "total": counts["confirmed"],
    }


def attendees_csv_rows(event: Event):
    """The header, then everyone coming and everyone waiting (with their place in line)."""
    yield [
        _("Status"),
        _("Place on the waiting list"),
        _("Name"),
        _("Email"),
        _("Answered at"),
        _("Checked in at"),
    ]
    people = [(rsvp, "") for rsvp in event_attendees(event=event)]
    people += [
        (rsvp, position) for position, rsvp in enumerate(event_waiting_list(event=event), start=1)
    ]
    for rsvp, position in people:
        yield [
            RsvpStatus(rsvp.status).label,
            position,
            csv_cell(rsvp.name),
            csv_cell(rsvp.email),
            local_time(rsvp.created_at, event),
            local_time(rsvp.checked_in_at, event),
        ]
