"""`/events.ics` and `/events.geojson`: the listed events under the list's filters.

`?day=<slug>` holds either to one day of action, so a whole day subscribes as one calendar and
its map loads in one request. The GeoJSON is built from plain rows of the public columns (never
the join link or anything about the people coming): a day with thousands of local events costs
two queries. It is cached under the query, the language and a version of the events, and
carries a weak ETag so a map that polls gets 304s until something changes.
"""

import datetime as dt
from urllib.parse import quote
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from picketline.core.formats import day_label, time_label
from picketline.disputes.cache import feed_cache_key
from picketline.disputes.feeds.common import bad_filters_text, cached_json_feed, choice_labels
from picketline.disputes.filtering import FilterError
from picketline.disputes.public import COORDINATE_DECIMALS
from picketline.events import calendar
from picketline.events.choices import EventMode, EventStatus
from picketline.events.days.models import DayOfAction
from picketline.events.filters import EventFilters, event_filters_from_query
from picketline.events.models import Event
from picketline.events.selectors import event_search
from picketline.organisations.models import Organisation

GEOJSON_CONTENT_TYPE = "application/geo+json"

_COLUMNS = (
    "id",
    "slug",
    "title",
    "starts_at",
    "ends_at",
    "timezone",
    "mode",
    "status",
    "locality",
    "country",
    "latitude",
    "longitude",
    "organiser_name",
    "organisation__name",
    "day_of_action__slug",
)


@require_safe
def events_ics(request: HttpRequest) -> HttpResponse:
    try:
        filters = event_filters_from_query(request.GET)
    except FilterError as error:
        return bad_filters_text(error)
    events = event_search(filters=filters)
    calendar_file = calendar.events_calendar(events, name=_calendar_name(filters))
    return HttpResponse(calendar_file.to_ical(), content_type=calendar.CONTENT_TYPE)


def _calendar_name(filters: EventFilters) -> str:
    if filters.day:
        title = (
            DayOfAction.objects.filter(slug=filters.day, published_at__isnull=False)
            .values_list("title", flat=True)
            .first()
        )
        if title:
            return title
    return _("%(site)s: events") % {"site": settings.SITE_NAME}


def events_version() -> str:
    """Changes whenever a listed event could change, appear or go: an event, a day of action
    or an organisation is added or edited, or the next upcoming event ends (it leaves the
    default, upcoming-only answer)."""
    quote_name = connection.ops.quote_name
    parts = []
    for model in (Event, DayOfAction, Organisation):
        table = quote_name(model._meta.db_table)
        updated = quote_name(model._meta.get_field("updated_at").column)
        parts.append(f"(SELECT COUNT(*) FROM {table})")
        parts.append(f"(SELECT MAX({updated}) FROM {table})")
    table = quote_name(Event._meta.db_table)
    ends = quote_name(Event._meta.get_field("ends_at").column)
    parts.append(f"(SELECT MIN({ends}) FROM {table} WHERE {ends} > %s)")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", [timezone.now()])
        row = cursor.fetchone()
    return repr(tuple(str(value) for value in row))


@require_safe
def events_geojson(request: HttpRequest) -> HttpResponse:
    return cached_json_feed(
        request,
        key=feed_cache_key("events-geojson", request.GET, version=events_version()),
        build=lambda: feature_collection(filters=event_filters_from_query(request.GET)),
        content_type=GEOJSON_CONTENT_TYPE,
    )


def event_path_builder():
    """slug → the event page's path, reversed once rather than once per row."""
    marker = "slug-marker-0"
    template = reverse("events:detail", kwargs={"slug": marker})
    head, tail = template.split(marker, 1)
    return lambda slug: head + quote(slug, safe="!$&'()*+,;=/~:@") + tail


class WhenLabels:
    """`core.formats.span_label` for thousands of rows: the same text in the same words, with
    the patterns translated once and each day's name formatted once per response."""

    def __init__(self):
        self.same_day = _("%(day)s, %(start)s–%(end)s")  # noqa: RUF001 (an en dash for a range)
        self.across_days = _("%(day)s, %(start)s – %(end_day)s, %(end)s")  # noqa: RUF001
        self._days: dict[dt.date, str] = {}
        self._zones: dict[str, ZoneInfo] = {}
        # Every language of ours reads a 24-hour clock; str.format is many times faster.
        self._time_format = formats.get_format("TIME_FORMAT")

    def _time(self, local: dt.datetime) -> str:
        if self._time_format == "H:i":
            return f"{local:%H:%M}"
        return time_label(local)

    def _day(self, local: dt.datetime) -> str:
        date = local.date()
        if date not in self._days:
            self._days[date] = day_label(local)
        return self._days[date]

    def __call__(self, starts_at: dt.datetime, ends_at: dt.datetime, zone_name: str) -> str:
        zone = self._zones.get(zone_name)
        if zone is None:
            zone = self._zones[zone_name] = ZoneInfo(zone_name)
        start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
        abbreviation = start.tzname() or ""
        zone_label = (
            zone_name
            if not abbreviation or abbreviation == zone_name or abbreviation.startswith(("+", "-"))
            else f"{zone_name}, {abbreviation}"
        )
        values = {"day": self._day(start), "start": self._time(start), "end": self._time(end)}
        if start.date() == end.date():
            when = self.same_day % values
        else:
            when = self.across_days % {**values, "end_day": self._day(end)}
        return f"{when} ({zone_label})"


def feature_collection(*, filters: EventFilters) -> dict:
    """One Point Feature per listed event with a place; online-only events have none."""
    rows = (
        event_search(filters=filters)
        .exclude(mode=EventMode.ONLINE)
        .filter(latitude__isnull=False, longitude__isnull=False)
    )
    columns = [*_COLUMNS, "distance_km"] if filters.point is not None else list(_COLUMNS)
    path_for = event_path_builder()
    mode_labels = choice_labels(EventMode)
    status_labels = choice_labels(EventStatus)
    when = WhenLabels()
    features = []
    for row in rows.values(*columns):
        features.append(_feature(row, path_for, when, mode_labels, status_labels))
    return {"type": "FeatureCollection", "features": features}


def _feature(row: dict, path_for, when: WhenLabels, mode_labels: dict, status_labels: dict) -> dict:
    properties = {
        "id": row["id"],
        "slug": row["slug"],
        "title": row["title"],
        "url": path_for(row["slug"]),
        "starts_at": row["starts_at"].isoformat(),
        "ends_at": row["ends_at"].isoformat(),
        "timezone": row["timezone"],
        "when": when(row["starts_at"], row["ends_at"], row["timezone"]),
        "mode": row["mode"],
        "mode_label": mode_labels.get(row["mode"], ""),
        "status": row["status"],
        "status_label": status_labels.get(row["status"], ""),
        "locality": row["locality"],
        "country": row["country"],
        "organiser": row["organisation__name"] or row["organiser_name"],
        "day_of_action": row["day_of_action__slug"],
    }
    if "distance_km" in row:
        properties["distance_km"] = round(row["distance_km"], 3)
    lat = round(row["latitude"], COORDINATE_DECIMALS)
    lon = round(row["longitude"], COORDINATE_DECIMALS)
    return {
        "type": "Feature",
        "id": row["id"],
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }
