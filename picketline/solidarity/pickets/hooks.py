"""What the pickets part adds to dispute pages: the coming shifts, and the rota's summary."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.core.formats import day_label, time_label
from picketline.disputes.hooks import MANAGE, PUBLIC, DisputeSection, dispute_section_register
from picketline.solidarity.pickets import selectors as selectors


def start_label(starts_at: dt.datetime, zone_name: str) -> str:
    """When a picket starts, in its own zone and naming it: "Tue 24 Nov, 06:00 (Europe/London,
    GMT)". The page's list of picket lines above gives the full span."""
    start = starts_at.astimezone(ZoneInfo(zone_name))
    abbreviation = start.tzname() or ""
    zone_label = (
        zone_name
        if not abbreviation or abbreviation == zone_name or abbreviation.startswith(("+", "-"))
        else f"{zone_name}, {abbreviation}"
    )
    when = _("%(day)s, %(start)s") % {
        "day": day_label(start),
        "start": time_label(start),
    }
    return f"{when} ({zone_label})"


def _day(starts_at: dt.datetime, zone: str, now: dt.datetime) -> str:
    """ "today", "tomorrow" or "" for a start, on the clock of the picket's own zone."""
    local = ZoneInfo(zone)
    days = (starts_at.astimezone(local).date() - now.astimezone(local).date()).days
    return {0: "today", 1: "tomorrow"}.get(days, "")


def public_section(request, dispute) -> dict | None:
    now = timezone.now()
    rows = selectors.public_occurrences(dispute=dispute, now=now)
    if not rows:
        return None
    occurrences = [
        {
            "when": start_label(row.occurrence.starts_at, row.occurrence.zone),
            "starts_at": row.occurrence.starts_at,
            "place": row.place,
            "people": row.people,
            "full": row.full,
            "shift_id": row.occurrence.shift.pk,
            "key": row.key,
        }
        for row in rows
    ]
    headline = None
    first = next((row for row in rows if row.people), None)
    if first is not None:
        headline = {
            "people": first.people,
            "day": _day(first.occurrence.starts_at, first.occurrence.zone, now),
            "when": start_label(first.occurrence.starts_at, first.occurrence.zone),
        }
    return {"occurrences": occurrences, "headline": headline}


def manage_section(request, dispute) -> dict | None:
    return selectors.rota_summary(dispute=dispute)


def register() -> None:
    """Called once from the app's ready()."""
    dispute_section_register(
        DisputeSection(
            key="pickets",
            page=PUBLIC,
            order=30,
            template="solidarity/pickets/_section.html",
            context=public_section,
        )
    )
    dispute_section_register(
        DisputeSection(
            key="pickets",
            page=MANAGE,
            order=30,
            template="solidarity/pickets/_manage_section.html",
            context=manage_section,
        )
    )
