"""`/api/v1/organisations`: unions, branches, networks, committees and employers, with their
demands and chapters; `/{id_or_slug}/chapters` finds the nearest chapters to a place."""

from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router

from picketline.api import schemas
from picketline.api.pagination import DISPUTES_DISTANCE, ORGANISATIONS_NAME, next_url, paginate
from picketline.api.params import ChapterListQuery, OrganisationListQuery, record_id
from picketline.api.problems import not_found, openapi_responses
from picketline.core.i18n import current_language
from picketline.disputes.models import Dispute
from picketline.organisations.chapters.meetings import meeting_label, next_meeting
from picketline.organisations.chapters.selectors import chapters_near, chapters_of
from picketline.organisations.models import Organisation
from picketline.organisations.selectors import demand_text, demands_with_translations

router = Router(tags=["organisations"])

_FIELDS = ("id", "name", "slug", "kind", "country", "website", "parent")
# Which list filter of /disputes names an organisation of each kind.
_DISPUTE_FILTER = {Organisation.Kind.EMPLOYER: "employer", Organisation.Kind.UNION: "union"}


def _organisations():
    return Organisation.objects.only(*_FIELDS).select_related("parent")


@router.get(
    "",
    response=schemas.OrganisationPage,
    url_name="organisation_list",
    summary=gettext_lazy("List organisations"),
    description=gettext_lazy("Employers, unions and other organisations, in name order."),
    openapi_extra={"responses": openapi_responses(400)},
)
def organisation_list(request: HttpRequest, query: Query[OrganisationListQuery]):
    organisations = _organisations()
    data = query.filters
    if data["kind"]:
        organisations = organisations.filter(kind=data["kind"])
    if data["country"]:
        organisations = organisations.filter(country=data["country"])
    for word in data["q"].split():
        organisations = organisations.filter(name__icontains=word)
    page = paginate(
        organisations, ordering=ORGANISATIONS_NAME, cursor=query.cursor, limit=query.limit
    )
    return {
        "items": [_item(request, organisation) for organisation in page.items],
        "limit": query.limit,
        "next": next_url(request, page.next_cursor),
        "next_cursor": page.next_cursor,
    }


@router.get(
    "/{id_or_slug}",
    response=schemas.OrganisationDetail,
    url_name="organisation_detail",
    summary=gettext_lazy("One organisation"),
    description=gettext_lazy(
        "An organisation by id or slug, with its sub-organisations and dispute counts."
    ),
    openapi_extra={"responses": openapi_responses(404)},
)
def organisation_detail(request: HttpRequest, id_or_slug: str):
    organisation = _organisation(id_or_slug)
    detail = _item(request, organisation)
    children = organisation.children.only("id", "name", "slug").order_by("name", "id")
    detail["children"] = [_brief(child) for child in children]
    members = organisation.member_organisations.only("id", "name", "slug").order_by("name", "id")
    detail["member_organisations"] = [_brief(member) for member in members]
    member_of = organisation.member_of.only("id", "name", "slug").order_by("name", "id")
    detail["member_of"] = [_brief(committee) for committee in member_of]
    language = current_language()
    detail["demands"] = [
        _demand(demand, language) for demand in demands_with_translations(organisation)
    ]
    detail["chapter_count"] = organisation.chapters.count()
    detail["summary"] = organisation.summary
    detail["description"] = organisation.description
    detail["language"] = organisation.language
    detail["verified"] = organisation.is_verified
    detail["disputes"] = {
        "as_employer": Dispute.employers.through.objects.filter(organisation=organisation).count(),
        "as_union": Dispute.unions.through.objects.filter(organisation=organisation).count(),
    }
    return detail


def _organisation(id_or_slug: str) -> Organisation:
    organisation = None
    fields = (*_FIELDS, "summary", "description", "language", "verified_at")
    organisations = Organisation.objects.only(*fields).select_related("parent")
    if (pk := record_id(id_or_slug)) is not None:
        organisation = organisations.filter(pk=pk).first()
    if organisation is None:
        organisation = organisations.filter(slug=id_or_slug).first()
    if organisation is None:
        raise not_found(_("No organisation has the id or slug “%(key)s”.") % {"key": id_or_slug})
    return organisation


def _demand(demand, language: str) -> dict:
    shown = demand_text(demand, language)
    translations = {t.language: t.text for t in demand.translations.all()}
    return {
        "text": shown.text,
        "language": shown.language,
        "translations": {demand.language: demand.text, **translations},
    }


@router.get(
    "/{id_or_slug}/chapters",
    response=schemas.ChapterPage,
    url_name="organisation_chapters",
    summary=gettext_lazy("An organisation's chapters"),
    description=gettext_lazy(
        "Its chapters in name order; with “near”, those within radius_km of the place, "
        "nearest first, each with distance_km. Pages follow the “next” link."
    ),
    openapi_extra={"responses": openapi_responses(400, 404)},
)
def organisation_chapters(request: HttpRequest, id_or_slug: str, query: Query[ChapterListQuery]):
    organisation = _organisation(id_or_slug)
    point = query.filters.point
    if point is None:
        rows, ordering = chapters_of(organisation), ORGANISATIONS_NAME
    else:
        rows = chapters_near(
            organisation=organisation,
            lat=point.latitude,
            lon=point.longitude,
            radius_km=point.radius_km,
        )
        ordering = DISPUTES_DISTANCE
    page = paginate(rows, ordering=ordering, cursor=query.cursor, limit=query.limit)
    near = None
    if point is not None:
        near = {
            "text": point.text,
            "latitude": point.latitude,
            "longitude": point.longitude,
            "radius_km": point.radius_km,
        }
    now = timezone.now()
    return {
        "items": [_chapter(request, chapter, now) for chapter in page.items],
        "limit": query.limit,
        "next": next_url(request, page.next_cursor),
        "next_cursor": page.next_cursor,
        "near": near,
    }


def _chapter(request: HttpRequest, chapter, now) -> dict:
    meeting = None
    if chapter.meeting_week:
        upcoming = next_meeting(
            week=chapter.meeting_week,
            weekday=chapter.meeting_weekday,
            time=chapter.meeting_time,
            zone_name=chapter.timezone,
            now=now,
        )
        meeting = {
            "week": chapter.meeting_week,
            "weekday": chapter.meeting_weekday,
            "time": chapter.meeting_time.strftime("%H:%M"),
            "label": meeting_label(
                week=chapter.meeting_week,
                weekday=chapter.meeting_weekday,
                time=chapter.meeting_time,
            ),
            "next": upcoming,
            "place": chapter.meeting_place,
        }
    distance = getattr(chapter, "distance_km", None)
    return {
        "id": chapter.id,
        "name": chapter.name,
        "slug": chapter.slug,
        "place_name": chapter.place_name,
        "city": chapter.city,
        "region": chapter.region,
        "country": chapter.country,
        "latitude": chapter.latitude,
        "longitude": chapter.longitude,
        "area_km": chapter.area_km,
        "timezone": chapter.timezone,
        "meeting": meeting,
        "url": request.build_absolute_uri(chapter.get_absolute_url()),
        "distance_km": round(distance, 3) if distance is not None else None,
    }


def _brief(organisation: Organisation) -> dict:
    return {"id": organisation.id, "name": organisation.name, "slug": organisation.slug}


def _item(request: HttpRequest, organisation: Organisation) -> dict:
    disputes = None
    parameter = _DISPUTE_FILTER.get(organisation.kind)
    if parameter:
        query = urlencode({parameter: organisation.slug})
        disputes = request.build_absolute_uri(f"{reverse('api:dispute_list')}?{query}")
    return {
        "id": organisation.id,
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "kind_label": str(Organisation.Kind(organisation.kind).label),
        "country": organisation.country,
        "website": organisation.website,
        "parent": _brief(organisation.parent) if organisation.parent else None,
        "links": {
            "self": request.build_absolute_uri(
                reverse("api:organisation_detail", kwargs={"id_or_slug": str(organisation.id)})
            ),
            "page": request.build_absolute_uri(organisation.get_absolute_url()),
            "chapters": None
            if organisation.is_employer
            else request.build_absolute_uri(
                reverse("api:organisation_chapters", kwargs={"id_or_slug": str(organisation.id)})
            ),
            "disputes": disputes,
        },
    }
