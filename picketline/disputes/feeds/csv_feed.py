"""`/disputes.csv`: one row per dispute, streamed so a large registry never sits in memory.

Rows are read in chunks, each chunk with its relations prefetched: five queries per chunk,
however many disputes it holds. Column names are identifiers for scripts, not prose, so they
stay in English whatever the reader's language.
"""

import csv
from collections.abc import Iterable, Iterator

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from picketline.disputes.feeds.common import bad_filters_text, dispute_path_builder, public_point
from picketline.disputes.filtering import FilterError, filters_from_query
from picketline.disputes.models import Dispute
from picketline.disputes.selectors import dispute_search

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
# A cell starting with one of these is a formula to a spreadsheet; user text must not be one.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
    disputes = dispute_search(filters=filters).defer("description", "demands_other")
    writer = csv.writer(_Echo())
    lines = (writer.writerow(row) for row in _rows(request, disputes))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="disputes.csv"'
    return response


def _rows(request: HttpRequest, disputes: Iterable[Dispute]) -> Iterator[list]:
    yield list(COLUMNS)
    origin = request.build_absolute_uri("/").rstrip("/")
    path_for = dispute_path_builder()
    for dispute in disputes.iterator(chunk_size=CHUNK_SIZE):
        sites = list(dispute.sites.all())
        lat, lon = public_point(sites[0]) if sites else ("", "")
        yield [
            dispute.id,
            origin + path_for(dispute.slug),
            _text(dispute.title),
            dispute.kind,
            dispute.status,
            dispute.outcome,
            dispute.sector,
            _text(SEPARATOR.join(o.name for o in dispute.employers.all())),
            _text(SEPARATOR.join(o.name for o in dispute.unions.all())),
            _number(dispute.workers_involved),
            _boolean(dispute.workers_approximate),
            SEPARATOR.join(sorted(d.demand for d in dispute.demands.all())),
            _date(dispute.start_date),
            _date(dispute.end_date),
            SEPARATOR.join(_unique(site.country for site in sites)),
            _text(SEPARATOR.join(_unique(site.city for site in sites))),
            lat,
            lon,
            dispute.verification,
            _boolean(dispute.authorised),
            _date(dispute.created_at),
            _date(dispute.updated_at),
        ]


def _text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))


def _number(value) -> str | int:
    return "" if value is None else value


def _boolean(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _date(value) -> str:
    return "" if value is None else value.isoformat()
