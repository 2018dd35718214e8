"""What an organisation's organisers (its account holders, with two factors) and moderators
change: its page, its demands and their translations, its chapters, and requests for a new
chapter. Each view loads the organisation through `organisation_get_for_user`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from picketline.accounts.decorators import two_factor_verified_required
from picketline.core.forms import add_validation_error
from picketline.core.http import private_page
from picketline.core.pages import remove_or_confirm, save_or_show
from picketline.organisations import services
from picketline.organisations.chapters import selectors as chapters
from picketline.organisations.chapters import services as chapter_services
from picketline.organisations.chapters.forms import ApproveForm, ChapterForm, DeclineForm
from picketline.organisations.chapters.models import ChapterRequest
from picketline.organisations.forms import DemandForm, OrganisationForm
from picketline.organisations.selectors import demands_with_translations, organisation_get_for_user

GET_POST = require_http_methods(["GET", "POST"])


def _organisation(request, slug):
    return organisation_get_for_user(user=request.user, slug=slug)


def _url(name: str, organisation, **kwargs) -> str:
    return reverse(f"organisations:{name}", kwargs={"slug": organisation.slug, **kwargs})


@never_cache
@GET_POST
@two_factor_verified_required
def organisation_edit(request, slug):
    organisation = _organisation(request, slug)
    form = OrganisationForm(request.POST or None, instance=organisation)

    def show():
        context = {"organisation": organisation, "form": form}
        status = 400 if form.errors else 200
        return render(request, "organisations/manage/edit.html", context, status=status)

    return save_or_show(
        request,
        form,
        save=lambda data: services.organisation_update(
            organisation=organisation,
            by=request.user,
            members=list(data["member_organisations"]),
            **form.service_fields(),
        ),
        done=_("The organisation's page is saved."),
        back=organisation.get_absolute_url(),
        show=show,
    )


def _demands_page(request, organisation, form, status=200):
    context = {
        "organisation": organisation,
        "demands": demands_with_translations(organisation),
        "form": form,
    }
    return render(request, "organisations/manage/demands.html", context, status=status)


@never_cache
@GET_POST
@two_factor_verified_required
def demands(request, slug):
    organisation = _organisation(request, slug)
    form = DemandForm(request.POST or None, initial={"position": organisation.demands.count() + 1})
    return save_or_show(
        request,
        form,
        save=lambda data: services.demand_save(
            organisation=organisation, by=request.user, **form.service_fields()
        ),
        done=_("The demand is added."),
        back=_url("demands", organisation),
        show=lambda: _demands_page(request, organisation, form, status=400 if form.errors else 200),
    )


@never_cache
@GET_POST
@two_factor_verified_required
def demand_edit(request, slug, pk):
    organisation = _organisation(request, slug)
    demand = get_object_or_404(organisation.demands.prefetch_related("translations"), pk=pk)
    form = DemandForm(request.POST or None, demand=demand)

    def show():
        context = {"organisation": organisation, "demand": demand, "form": form}
        status = 400 if form.errors else 200
        return render(request, "organisations/manage/demand.html", context, status=status)

    return save_or_show(
        request,
        form,
        save=lambda data: services.demand_save(
            organisation=organisation, by=request.user, demand=demand, **form.service_fields()
        ),
        done=_("The demand is saved."),
        back=_url("demands", organisation),
        show=show,
    )


@never_cache
@GET_POST
@two_factor_verified_required
def demand_delete(request, slug, pk):
    organisation = _organisation(request, slug)
    demand = get_object_or_404(organisation.demands, pk=pk)
    return remove_or_confirm(
        request,
        remove=lambda: services.demand_delete(demand=demand, by=request.user),
        done=_("The demand is removed."),
        back=_url("demands", organisation),
        title=_("Remove a demand"),
        question=_("Remove “%(demand)s” and its translations?") % {"demand": demand.text},
        submit=_("Remove"),
    )


@never_cache
@GET_POST
@two_factor_verified_required
def chapter_add(request, slug):
    organisation = _organisation(request, slug)
    form = ChapterForm(request.POST or None)

    def show():
        context = {"organisation": organisation, "form": form, "chapter": None}
        status = 400 if form.errors else 200
        return render(request, "organisations/manage/chapter_form.html", context, status=status)

    if request.method == "POST" and form.is_valid():
        try:
            chapter = chapter_services.chapter_create(
                organisation=organisation, by=request.user, **form.service_fields()
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The chapter is added."))
            return redirect(chapter.get_manage_url())
    return show()


@never_cache
@require_http_methods(["GET"])
@two_factor_verified_required
def chapter_requests(request, slug):
    organisation = _organisation(request, slug)
    context = {
        "organisation": organisation,
        "pending": list(chapters.chapter_requests_pending(organisation)),
        "decided": list(chapters.chapter_requests_decided(organisation)[:50]),
    }
    return private_page(render(request, "organisations/manage/chapter_requests.html", context))


def _request(organisation, pk) -> ChapterRequest:
    return get_object_or_404(organisation.chapter_requests, pk=pk)


def _request_page(request, organisation, chapter_request, approve=None, decline=None, status=200):
    context = {
        "organisation": organisation,
        "chapter_request": chapter_request,
        "nearest": chapters.chapter_nearest(
            organisation=organisation,
            lat=chapter_request.latitude,
            lon=chapter_request.longitude,
        ),
        "approve_form": approve
        or ApproveForm(initial={"name": chapter_request.city or chapter_request.place_name}),
        "decline_form": decline or DeclineForm(),
    }
    response = render(request, "organisations/manage/chapter_request.html", context, status=status)
    return private_page(response)


@never_cache
@require_http_methods(["GET"])
@two_factor_verified_required
def chapter_request_detail(request, slug, pk):
    organisation = _organisation(request, slug)
    return _request_page(request, organisation, _request(organisation, pk))


@require_POST
@two_factor_verified_required
def chapter_request_approve(request, slug, pk):
    organisation = _organisation(request, slug)
    chapter_request = _request(organisation, pk)
    form = ApproveForm(request.POST)
    return save_or_show(
        request,
        form,
        save=lambda data: chapter_services.chapter_request_approve(
            request=chapter_request, by=request.user, name=data["name"], area_km=data["area_km"]
        ),
        done=_("The chapter is created and its first organiser is invited by email."),
        back=_url("chapter_requests", organisation),
        show=lambda: _request_page(
            request, organisation, chapter_request, approve=form, status=400
        ),
    )


@require_POST
@two_factor_verified_required
def chapter_request_decline(request, slug, pk):
    organisation = _organisation(request, slug)
    chapter_request = _request(organisation, pk)
    form = DeclineForm(request.POST)
    return save_or_show(
        request,
        form,
        save=lambda data: chapter_services.chapter_request_decline(
            request=chapter_request, by=request.user, note=data["note"]
        ),
        done=_("The request is declined; they are told by email."),
        back=_url("chapter_requests", organisation),
        show=lambda: _request_page(
            request, organisation, chapter_request, decline=form, status=400
        ),
    )
