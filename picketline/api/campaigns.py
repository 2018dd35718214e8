"""`/api/v1/campaigns`: campaigns with their common demands (and translations), the matrix of
where each dispute stands on each demand, and their disputes each with its country. Only
public columns: never a coordinator."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy
from ninja import Query, Router

from picketline.api import schemas
from picketline.api.pagination import DISPUTES_NEWEST, next_url, paginate
from picketline.api.params import CampaignListQuery
from picketline.api.problems import not_found, openapi_responses
from picketline.campaigns import selectors
from picketline.campaigns.choices import CampaignStatus
from picketline.campaigns.models import Campaign
from picketline.core.i18n import (
    content_language_name,
    is_right_to_left,
    reader_content_language,
)
from picketline.resources.selectors import resources_of

router = Router(tags=["campaigns"])


def _item(request: HttpRequest, campaign: Campaign) -> dict:
    page = campaign.get_absolute_url()
    return {
        "id": campaign.pk,
        "slug": campaign.slug,
        "title": campaign.title,
        "summary": campaign.summary,
        "language": campaign.language,
        "status": campaign.status,
        "status_label": str(CampaignStatus(campaign.status).label),
        "sectors": [
            {"code": sector.sector, "label": sector.get_sector_display()}
            for sector in campaign.sectors.all()
        ],
        "dispute_count": campaign.dispute_count,
        "links": {
            "self": request.build_absolute_uri(
                reverse("api:campaign_detail", kwargs={"slug": campaign.slug})
            ),
            "page": request.build_absolute_uri(page),
            "atom": request.build_absolute_uri(
                reverse("campaigns:feed_atom", kwargs={"slug": campaign.slug})
            ),
            "ics": request.build_absolute_uri(
                reverse("campaigns:feed_ics", kwargs={"slug": campaign.slug})
            ),
        },
    }


@router.get(
    "",
    response=schemas.CampaignPage,
    url_name="campaign_list",
    summary=gettext_lazy("List campaigns"),
    description=gettext_lazy("Campaigns, newest first, under the list's filters."),
    openapi_extra={"responses": openapi_responses(400)},
)
def campaign_list(request: HttpRequest, query: Query[CampaignListQuery]):
    data = query.filters
    campaigns = selectors.campaigns_listed(
        status=data["status"], sector=data["sector"], country=data["country"], q=data["q"]
    )
    page = paginate(campaigns, ordering=DISPUTES_NEWEST, cursor=query.cursor, limit=query.limit)
    return {
        "items": [_item(request, campaign) for campaign in page.items],
        "limit": query.limit,
        "next": next_url(request, page.next_cursor),
        "next_cursor": page.next_cursor,
    }


def _demand(item: selectors.ShownDemand) -> dict:
    demand = item.demand
    return {
        "id": demand.pk,
        "position": demand.position,
        "text": item.shown.text,
        "language": item.shown.language,
        "direction": item.direction,
        "fallback": item.fallback,
        "original_language": demand.language,
        "translations": [
            {
                "language": text.language,
                "language_name": content_language_name(text.language),
                "direction": "rtl" if is_right_to_left(text.language) else "ltr",
                "original": not text.translated,
                "text": text.text,
            }
            for text in item.texts
        ],
    }


def _company(organisation) -> dict:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "slug": organisation.slug,
        "country": organisation.country,
    }


@router.get(
    "/{slug}",
    response=schemas.CampaignDetail,
    url_name="campaign_detail",
    summary=gettext_lazy("One campaign"),
    description=gettext_lazy(
        "A campaign by slug: its targets, participating organisations, common demands with "
        "their translations, its disputes (each with its country), the matrix, its joint "
        "actions, whether it has reached level 4 of solidarity, and its public resources "
        "(leaflets, posters, videos) in every language."
    ),
    openapi_extra={"responses": openapi_responses(404)},
)
def campaign_detail(request: HttpRequest, slug: str):
    campaign = selectors.campaigns_listed().filter(slug=slug).first()
    if campaign is None:
        raise not_found(gettext_lazy("No campaign has the slug “%(slug)s”.") % {"slug": slug})
    matrix = selectors.campaign_matrix(campaign, language=reader_content_language(request))
    struggle = selectors.campaign_level(campaign.pk)
    detail = _item(request, campaign)
    detail["targets"] = [
        {
            "name": group.name,
            "parent": _company(group.parent),
            "subsidiaries": [_company(o) for o in group.subsidiaries.all()],
        }
        for group in selectors.campaign_target_groups(campaign)
    ]
    detail["organisations"] = [
        {
            "id": o.pk,
            "name": o.name,
            "slug": o.slug,
            "kind": o.kind,
            "country": o.country,
        }
        for o in selectors.campaign_participants(campaign)
    ]
    detail["demands"] = [_demand(item) for item in matrix.demands]
    detail["disputes"] = [
        {
            "id": row.dispute.pk,
            "slug": row.dispute.slug,
            "title": row.dispute.title,
            "status": row.dispute.status,
            "country": row.country,
            "page": request.build_absolute_uri(row.dispute.get_absolute_url()),
        }
        for row in matrix.rows
    ]
    detail["matrix"] = [
        {
            "dispute": row.dispute.pk,
            "demand": cell.demand_id,
            "adopted": cell.adopted,
            "status": cell.status,
            "date": cell.adoption.date if cell.adopted else None,
            "source_url": cell.adoption.source_url if cell.adoption else "",
        }
        for row in matrix.rows
        for cell in row.cells
    ]
    detail["joint_actions"] = [
        {
            "kind": "day_of_action" if action.kind == "day" else "event",
            "title": action.item.title,
            "starts": action.date,
            "page": request.build_absolute_uri(action.item.get_absolute_url()),
        }
        for action in selectors.campaign_joint_actions(campaign)
    ]
    detail["level"] = {
        "reached": struggle is not None,
        "countries": struggle.countries if struggle else [],
        "actions": struggle.actions if struggle else [],
    }
    detail["resources"] = [
        _resource(request, r) for r in resources_of(campaign).order_by("-created_at", "-id")
    ]
    return detail


def _resource(request: HttpRequest, resource) -> dict:
    absolute = request.build_absolute_uri
    return {
        "id": resource.pk,
        "document": resource.group_id,
        "title": resource.title,
        "description": resource.description,
        "kind": resource.kind,
        "language": resource.language,
        "type": resource.content_type,
        "size": resource.size,
        "url": resource.link or absolute(resource.get_file_url()),
        "thumbnail": None if resource.is_link else absolute(resource.get_thumbnail_url()),
    }
