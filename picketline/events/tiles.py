"""`/events/map/tiles/<z>/<x>/<y>.json`: the events map's data one tile at a time, under the
events list's filters (`?day=<slug>` for a day of action's map), cached under the events'
version with an ETag like `/events.geojson`; `.../<cell>.json` lists one cluster's events."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from picketline.core.tiles import GRID, Tile, TileError
from picketline.disputes.cache import feed_cache_key
from picketline.disputes.feeds.common import cached_json_feed
from picketline.events.feeds import events_version
from picketline.events.filters import event_filters_from_query
from picketline.events.map_tiles import cluster_document, tile_document


def _tile(z: int, x: int, y: int) -> Tile:
    try:
        return Tile(z, x, y)
    except TileError:
        raise Http404(_("There is no map tile at this address.")) from None


@require_safe
def map_tile(request: HttpRequest, z: int, x: int, y: int) -> HttpResponse:
    tile = _tile(z, x, y)
    return cached_json_feed(
        request,
        key=feed_cache_key(f"events-tile:{z}/{x}/{y}", request.GET, version=events_version()),
        build=lambda: tile_document(tile=tile, filters=event_filters_from_query(request.GET)),
        content_type="application/json",
    )


@require_safe
def map_cluster(request: HttpRequest, z: int, x: int, y: int, cell: int) -> HttpResponse:
    tile = _tile(z, x, y)
    if not 0 <= cell < GRID * GRID:
        raise Http404(_("There is no map tile at this address."))
    return cached_json_feed(
        request,
        key=feed_cache_key(
            f"events-cluster:{z}/{x}/{y}/{cell}", request.GET, version=events_version()
        ),
        build=lambda: cluster_document(
            tile=tile, cell=cell, filters=event_filters_from_query(request.GET)
        ),
        content_type="application/json",
    )
