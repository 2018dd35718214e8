"""`/api/v1/disputes`: reading the registry, through the same filters as the pages and feeds.
(Writes with a token are in `manage.py`.)"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router

from picketline.api import schemas
from picketline.api.pagination import (
    DISPUTES_DISTANCE,
    DISPUTES_NEWEST,
    DISPUTES_START,
    next_url,
    paginate,
)
from picketline.api.params import DisputeListQuery, record_id
from picketline.api.problems import not_found, openapi_responses
from picketline.core.geo import haversine_km
from picketline.disputes.choices import (
    ActionKind,
    Demand,
    DisputeKind,
    DisputeStatus,
    Outcome,
    Precision,
    Recurrence,
    Sector,
    Verification,
)
from picketline.disputes.filters import DisputeFilters, Sort
from picketline.disputes.models import Dispute, PicketShift, Site
from picketline.disputes.public import public_location, public_point
from picketline.disputes.selectors import dispute_feed_search, dispute_public_queryset
from picketline.disputes.shifts import shift_occurrences

router = Router(tags=["disputes"])

# The detail lists shift occurrences this far ahead, and at most this many.
UPCOMING_SHIFTS_AHEAD = dt.timedelta(days=365)
UPCOMING_SHIFTS_MAX = 100
_ORDERINGS = {Sort.NEWEST: DISPUTES_NEWEST, Sort.START: DISPUTES_START}


@router.get(
    "",
    response=schemas.DisputePage,
    url_name="dispute_list",
    summary=gettext_lazy("List disputes"),
    description=gettext_lazy(
        "Disputes matching the list filters, newest first, or nearest first when “near” is "
        "given; announced and active ones unless “status” is given. Pages follow the “next” "
        "link."
    ),
    openapi_extra={"responses": openapi_responses(400)},
)
def dispute_list(request: HttpRequest, query: Query[DisputeListQuery]):
    filters = query.filters
    page = paginate(
        dispute_feed_search(filters=filters),
        ordering=_ordering(filters),
        cursor=query.cursor,
        limit=query.limit,
    )
    near = None
    if filters.point is not None:
        near = {
            "text": filters.near,
            "latitude": filters.point[0],
            "longitude": filters.point[1],
            "radius_km": filters.radius_km,
        }
    return {
        "items": [_item(request, dispute, filters=filters) for dispute in page.items],
        "limit": query.limit,
        "next": next_url(request, page.next_cursor),
        "next_cursor": page.next_cursor,
        "near": near,
    }


@router.get(
    "/{id_or_slug}",
    response=schemas.DisputeDetail,
    url_name="dispute_detail",
    summary=gettext_lazy("One dispute"),
    description=gettext_lazy(
        "A dispute by id or slug, with its sites, strike actions, upcoming picket shifts "
        "(in each shift's own time zone) and sources."
    ),
    openapi_extra={"responses": openapi_responses(404)},
)
def dispute_detail(request: HttpRequest, id_or_slug: str):
    dispute = _get(id_or_slug)
    detail = _item(request, dispute, filters=None)
    sites = {site.pk: site for site in dispute.sites.all()}
    detail.update(
        description=dispute.description,
        demands_other=dispute.demands_other,
        language=dispute.language,
        sources=[
            {"url": source.url, "kind": source.kind, "title": source.title}
            for source in dispute.sources.all()
        ],
        actions=[_action(action) for action in dispute.actions.all()],
        upcoming_shifts=_upcoming_shifts(dispute, sites),
    )
    return detail


def _ordering(filters: DisputeFilters):
    if filters.point is not None and filters.sort == Sort.DISTANCE:
        return DISPUTES_DISTANCE
    return _ORDERINGS.get(filters.sort, DISPUTES_NEWEST)


def _get(id_or_slug: str) -> Dispute:
    disputes = dispute_public_queryset().prefetch_related("sources", "actions")
    dispute = None
    if (pk := record_id(id_or_slug)) is not None:
        dispute = disputes.filter(pk=pk).first()
    if dispute is None:
        dispute = disputes.filter(slug=id_or_slug).first()
    if dispute is None:
        raise not_found(_("No dispute has the id or slug “%(key)s”.") % {"key": id_or_slug})
    return dispute


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return ""


def _organisation(organisation) -> dict:
    return {"id": organisation.id, "name": organisation.name, "slug": organisation.slug}


def _public_precision(site: Site, *, sensitive: bool) -> str:
    # Coarsened points are good to about 11 km: a town, never a gate.
    if sensitive and site.precision in (Precision.EXACT, Precision.CITY):
        return Precision.CITY
    return site.precision


def _site(site: Site, *, sensitive: bool, filters: DisputeFilters | None) -> dict:
    data = {
        "id": site.id,
        "name": None if sensitive else site.name,
        "address": None if sensitive else site.address,
        "city": site.city,
        "region": site.region,
        "country": site.country,
        "latitude": public_point(site)[0],
        "longitude": public_point(site)[1],
        "precision": _public_precision(site, sensitive=sensitive),
        "timezone": site.timezone,
    }
    if filters is not None and filters.point is not None:
        data["distance_km"] = round(
            haversine_km(*filters.point, site.public_latitude, site.public_longitude), 3
        )
    return data


def _item(request: HttpRequest, dispute: Dispute, *, filters: DisputeFilters | None) -> dict:
    page = dispute.get_absolute_url()
    item = {
        "id": dispute.id,
        "slug": dispute.slug,
        "title": dispute.title,
        "kind": dispute.kind,
        "kind_label": _label(DisputeKind, dispute.kind),
        "status": dispute.status,
        "status_label": _label(DisputeStatus, dispute.status),
        "outcome": dispute.outcome,
        "outcome_label": _label(Outcome, dispute.outcome),
        "sector": dispute.sector,
        "sector_label": _label(Sector, dispute.sector),
        "workers_involved": dispute.workers_involved,
        "workers_approximate": dispute.workers_approximate,
        "demands": [
            {"code": d.demand, "label": _label(Demand, d.demand)}
            for d in sorted(dispute.demands.all(), key=lambda d: d.demand)
        ],
        "start_date": dispute.start_date,
        "end_date": dispute.end_date,
        "authorised": dispute.authorised,
        "verification": dispute.verification,
        "verification_label": _label(Verification, dispute.verification),
        "sensitive": dispute.sensitive,
        "employers": [_organisation(o) for o in dispute.employers.all()],
        "unions": [_organisation(o) for o in dispute.unions.all()],
        "sites": [
            _site(site, sensitive=dispute.sensitive, filters=filters)
            for site in dispute.sites.all()
        ],
        "created_at": dispute.created_at,
        "updated_at": dispute.updated_at,
        "links": {
            "self": request.build_absolute_uri(
                reverse("api:dispute_detail", kwargs={"id_or_slug": str(dispute.id)})
            ),
            "html": request.build_absolute_uri(page),
            "calendar": request.build_absolute_uri(
                reverse("feeds:dispute_ics", kwargs={"slug": dispute.slug})
            ),
        },
    }
    distance = getattr(dispute, "distance_km", None)
    if distance is not None:
        item["distance_km"] = round(distance, 3)
    return item


def _action(action) -> dict:
    zone = ZoneInfo(action.timezone)
    return {
        "id": action.id,
        "kind": action.kind,
        "kind_label": _label(ActionKind, action.kind),
        "starts_at": action.starts_at.astimezone(zone),
        "ends_at": action.ends_at.astimezone(zone),
        "timezone": action.timezone,
        "note": action.note,
    }


def _shifts(dispute: Dispute, now: dt.datetime) -> QuerySet[PicketShift]:
    reaches_now = Q(ends_at__gt=now) | Q(recurrence=Recurrence.WEEKLY, repeat_until__gte=now.date())
    return PicketShift.objects.filter(
        reaches_now, site__dispute=dispute, starts_at__lt=now + UPCOMING_SHIFTS_AHEAD
    )


def _upcoming_shifts(dispute: Dispute, sites: dict[int, Site]) -> list[dict]:
    now = timezone.now()
    occurrences = []
    for shift in _shifts(dispute, now):
        occurrences.extend(shift_occurrences(shift, after=now, before=now + UPCOMING_SHIFTS_AHEAD))
    occurrences.sort(key=lambda o: (o.starts_at, o.shift.pk))
    result = []
    for occurrence in occurrences[:UPCOMING_SHIFTS_MAX]:
        shift = occurrence.shift
        site = sites[shift.site_id]
        result.append(
            {
                "shift_id": shift.pk,
                "site_id": site.pk,
                "starts_at": occurrence.starts_at,
                "ends_at": occurrence.ends_at,
                "timezone": shift.timezone,
                "local_date": occurrence.starts_at.date(),
                "local_start_time": occurrence.starts_at.strftime("%H:%M"),
                "local_end_time": occurrence.ends_at.strftime("%H:%M"),
                "location": public_location(site, sensitive=dispute.sensitive),
                "notes": shift.notes,
                "repeats": shift.recurrence,
            }
        )
    return result
