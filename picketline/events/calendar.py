"""Events as RFC 5545: one event's "add to calendar" file, the emailed invite and the feed.

Each event is written in its own zone (DTSTART;TZID=America/Mexico_City:…) with the VTIMEZONE
it needs, so a calendar keeps it at the organisers' local time on either side of a clock change.
The join link of an online event is never written here: the feed and the public file are public.
"""

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from picketline.core.http import site_host
from picketline.events.choices import EventStatus
from picketline.events.models import Event

CONTENT_TYPE = "text/calendar; charset=utf-8"
_ICAL_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def event_location_parts(event: Event) -> list[str]:
    """The public place of an event, piece by piece (venue, address, town, country), so that
    a page can isolate each: they may be written in different scripts."""
    parts = [event.venue, event.address, event.locality, event.country]
    return [part for part in parts if part]


def event_location(event: Event) -> str:
    """The public place of an event: venue, address, town, country; "Online" when it has none."""
    place = ", ".join(event_location_parts(event))
    if event.is_online:
        online = _("Online")
        return f"{place} ({online})" if place else online
    return place


def event_summary(event: Event) -> str:
    if event.status == EventStatus.CANCELLED:
        return _("Cancelled: %(title)s") % {"title": event.title}
    if event.status == EventStatus.POSTPONED:
        return _("Postponed: %(title)s") % {"title": event.title}
    return event.title


def _vevent(event: Event, *, host: str) -> VEvent:
    zone = ZoneInfo(event.timezone)
    component = VEvent.new(
        uid=f"event-{event.pk}@{host}",
        stamp=event.updated_at,
        start=event.starts_at.astimezone(zone),
        end=event.ends_at.astimezone(zone),
        summary=event_summary(event),
        location=event_location(event) or None,
        url=f"{settings.SITE_URL}{event.get_absolute_url()}",
        description=event.description[:2000] or None,
    )
    component.add("status", _ICAL_STATUS.get(event.status, "CONFIRMED"))
    component.add("sequence", event.version)
    if event.latitude is not None and event.longitude is not None:
        component.add("geo", (event.latitude, event.longitude))
    return component


def events_calendar(events: Iterable[Event], *, name: str) -> Calendar:
    host = site_host()
    calendar = Calendar.new(
        prodid=f"-//{settings.SITE_NAME}//Events//EN", name=name, method="PUBLISH"
    )
    years = set()
    for event in events:
        calendar.add_component(_vevent(event, host=host))
        years.update({event.starts_at.year, event.ends_at.year})
    if years:
        calendar.add_missing_timezones(
            first_date=dt.date(min(years) - 1, 1, 1), last_date=dt.date(max(years) + 1, 12, 31)
        )
    return calendar


def event_ics(event: Event) -> str:
    return events_calendar([event], name=event.title).to_ical().decode()
