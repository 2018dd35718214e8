"""The clustered map's data: one tile z/x/y at a time, under the list's filters.

A cluster counts **sites**: the map's markers, one per public site of a matching dispute, as in
`/disputes.geojson`. A dispute with pickets in three towns is three markers, and a cluster
says how many markers it stands for. The counts of the clusters (and single sites) of any set of
tiles add up exactly to the matching sites in them (`core.tiles` says why).

A tile costs three queries whatever the registry's size: the cells counted in one GROUP BY, the
single sites' popups, and their employers' names. Only public columns are read (`public.py`).
"""

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import ngettext

from picketline.core.geo import distance_km_expression
from picketline.core.tiles import Cell, Tile, in_cell_queryset, tile_cells
from picketline.disputes.choices import DisputeKind, DisputeStatus
from picketline.disputes.feeds.common import choice_labels, dispute_path_builder
from picketline.disputes.filters import DisputeFilters
from picketline.disputes.models import Dispute, Site
from picketline.disputes.public import COORDINATE_DECIMALS
from picketline.disputes.selectors import dispute_feed_search

# A cluster's list shows this many disputes at most, with how many more there are.
CLUSTER_LIST_LIMIT = 50

_LAT, _LON = "public_latitude", "public_longitude"


def matching_sites(*, filters: DisputeFilters) -> QuerySet:
    """The map's sites under these filters (as `/disputes.geojson` chooses them): sites of the
    disputes `dispute_feed_search` finds, and with a place, only the sites within reach."""
    # A correlated EXISTS, not `dispute_id IN (...)`: the database then starts from the tile's
    # box on the indexed public point and checks each site's dispute by its key, so the cost
    # follows the sites in view. With IN, SQLite walks every matching dispute's sites.
    disputes = dispute_feed_search(filters=filters).order_by().filter(pk=OuterRef("dispute_id"))
    sites = Site.objects.filter(Exists(disputes))
    if filters.point is not None:
        lat, lon = filters.point
        sites = sites.annotate(distance_km=distance_km_expression(lat, lon, _LAT, _LON)).filter(
            distance_km__lte=filters.radius_km
        )
    return sites


def tile_document(*, tile: Tile, filters: DisputeFilters) -> dict:
    """The tile's clusters (cells of more than one site) and single sites (with their popup)."""
    cells = tile_cells(matching_sites(filters=filters), tile, lat_field=_LAT, lon_field=_LON)
    singles = [cell for cell in cells if cell.count == 1]
    clusters = [_cluster(tile, cell) for cell in cells if cell.count > 1]
    return {
        "z": tile.z,
        "x": tile.x,
        "y": tile.y,
        "count": sum(cell.count for cell in cells),
        "clusters": clusters,
        "sites": _site_points([cell.first_id for cell in singles]),
    }


def _cluster(tile: Tile, cell: Cell) -> dict:
    return {
        "cell": cell.cell,
        "count": cell.count,
        "lat": round(cell.lat, COORDINATE_DECIMALS),
        "lon": round(cell.lon, COORDINATE_DECIMALS),
        # Where its sites are: the map zooms to this; one point means they share a spot.
        "bounds": [
            round(value, COORDINATE_DECIMALS)
            for value in (cell.south, cell.west, cell.north, cell.east)
        ],
        "label": ngettext(
            "%(count)s place on the map: zoom in or list its disputes",
            "%(count)s places on the map: zoom in or list their disputes",
            cell.count,
        )
        % {"count": cell.count},
    }


_SITE_COLUMNS = (
    "id",
    "dispute_id",
    "name",
    "city",
    "country",
    _LAT,
    _LON,
    "dispute__slug",
    "dispute__title",
    "dispute__status",
    "dispute__kind",
    "dispute__start_date",
    "dispute__sensitive",
)


def _site_points(site_ids: list[int]) -> list[dict]:
    """What a marker's popup shows, for these sites (public columns only)."""
    if not site_ids:
        return []
    rows = list(Site.objects.filter(pk__in=site_ids).order_by("id").values(*_SITE_COLUMNS))
    employers = _employer_names({row["dispute_id"] for row in rows})
    path_for = dispute_path_builder()
    status_labels = choice_labels(DisputeStatus)
    kind_labels = choice_labels(DisputeKind)
    points = []
    for row in rows:
        start = row["dispute__start_date"]
        points.append(
            {
                "site_id": row["id"],
                "lat": round(row[_LAT], COORDINATE_DECIMALS),
                "lon": round(row[_LON], COORDINATE_DECIMALS),
                "dispute_id": row["dispute_id"],
                "title": row["dispute__title"],
                "url": path_for(row["dispute__slug"]),
                "status": row["dispute__status"],
                "status_label": status_labels.get(row["dispute__status"], ""),
                "kind_label": kind_labels.get(row["dispute__kind"], ""),
                "employers": employers.get(row["dispute_id"], []),
                "start_date": start.isoformat() if start else None,
                # A sensitive dispute's workplace is not named: the town is as far as it goes.
                "site_name": None if row["dispute__sensitive"] else row["name"],
                "city": row["city"],
                "country": row["country"],
            }
        )
    return points


def _employer_names(dispute_ids: set[int]) -> dict[int, list[str]]:
    through = Dispute._meta.get_field("employers").remote_field.through
    names: dict[int, list[str]] = {}
    rows = (
        through.objects.filter(dispute_id__in=dispute_ids)
        .order_by("organisation__name", "organisation_id")
        .values_list("dispute_id", "organisation__name")
    )
    for dispute_id, name in rows:
        names.setdefault(dispute_id, []).append(name)
    return names


def cluster_document(*, tile: Tile, cell: int, filters: DisputeFilters) -> dict:
    """The disputes with a site in one cell of a tile (newest first, at most
    CLUSTER_LIST_LIMIT), for a cluster's list. Raises TileError for a cell not on the grid."""
    sites = in_cell_queryset(
        matching_sites(filters=filters), tile, cell, lat_field=_LAT, lon_field=_LON
    )
    rows = list(
        sites.order_by("-dispute__created_at", "-dispute_id", "id").values(
            "dispute_id",
            "city",
            "country",
            "dispute__slug",
            "dispute__title",
            "dispute__status",
        )[: CLUSTER_LIST_LIMIT * 4]
    )
    total = sites.order_by().values("dispute_id").distinct().count()
    path_for = dispute_path_builder()
    status_labels = choice_labels(DisputeStatus)
    disputes: dict[int, dict] = {}
    for row in rows:
        if row["dispute_id"] in disputes or len(disputes) >= CLUSTER_LIST_LIMIT:
            continue
        disputes[row["dispute_id"]] = {
            "dispute_id": row["dispute_id"],
            "title": row["dispute__title"],
            "url": path_for(row["dispute__slug"]),
            "status_label": status_labels.get(row["dispute__status"], ""),
            "city": row["city"],
            "country": row["country"],
        }
    listed = list(disputes.values())
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
            ngettext("and %(count)s more dispute", "and %(count)s more disputes", more)
            % {"count": more}
            if more
            else ""
        ),
        "heading": ngettext("%(count)s dispute here", "%(count)s disputes here", total)
        % {"count": total},
    }
