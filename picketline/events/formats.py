"""How an event reads on a page, in an email or in the moderation queue: when (in its own zone,
named) and where (town and country, or "Online")."""

from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from picketline.core.formats import span_label
from picketline.events.models import Event


def event_when(event: Event) -> str:
    return span_label(event.starts_at, event.ends_at, event.timezone)


def event_place_parts(event: Event, countries: dict[str, str] | None = None) -> list[str]:
    """Town and country for a list, each its own piece of text so that a page can isolate
    each (an Arabic town beside an English country); "Online" for an event without a place.
    `countries` names the country codes; a code stays as it is without it."""
    if not event.has_place:
        return [_("Online")]
    countries = countries or {}
    parts = [event.locality, countries.get(event.country, event.country)]
    return [part for part in parts if part]


def event_place(event: Event, countries: dict[str, str] | None = None) -> str:
    """`event_place_parts` as one line of text, for calendars and exports."""
    return ", ".join(event_place_parts(event, countries))


def local_time(value, event: Event) -> str:
    """A moment on the event's own clock, to the minute (the organisers' CSV)."""
    if value is None:
        return ""
    return value.astimezone(ZoneInfo(event.timezone)).isoformat(timespec="minutes")
