"""`/api/v1/organisations`: employers, unions and other bodies named in disputes."""

from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router

from picketline.api import schemas
from picketline.api.pagination import ORGANISATIONS_NAME, next_url, paginate
from picketline.api.params import OrganisationListQuery, record_id
from picketline.api.problems import not_found, openapi_responses
from picketline.disputes.models import Dispute
from picketline.organisations.models import Organisation

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
    organisation = None
    if (pk := record_id(id_or_slug)) is not None:
        organisation = _organisations().filter(pk=pk).first()
    if organisation is None:
        organisation = _organisations().filter(slug=id_or_slug).first()
    if organisation is None:
        raise not_found(_("No organisation has the id or slug “%(key)s”.") % {"key": id_or_slug})
    detail = _item(request, organisation)
    children = organisation.children.only("id", "name", "slug").order_by("name", "id")
    detail["children"] = [_brief(child) for child in children]
    detail["disputes"] = {
        "as_employer": Dispute.employers.through.objects.filter(organisation=organisation).count(),
        "as_union": Dispute.unions.through.objects.filter(organisation=organisation).count(),
    }
    return detail


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
            "disputes": disputes,
        },
    }
