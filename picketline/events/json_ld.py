"""The schema.org description of an event that search engines and calendars read, with only
what the public page shows (never the join link)."""

import json
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.safestring import mark_safe

from picketline.events.choices import EventMode, EventStatus
from picketline.events.models import Event

# As `json_script` escapes them: no text inside the JSON can close the script element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
_SCHEMA_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
}
_SCHEMA_MODE = {
    EventMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    EventMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    EventMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def local_iso(value, zone_name: str) -> str:
    return value.astimezone(ZoneInfo(zone_name)).isoformat()


def json_ld_script(data: dict) -> str:
    """JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped as
    `json_script` does, so no text in it can close the element."""
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(text)


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _json_ld_location(event: Event, url: str) -> list[dict]:
    locations = []
    if event.has_place:
        place = {
            "@type": "Place",
            "name": event.venue or event.locality or event.title,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.address,
                "addressLocality": event.locality,
                "addressCountry": event.country,
            },
        }
        if event.latitude is not None and event.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": event.latitude,
                "longitude": event.longitude,
            }
        locations.append(place)
    if event.is_online:
        # The page, never the join link: that is only for people whose place is confirmed.
        locations.append({"@type": "VirtualLocation", "url": url})
    return locations


def event_json_ld(event: Event) -> dict:
    """A schema.org Event with only what the public page shows."""
    url = _absolute(event.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": local_iso(event.starts_at, event.timezone),
        "endDate": local_iso(event.ends_at, event.timezone),
        "eventStatus": _SCHEMA_STATUS.get(event.status, _SCHEMA_STATUS[EventStatus.SCHEDULED]),
        "eventAttendanceMode": _SCHEMA_MODE.get(event.mode, _SCHEMA_MODE[EventMode.IN_PERSON]),
        "url": url,
        "inLanguage": event.language,
        "location": _json_ld_location(event, url),
        "organizer": {
            "@type": "Organization" if event.organisation_id else "Person",
            "name": event.organiser_label,
        },
    }
    if event.description:
        data["description"] = event.description[:2000]
    speakers = [{"@type": "Person", "name": s.name} for s in event.speakers.all()]
    if speakers:
        data["performer"] = speakers
    return data
