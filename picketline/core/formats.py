"""Dates, time spans and distances as a reader sees them, in their language and units."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest
from django.utils import dateformat, formats
from django.utils.translation import gettext as _

from picketline.core.geo import KM_PER_MILE

# Regions whose English speakers read road distances in miles.
MILE_REGIONS = frozenset({"US", "GB", "LR", "MM"})


def distance_unit_for(request: HttpRequest) -> str:
    """The unit, "km" or "mi", that distances are shown in for this request.

    Only English gets miles. Our English translation is plain "en", so the reader's region comes
    from the browser's Accept-Language: the first English tag decides, and "en-US", "en-GB",
    "en-LR" and "en-MM" mean miles. Every other language and region reads kilometres.
    """
    language = (getattr(request, "LANGUAGE_CODE", "") or settings.LANGUAGE_CODE).lower()
    if language.split("-")[0] != "en":
        return "km"
    if "-" in language:
        return "mi" if language.split("-")[1].upper() in MILE_REGIONS else "km"
    for item in request.headers.get("Accept-Language", "").split(","):
        parts = item.split(";")[0].strip().split("-")
        if parts[0].lower() == "en":
            return "mi" if len(parts) > 1 and parts[1].upper() in MILE_REGIONS else "km"
    return "km"


def distance_label(distance_km: float, unit: str) -> str:
    value = distance_km / KM_PER_MILE if unit == "mi" else distance_km
    shown = formats.number_format(value, 1 if value < 10 else 0, use_l10n=True)
    if unit == "mi":
        return _("%(distance)s mi") % {"distance": shown}
    return _("%(distance)s km") % {"distance": shown}


def day_label(value: dt.datetime | dt.date) -> str:
    """A day with its weekday, in the reader's language: "Mon 7 Dec" (the locale's
    MONTH_DAY_FORMAT, in picketline/locale/<language>/formats.py)."""
    return dateformat.format(value, formats.get_format("MONTH_DAY_FORMAT"))


def time_label(value: dt.datetime | dt.time) -> str:
    """A time of day in the reader's language's style: "22:13"."""
    return dateformat.time_format(value, formats.get_format("TIME_FORMAT"))


def span_label(starts_at: dt.datetime, ends_at: dt.datetime, zone_name: str) -> str:
    """A time span in the zone it belongs to, naming the zone.

    For example "Tue 24 Nov, 06:00\u201309:00 (Europe/London, GMT)".
    """
    zone = ZoneInfo(zone_name)
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    abbreviation = start.tzname() or ""
    zone_label = (
        zone_name
        if not abbreviation or abbreviation == zone_name or abbreviation.startswith(("+", "-"))
        else f"{zone_name}, {abbreviation}"
    )
    day = day_label(start)
    if start.date() == end.date():
        when = _("%(day)s, %(start)s–%(end)s") % {  # noqa: RUF001 (an en dash for a range)
            "day": day,
            "start": time_label(start),
            "end": time_label(end),
        }
    else:
        when = _("%(day)s, %(start)s – %(end_day)s, %(end)s") % {  # noqa: RUF001
            "day": day,
            "start": time_label(start),
            "end_day": day_label(end),
            "end": time_label(end),
        }
    return f"{when} ({zone_label})"
