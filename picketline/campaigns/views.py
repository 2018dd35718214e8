"""The campaigns' pages: the public list (and its map view), a campaign's page with its
matrix, map and timeline; and for its coordinators and moderators, the pages that change it.
Every management view loads the campaign through `selectors.campaign_get_for_user`."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from picketline.accounts.decorators import moderator_required, two_factor_verified_required
from picketline.campaigns import selectors, services
from picketline.campaigns.forms import (
    AdoptionForm,
    CampaignFilterForm,
    CampaignForm,
    CommonDemandForm,
    DisputeAddForm,
    InviteForm,
)
from picketline.campaigns.hooks import campaign_sections
from picketline.campaigns.models import Campaign
from picketline.core.forms import add_validation_error
from picketline.core.http import private_page
from picketline.core.i18n import current_language, reader_content_language
from picketline.core.pages import remove_or_confirm, save_or_show
from picketline.organisations.invitations.selectors import invitations_pending

GET_POST = require_http_methods(["GET", "POST"])


def _map_context() -> dict:
    return {"tile_url": settings.TILE_URL, "tile_attribution": settings.TILE_ATTRIBUTION}


# --- public -----------------------------------------------------------------------------------


@require_safe
def campaign_list(request):
    form = CampaignFilterForm(request.GET)
    if form.is_valid():
        data = form.cleaned_data
        campaigns = selectors.campaigns_listed(
            status=data["status"], sector=data["sector"], country=data["country"], q=data["q"]
        )
        status = 200
    else:
        campaigns, status = selectors.campaigns_listed().none(), 400
    page = Paginator(campaigns, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "can_create": selectors.user_can_create_campaign(request.user),
    }
    return render(request, "campaigns/list.html", context, status=status)


@require_safe
def campaign_map(request):
    context = {"points": selectors.campaigns_map_points(), **_map_context()}
    return render(request, "campaigns/map.html", context)


@require_safe
def campaign_detail(request, slug):
    campaign = selectors.campaign_get_public(slug=slug)
    context = {
        "campaign": campaign,
        **selectors.campaign_page_parts(campaign, language=reader_content_language(request)),
        "struggle": selectors.campaign_level(campaign.pk),
        "sections": campaign_sections(request=request, campaign=campaign),
        "can_manage": request.user.is_authenticated
        and selectors.user_can_manage_campaign(request.user, campaign),
        **_map_context(),
    }
    return render(request, "campaigns/detail.html", context)


# --- moderators create ------------------------------------------------------------------------


@never_cache
@GET_POST
@moderator_required
def campaign_create(request):
    form = CampaignForm(request.POST or None, initial={"language": current_language()})
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(by=request.user, **form.service_fields())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The campaign is created."))
            return redirect(campaign.get_manage_url())
    status = 400 if form.errors else 200
    return render(request, "campaigns/manage/create.html", {"form": form}, status=status)


# --- coordinators and moderators manage -------------------------------------------------------


def _campaign(request, slug) -> Campaign:
    return selectors.campaign_get_for_user(user=request.user, slug=slug)


def _url(name: str, campaign: Campaign, **kwargs) -> str:
    return reverse(f"campaigns:{name}", kwargs={"slug": campaign.slug, **kwargs})


def _manage_page(request, campaign, *, form=None, add_form=None, invite_form=None, status=200):
    matrix = selectors.campaign_matrix(campaign, language=reader_content_language(request))
    context = {
        "campaign": campaign,
        "form": form or CampaignForm(campaign=campaign),
        "add_form": add_form or DisputeAddForm(),
        "invite_form": invite_form or InviteForm(),
        "matrix": matrix,
        "coordinators": list(campaign.coordinators.order_by("username")),
        "invitations": list(invitations_pending(role="campaign-coordinator", target=campaign)),
    }
    response = render(request, "campaigns/manage/manage.html", context, status=status)
    return private_page(response)


@never_cache
@GET_POST
@two_factor_verified_required
def campaign_manage(request, slug):
    campaign = _campaign(request, slug)
    form = CampaignForm(request.POST or None, campaign=campaign)
    return save_or_show(
        request,
        form,
        save=lambda data: services.campaign_update(
            campaign=campaign, by=request.user, **form.service_fields()
        ),
        done=_("The campaign is saved."),
        back=campaign.get_manage_url(),
        show=lambda: _manage_page(request, campaign, form=form, status=400 if form.errors else 200),
    )


@require_POST
@two_factor_verified_required
def dispute_add(request, slug):
    campaign = _campaign(request, slug)
    form = DisputeAddForm(request.POST)
    return save_or_show(
        request,
        form,
        save=lambda data: services.campaign_dispute_add(
            campaign=campaign, dispute=data["dispute"], by=request.user
        ),
        done=_("The dispute is part of the campaign."),
        back=campaign.get_manage_url(),
        show=lambda: _manage_page(request, campaign, add_form=form, status=400),
    )


@never_cache
@GET_POST
@two_factor_verified_required
def dispute_remove(request, slug, dispute):
    campaign = _campaign(request, slug)
    membership = get_object_or_404(
        campaign.memberships.select_related("dispute"), dispute_id=dispute
    )
    return remove_or_confirm(
        request,
        remove=lambda: services.campaign_dispute_remove(
            campaign=campaign, dispute=membership.dispute, by=request.user
        ),
        done=_("The dispute is no longer part of the campaign."),
        back=campaign.get_manage_url(),
        title=_("Take a dispute out of the campaign"),
        question=_("Take “%(dispute)s” out of the campaign, with its row of the matrix?")
        % {"dispute": membership.dispute.title},
        submit=_("Take it out"),
    )


def _demands_page(request, campaign, form, status=200):
    context = {
        "campaign": campaign,
        "demands": selectors.demands_shown(campaign, language=reader_content_language(request)),
        "form": form,
    }
    return private_page(render(request, "campaigns/manage/demands.html", context, status=status))


@never_cache
@GET_POST
@two_factor_verified_required
def demands(request, slug):
    campaign = _campaign(request, slug)
    form = CommonDemandForm(
        request.POST or None,
        initial={"position": campaign.demands.count() + 1, "language": campaign.language},
    )
    return save_or_show(
        request,
        form,
        save=lambda data: services.common_demand_save(
            campaign=campaign, by=request.user, **form.service_fields()
        ),
        done=_("The demand is added."),
        back=_url("demands", campaign),
        show=lambda: _demands_page(request, campaign, form, status=400 if form.errors else 200),
    )


@never_cache
@GET_POST
@two_factor_verified_required
def demand_edit(request, slug, pk):
    campaign = _campaign(request, slug)
    demand = get_object_or_404(campaign.demands.prefetch_related("translations"), pk=pk)
    form = CommonDemandForm(request.POST or None, demand=demand)

    def show():
        context = {"campaign": campaign, "demand": demand, "form": form}
        status = 400 if form.errors else 200
        return private_page(render(request, "campaigns/manage/demand.html", context, status=status))

    return save_or_show(
        request,
        form,
        save=lambda data: services.common_demand_save(
            campaign=campaign, by=request.user, demand=demand, **form.service_fields()
        ),
        done=_("The demand is saved."),
        back=_url("demands", campaign),
        show=show,
    )


@never_cache
@GET_POST
@two_factor_verified_required
def demand_delete(request, slug, pk):
    campaign = _campaign(request, slug)
    demand = get_object_or_404(campaign.demands, pk=pk)
    return remove_or_confirm(
        request,
        remove=lambda: services.common_demand_delete(demand=demand, by=request.user),
        done=_("The demand is removed."),
        back=_url("demands", campaign),
        title=_("Remove a common demand"),
        question=_("Remove “%(demand)s”, its translations and its column of the matrix?")
        % {"demand": demand.text},
        submit=_("Remove"),
    )


@never_cache
@GET_POST
@two_factor_verified_required
def cell_edit(request, slug, dispute, demand):
    campaign = _campaign(request, slug)
    membership = get_object_or_404(
        campaign.memberships.select_related("dispute"), dispute_id=dispute
    )
    common = get_object_or_404(campaign.demands, pk=demand)
    adoption = membership.adoptions.filter(demand=common).first()
    form = AdoptionForm(request.POST or None, adoption=adoption)

    def show():
        context = {
            "campaign": campaign,
            "dispute": membership.dispute,
            "demand": common,
            "form": form,
        }
        status = 400 if form.errors else 200
        return private_page(render(request, "campaigns/manage/cell.html", context, status=status))

    return save_or_show(
        request,
        form,
        save=lambda data: services.demand_adoption_set(
            campaign=campaign,
            dispute=membership.dispute,
            demand=common,
            by=request.user,
            adopted=data["adopted"],
            status=data["status"],
            date=data["date"],
            source_url=data["source_url"],
        ),
        done=_("The matrix is saved."),
        back=campaign.get_manage_url() + "#matrix",
        show=show,
    )


@require_POST
@two_factor_verified_required
def invite(request, slug):
    campaign = _campaign(request, slug)
    form = InviteForm(request.POST)
    return save_or_show(
        request,
        form,
        save=lambda data: services.campaign_coordinator_invite(
            campaign=campaign, email=data["email"], by=request.user
        ),
        done=_("The invitation is sent."),
        back=campaign.get_manage_url(),
        show=lambda: _manage_page(request, campaign, invite_form=form, status=400),
    )


@never_cache
@GET_POST
@two_factor_verified_required
def coordinator_remove(request, slug, user):
    campaign = _campaign(request, slug)
    person = get_object_or_404(campaign.coordinators, pk=user)
    return remove_or_confirm(
        request,
        remove=lambda: services.campaign_coordinator_remove(
            campaign=campaign, user=person, by=request.user
        ),
        done=_("They no longer coordinate the campaign."),
        back=campaign.get_manage_url(),
        title=_("Remove a coordinator"),
        question=_("Remove %(name)s from the campaign's coordinators?")
        % {"name": person.get_username()},
        submit=_("Remove"),
    )
