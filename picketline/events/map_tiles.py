"""The clustered events map's data: one tile z/x/y at a time, under the events list's filters.

A cluster counts **events** with a place (online-only events have none), as `/events.geojson`
draws them: the counts of the clusters and single events of any set of tiles add up exactly to
the events in them. A day of action's map is the same with `?day=<slug>`. A tile costs two
queries whatever the number of events: the cells counted in one GROUP BY and the single
events' popups; only the columns `/events.geojson` shows are read (never the join link).
"""

from django.db.models import QuerySet
from django.utils.translation import ngettext

from picketline.core.tiles import Cell, Tile, in_cell_queryset, tile_cells
from picketline.disputes.feeds.common import choice_labels
from picketline.disputes.public import COORDINATE_DECIMALS
from picketline.events.choices import EventMode, EventStatus
from picketline.events.feeds import WhenLabels, event_path_builder
from picketline.events.filters import EventFilters
from picketline.events.selectors import event_search

# A cluster's list shows this many events at most, with how many more there are.
CLUSTER_LIST_LIMIT = 50

_LAT, _LON = "latitude", "longitude"
_COLUMNS = (
    "id",
    "slug",
    "title",
    "starts_at",
    "ends_at",
    "timezone",
    "status",
    "locality",
    "country",
    "organiser_name",
    "organisation__name",
    _LAT,
    _LON,
)


def matching_events(*, filters: EventFilters) -> QuerySet:
    """The events the map shows under these filters (as `/events.geojson` chooses them)."""
    return (
        event_search(filters=filters)
        .exclude(mode=EventMode.ONLINE)
        .filter(latitude__isnull=False, longitude__isnull=False)
    )


def tile_document(*, tile: Tile, filters: EventFilters) -> dict:
    events = matching_events(filters=filters)
    cells = tile_cells(events, tile, lat_field=_LAT, lon_field=_LON)
    singles = [cell.first_id for cell in cells if cell.count == 1]
    return {
        "z": tile.z,
        "x": tile.x,
        "y": tile.y,
        "count": sum(cell.count for cell in cells),
        "clusters": [_cluster(cell) for cell in cells if cell.count > 1],
        "sites": (
            _event_points(events.filter(pk__in=singles).order_by("starts_at", "id"))
            if singles
            else []
        ),
    }


def _cluster(cell: Cell) -> dict:
    return {
        "cell": cell.cell,
        "count": cell.count,
        "lat": round(cell.lat, COORDINATE_DECIMALS),
        "lon": round(cell.lon, COORDINATE_DECIMALS),
        "bounds": [
            round(value, COORDINATE_DECIMALS)
            for value in (cell.south, cell.west, cell.north, cell.east)
        ],
        "label": ngettext(
            "%(count)s event here: zoom in or list it",
            "%(count)s events here: zoom in or list them",
            cell.count,
        )
        % {"count": cell.count},
    }


def _event_points(events: QuerySet) -> list[dict]:
    """What a marker's popup shows (the same properties as `/events.geojson`), in the
    order of `events`."""
    path_for = event_path_builder()
    status_labels = choice_labels(EventStatus)
    when = WhenLabels()
    return [
        {
            "id": row["id"],
            "lat": round(row[_LAT], COORDINATE_DECIMALS),
            "lon": round(row[_LON], COORDINATE_DECIMALS),
            "title": row["title"],
            "url": path_for(row["slug"]),
            "status": row["status"],
            "status_label": status_labels.get(row["status"], ""),
            "when": when(row["starts_at"], row["ends_at"], row["timezone"]),
            "locality": row["locality"],
            "country": row["country"],
            "organiser": row["organisation__name"] or row["organiser_name"],
        }
        for row in events.values(*_COLUMNS)
    ]


def cluster_document(*, tile: Tile, cell: int, filters: EventFilters) -> dict:
    """The events in one cell of a tile, soonest first (at most CLUSTER_LIST_LIMIT)."""
    events = in_cell_queryset(
        matching_events(filters=filters), tile, cell, lat_field=_LAT, lon_field=_LON
    )
    total = events.count()
    listed = [
        {
            "title": point["title"],
            "url": point["url"],
            "details": [point["when"], point["locality"], point["country"]],
        }
        for point in _event_points(events.order_by("starts_at", "id")[:CLUSTER_LIST_LIMIT])
    ]
    more = max(total - len(listed), 0)
    return {
        "z": tile.z,
        "x": tile.x,
        "y": tile.y,
        "cell": cell,
        "count": total,
        "items": listed,
        "more": more,
        "more_label": (
            ngettext("and %(count)s more event", "and %(count)s more events", more)
            % {"count": more}
            if more
            else ""
        ),
        "heading": ngettext("%(count)s event here", "%(count)s events here", total)
        % {"count": total},
    }
