"""`/disputes.geojson`: the map's data, one RFC 7946 Point Feature per public site.

The body is cached under the normalised query, the language and the registry version, and
carries an ETag, so a map that polls gets 304s until something changes. Building it costs four
queries whatever the registry's size: sites joined to their disputes, then employer and union
names; the disputes themselves are chosen by `dispute_feed_search` inside a subquery.

A cold body is streamed as it is encoded (orjson, a thousand features a chunk), so the first
bytes leave before the last rows are read and the whole document is never held as objects.
Each Feature is written as bytes: a dispute's properties, the same for each of its sites, are
encoded once per dispute and the site's own parts around them (see `features`).
"""

from collections.abc import Callable, Iterator
from itertools import batched

import orjson
from django.db import connections
from django.db.models import CharField, F, Func, QuerySet
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from picketline.core.geo import distance_km_expression
from picketline.disputes.cache import feed_cache_key, registry_version
from picketline.disputes.choices import DisputeKind, DisputeStatus, Sector, Verification
from picketline.disputes.feeds.common import (
    cached_json_stream,
    choice_labels,
    dispute_path_builder,
)
from picketline.disputes.filtering import filters_from_query
from picketline.disputes.filters import DisputeFilters, Sort
from picketline.disputes.models import Dispute, Site
from picketline.disputes.public import COORDINATE_DECIMALS
from picketline.disputes.selectors import dispute_feed_search

CONTENT_TYPE = "application/geo+json"


_SITE_FIELDS = (
    "id",
    "dispute_id",
    "name",
    "city",
    "region",
    "country",
    "public_latitude",
    "public_longitude",
)
_DISPUTE_FIELDS = (
    "slug",
    "title",
    "status",
    "kind",
    "sector",
    "start_date",
    "end_date",
    "workers_involved",
    "verification",
    "sensitive",
)


@require_safe
def geojson(request: HttpRequest) -> HttpResponse:
    return cached_json_stream(
        request,
        key=feed_cache_key("geojson", request.GET, version=registry_version()),
        # The filters are read now (a bad query string is a 400), the rows while streaming.
        build=lambda: feature_collection_chunks(filters=filters_from_query(request.GET)),
        content_type=CONTENT_TYPE,
    )


# Features encoded per chunk: enough that a chunk is a few hundred kilobytes, few enough that the
# first bytes leave early.
CHUNK_FEATURES = 1000


def feature_collection_chunks(*, filters: DisputeFilters) -> Iterator[bytes]:
    """The FeatureCollection for these filters as UTF-8 JSON, in chunks."""
    yield b'{"type":"FeatureCollection","features":['
    separator = b""
    for batch in batched(features(filters=filters), CHUNK_FEATURES):
        yield separator + b",".join(batch)
        separator = b","
    yield b"]}"


# One Feature around its parts: the site's id, its coordinates (a JSON array), the dispute's
# properties (an object left open) and the site's own properties (the rest of that object).
_FEATURE = (
    b'{"type":"Feature","id":%d,"geometry":{"type":"Point","coordinates":%b},"properties":%b,%b}'
)


def features(*, filters: DisputeFilters) -> Iterator[bytes]:
    """One Point Feature per public site of the disputes these filters choose, in map order,
    each as UTF-8 JSON: what `orjson.dumps` makes of the Feature as a dict.

    The properties of a dispute come first in every Feature, so they are encoded once per
    dispute and the site's properties are appended; the sites of a dispute are consecutive
    rows unless sorted by distance, when a dispute's properties are encoded again.
    """
    dispute_ids = dispute_feed_search(filters=filters).order_by().values("pk")
    dispute_properties = _dispute_properties_encoder(
        employers=_organisation_names("employers", dispute_ids),
        unions=_organisation_names("unions", dispute_ids),
    )
    near = filters.point is not None
    dumps = orjson.dumps
    current_dispute, head, sensitive = None, b"", False
    # Plain tuples, not model instances: the map's data is the registry's largest answer.
    for row in _driver_rows(_sites(dispute_ids, filters), chunk_size=2000):
        site_id, dispute_id, name, city, region, country, latitude, longitude = row[:8]
        if dispute_id != current_dispute:
            current_dispute, head, sensitive = dispute_id, dispute_properties(row), row[17]
        site = {
            "site_id": site_id,
            # A sensitive dispute's workplace is not named: the town is as far as it goes.
            "site_name": None if sensitive else name,
            "city": city,
            "region": region,
            "country": country,
        }
        if near:
            site["distance_km"] = round(row[18], 3)
        coordinates = (
            round(longitude, COORDINATE_DECIMALS),
            round(latitude, COORDINATE_DECIMALS),
        )
        # dumps(site)[1:] drops the site object's "{": its members continue the dispute's.
        yield _FEATURE % (site_id, dumps(coordinates), head, dumps(site)[1:])


def _dispute_properties_encoder(
    *, employers: dict[int, list[str]], unions: dict[int, list[str]]
) -> Callable[[tuple], bytes]:
    """row → the properties a dispute gives each of its sites, as a JSON object left open
    (no closing brace) for the site's to follow."""
    path_for = dispute_path_builder()
    status_labels = choice_labels(DisputeStatus)
    kind_labels = choice_labels(DisputeKind)
    sector_labels = choice_labels(Sector)
    verification_labels = choice_labels(Verification)
    no_names: list[str] = []

    def encode(row: tuple) -> bytes:
        (
            dispute_id,
            slug,
            title,
            status,
            kind,
            sector,
            start_date,
            end_date,
            workers_involved,
            verification,
            sensitive,
        ) = (row[1], *row[8:18])
        properties = {
            "dispute_id": dispute_id,
            "slug": slug,
            "title": title,
            "url": path_for(slug),
            "status": status,
            "status_label": status_labels.get(status, ""),
            "kind": kind,
            "kind_label": kind_labels.get(kind, ""),
            "sector": sector,
            "sector_label": sector_labels.get(sector, ""),
            "employers": employers.get(dispute_id, no_names),
            "unions": unions.get(dispute_id, no_names),
            "start_date": start_date,
            "end_date": end_date,
            "workers_involved": workers_involved,
            "verification": verification,
            "verification_label": verification_labels.get(verification, ""),
            "sensitive": sensitive,
        }
        return orjson.dumps(properties)[:-1]

    return encode


class IsoDate(Func):
    """A date column as its ISO text ("2026-12-07"), written by the database: on SQLite the
    stored text itself (no converter parses it into a date for Python to print again), on
    PostgreSQL `to_char`, whatever the server's DateStyle."""

    arity = 1
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="CAST(%(expressions)s AS TEXT)")

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM-DD')")


def _sites(dispute_ids: QuerySet, filters: DisputeFilters) -> QuerySet:
    """Rows of public site columns and their disputes' public columns, in map order."""
    sites = Site.objects.filter(dispute__in=dispute_ids).annotate(
        start_iso=IsoDate("dispute__start_date"), end_iso=IsoDate("dispute__end_date")
    )
    columns = [
        *_SITE_FIELDS,
        *(
            {"start_date": "start_iso", "end_date": "end_iso"}.get(name, f"dispute__{name}")
            for name in _DISPUTE_FIELDS
        ),
    ]
    if filters.point is not None:
        lat, lon = filters.point
        # Only the sites within reach: a national strike near Leeds shows its Leeds pickets.
        sites = sites.annotate(
            distance_km=distance_km_expression(lat, lon, "public_latitude", "public_longitude")
        ).filter(distance_km__lte=filters.radius_km)
        columns.append("distance_km")
        if filters.sort == Sort.DISTANCE:
            return sites.order_by("distance_km", "dispute_id", "id").values_list(*columns)
    if filters.sort == Sort.START:
        ordering = (F("dispute__start_date").desc(nulls_last=True), "-dispute_id", "id")
    else:
        ordering = ("-dispute__created_at", "-dispute_id", "id")
    return sites.order_by(*ordering).values_list(*columns)


# Rows read at a time: the names are short, so a larger chunk costs little memory.
ORGANISATION_CHUNK = 5000


def _organisation_names(relation: str, dispute_ids: QuerySet) -> dict[int, list[str]]:
    """{dispute id: [organisation names]} for one many-to-many relation, in one query."""
    through = Dispute._meta.get_field(relation).remote_field.through
    names: dict[int, list[str]] = {}
    rows = (
        through.objects.filter(dispute_id__in=dispute_ids)
        .order_by("organisation__name", "organisation_id")
        .values_list("dispute_id", "organisation__name")
    )
    # Raw rows as for the sites: tens of thousands of names, no value to convert.
    for dispute_id, name in _driver_rows(rows, chunk_size=ORGANISATION_CHUNK):
        listed = names.get(dispute_id)
        if listed is None:
            names[dispute_id] = [name]
        else:
            listed.append(name)
    return names


def _driver_rows(queryset: QuerySet, *, chunk_size: int) -> Iterator[tuple]:
    """The rows of a `values_list()` queryset as the database driver gives them, a chunk at a
    time (a server-side cursor on PostgreSQL, as `.iterator()` uses).

    Django's per-value converters are skipped: for the columns read here both drivers already
    give what they would (SQLite's connection parses `date` and `bool` columns itself), and
    on the map's tens of thousands of rows they cost about a quarter of the build.
    """
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    connection = connections[queryset.db]
    if connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS"):
        cursor = connection.cursor()
    else:
        cursor = connection.chunked_cursor()
    with cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk_size):
            yield from rows
