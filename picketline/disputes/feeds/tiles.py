"""`/map/tiles/<z>/<x>/<y>.json`: the clustered map's data, one Web Mercator tile at a time.

Each tile is built once per query string, language and registry version (one query on a
primary key: `registry_version`) and cached like the map's GeoJSON (plain and gzipped,
with an ETag that answers If-None-Match with 304), so a pan asks only for the tiles it uncovers
and a map that comes back gets 304s until something changes.
`/map/tiles/<z>/<x>/<y>/<cell>.json` lists the disputes of one cluster.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from picketline.core.tiles import GRID, Tile, TileError
from picketline.disputes.cache import feed_cache_key, registry_version
from picketline.disputes.feeds.common import cached_json_feed
from picketline.disputes.filtering import filters_from_query
from picketline.disputes.map_tiles import cluster_document, tile_document

CONTENT_TYPE = "application/json"


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
        key=feed_cache_key(f"tile:{z}/{x}/{y}", request.GET, version=registry_version()),
        build=lambda: tile_document(tile=tile, filters=filters_from_query(request.GET)),
        content_type=CONTENT_TYPE,
    )


@require_safe
def map_cluster(request: HttpRequest, z: int, x: int, y: int, cell: int) -> HttpResponse:
    tile = _tile(z, x, y)
    if not 0 <= cell < GRID * GRID:
        raise Http404(_("There is no map tile at this address."))
    return cached_json_feed(
        request,
        key=feed_cache_key(f"cluster:{z}/{x}/{y}/{cell}", request.GET, version=registry_version()),
        build=lambda: cluster_document(
            tile=tile, cell=cell, filters=filters_from_query(request.GET)
        ),
        content_type=CONTENT_TYPE,
    )
