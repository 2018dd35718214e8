"""`/disputes.csv`: one row per dispute, streamed so a large registry never sits in memory.

Disputes are read in chunks of plain rows; each chunk's names, demands and sites are fetched
for the whole chunk at once: five queries per chunk, however many disputes it holds. Column
names are identifiers for scripts, not prose, so they stay in English in every language.
"""

import csv
import itertools
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from picketline.core.text import csv_cell
from picketline.disputes.feeds.common import bad_filters_text, dispute_path_builder
from picketline.disputes.filtering import FilterError, filters_from_query
from picketline.disputes.models import Dispute, DisputeDemand, Site
from picketline.disputes.public import COORDINATE_DECIMALS
from picketline.disputes.selectors import dispute_feed_search

CHUNK_SIZE = 500
COLUMNS = (
    "id",
    "url",
    "title",
    "kind",
    "status",
    "outcome",
    "sector",
    "employers",
    "unions",
    "workers_involved",
    "workers_approximate",
    "demands",
    "start_date",
    "end_date",
    "countries",
    "cities",
    "latitude",
    "longitude",
    "verification",
    "authorised",
    "created_at",
    "updated_at",
)
SEPARATOR = "; "
# Public columns only: the contact email and the search key are never read.
_DISPUTE_FIELDS = (
    "id",
    "slug",
    "title",
    "kind",
    "status",
    "outcome",
    "sector",
    "workers_involved",
    "workers_approximate",
    "start_date",
    "end_date",
    "verification",
    "authorised",
    "created_at",
    "updated_at",
)


class _Echo:
    """A file that hands back what is written, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


@require_safe
def disputes_csv(request: HttpRequest) -> HttpResponse:
    try:
        filters = filters_from_query(request.GET)
    except FilterError as error:
        return bad_filters_text(error)
    writer = csv.writer(_Echo())
    lines = (writer.writerow(row) for row in _rows(request, dispute_feed_search(filters=filters)))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="disputes.csv"'
    return response


def _rows(request: HttpRequest, disputes: QuerySet[Dispute]) -> Iterator[list]:
    """The header, then one row per dispute, reading the disputes a chunk at a time."""
    yield list(COLUMNS)
    origin = request.build_absolute_uri("/").rstrip("/")
    path_for = dispute_path_builder()
    rows = disputes.prefetch_related(None).values(*_DISPUTE_FIELDS).iterator(chunk_size=CHUNK_SIZE)
    for chunk in itertools.batched(rows, CHUNK_SIZE):
        facts = _chunk_facts([dispute["id"] for dispute in chunk])
        for dispute in chunk:
            yield _row(dispute, facts, url=origin + path_for(dispute["slug"]))


def _chunk_facts(ids: list[int]) -> dict[str, dict[int, list]]:
    """The organisations, demands and sites of a chunk of disputes: four queries a chunk."""
    return {
        "employers": _organisation_names("employers", ids),
        "unions": _organisation_names("unions", ids),
        "demands": _grouped(
            DisputeDemand.objects.filter(dispute_id__in=ids)
            .order_by("demand")
            .values_list("dispute_id", "demand")
        ),
        "sites": _grouped(
            Site.objects.filter(dispute_id__in=ids)
            .order_by("id")
            .values_list("dispute_id", "city", "country", "public_latitude", "public_longitude")
        ),
    }


def _row(dispute: dict, facts: dict, *, url: str) -> list:
    pk = dispute["id"]
    places = facts["sites"].get(pk, [])
    lat, lon = ("", "")
    if places:
        _city, _country, first_lat, first_lon = places[0]
        lat = round(first_lat, COORDINATE_DECIMALS)
        lon = round(first_lon, COORDINATE_DECIMALS)
    return [
        pk,
        url,
        csv_cell(dispute["title"]),
        dispute["kind"],
        dispute["status"],
        dispute["outcome"],
        dispute["sector"],
        csv_cell(SEPARATOR.join(facts["employers"].get(pk, []))),
        csv_cell(SEPARATOR.join(facts["unions"].get(pk, []))),
        _number(dispute["workers_involved"]),
        _boolean(dispute["workers_approximate"]),
        SEPARATOR.join(facts["demands"].get(pk, [])),
        _date(dispute["start_date"]),
        _date(dispute["end_date"]),
        SEPARATOR.join(_unique(country for _city, country, *_point in places)),
        csv_cell(SEPARATOR.join(_unique(city for city, *_rest in places))),
        lat,
        lon,
        dispute["verification"],
        _boolean(dispute["authorised"]),
        _date(dispute["created_at"]),
        _date(dispute["updated_at"]),
    ]


def _grouped(rows) -> dict[int, list]:
    """{dispute id: [the rest of each row]} from rows that start with the dispute id."""
    grouped: dict[int, list] = {}
    for dispute_id, *rest in rows:
        grouped.setdefault(dispute_id, []).append(rest[0] if len(rest) == 1 else rest)
    return grouped


def _organisation_names(relation: str, ids: list[int]) -> dict[int, list[str]]:
    through = Dispute._meta.get_field(relation).remote_field.through
    return _grouped(
        through.objects.filter(dispute_id__in=ids)
        .order_by("organisation__name", "organisation_id")
        .values_list("dispute_id", "organisation__name")
    )


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))


def _number(value) -> str | int:
    return "" if value is None else value


def _boolean(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _date(value) -> str:
    return "" if value is None else value.isoformat()
