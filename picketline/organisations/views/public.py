"""The public pages: the list of organisations, an organisation's page (who they are, their
demands, their chapters on a map, and what other apps add through `hooks`), its chapters
nearest a place, a chapter's page, and the request to start a chapter."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from picketline.core.formats import distance_label, distance_unit_for
from picketline.core.forms import add_validation_error
from picketline.core.i18n import current_language
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited
from picketline.organisations import hooks
from picketline.organisations.chapters import selectors as chapters
from picketline.organisations.chapters import services as chapter_services
from picketline.organisations.chapters.forms import ChapterNearForm, ChapterRequestForm
from picketline.organisations.chapters.meetings import (
    meeting_label,
    next_meeting,
    next_meeting_label,
)
from picketline.organisations.forms import OrganisationFilterForm
from picketline.organisations.selectors import (
    organisation_countries,
    organisation_demands,
    organisation_get_public,
    organisations_listed,
    user_holds_organisation,
)

REQUEST_TEMPLATE = "organisations/public/chapter_request.html"


def _map_context() -> dict:
    return {"tile_url": settings.TILE_URL, "tile_attribution": settings.TILE_ATTRIBUTION}


@require_safe
def organisation_list(request):
    form = OrganisationFilterForm(request.GET)
    if form.is_valid():
        data = form.cleaned_data
        organisations = organisations_listed(
            kind=data["kind"], country=data["country"], q=data["q"]
        )
        status = 200
    else:
        organisations, status = organisations_listed().none(), 400
    page = Paginator(organisations, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "countries": organisation_countries()}
    return render(request, "organisations/public/list.html", context, status=status)


@require_safe
def organisation_detail(request, slug):
    organisation = organisation_get_public(slug=slug)
    points = chapters.chapter_points(organisation)
    sections = hooks.organisation_sections(request=request, subject=organisation, page=hooks.PUBLIC)
    context = {
        "organisation": organisation,
        "demands": organisation_demands(organisation, language=current_language()),
        "chapter_points": points,
        "chapter_count": len(points),
        "counts": hooks.organisation_counts(organisation=organisation),
        "children": list(organisation.children.order_by("name", "id")),
        "members": list(organisation.member_organisations.order_by("name", "id")),
        "member_of": list(organisation.member_of.order_by("name", "id")),
        "action_sections": [s for s in sections if s.slot == hooks.ACTIONS],
        "sections": [s for s in sections if s.slot == hooks.MAIN],
        "near_form": ChapterNearForm(),
        "can_manage": user_holds_organisation(request.user, organisation),
        **_map_context(),
    }
    return render(request, "organisations/public/detail.html", context)


@require_safe
def chapter_list(request, slug):
    """Every chapter in name order; with `near`, those within `radius_km`, nearest first,
    each with its distance; and the nearest one beyond, when none is within."""
    organisation = organisation_get_public(slug=slug)
    form = ChapterNearForm(request.GET)
    unit = distance_unit_for(request)
    nearest_beyond = None
    if not form.is_valid():
        rows, status = chapters.chapters_of(organisation).none(), 400
    elif form.point is not None:
        point = form.point
        rows, status = (
            chapters.chapters_near(
                organisation=organisation,
                lat=point.latitude,
                lon=point.longitude,
                radius_km=point.radius_km,
            ),
            200,
        )
        if not rows.exists():
            nearest_beyond = chapters.chapter_nearest(
                organisation=organisation, lat=point.latitude, lon=point.longitude
            )
    else:
        rows, status = chapters.chapters_of(organisation), 200
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "organisation": organisation,
        "form": form,
        "point": getattr(form, "point", None),
        "page": page,
        "chapters": [(chapter, _distance(chapter, unit)) for chapter in page.object_list],
        "nearest_beyond": nearest_beyond,
        "nearest_beyond_distance": _distance(nearest_beyond, unit) if nearest_beyond else "",
        "radius": distance_label(form.point.radius_km, unit)
        if getattr(form, "point", None)
        else "",
    }
    return render(request, "organisations/public/chapters.html", context, status=status)


def _distance(chapter, unit: str) -> str:
    distance = getattr(chapter, "distance_km", None)
    return "" if distance is None else distance_label(distance, unit)


@require_safe
def chapter_detail(request, slug, chapter):
    organisation = organisation_get_public(slug=slug)
    chapter = chapters.chapter_get_public(organisation=organisation, slug=chapter)
    upcoming = next_meeting(
        week=chapter.meeting_week,
        weekday=chapter.meeting_weekday,
        time=chapter.meeting_time,
        zone_name=chapter.timezone,
        now=timezone.now(),
    )
    sections = hooks.organisation_sections(request=request, subject=chapter, page=hooks.CHAPTER)
    context = {
        "organisation": organisation,
        "chapter": chapter,
        "meeting": meeting_label(
            week=chapter.meeting_week, weekday=chapter.meeting_weekday, time=chapter.meeting_time
        ),
        "next_meeting": upcoming,
        "next_meeting_label": next_meeting_label(upcoming, chapter.timezone) if upcoming else "",
        "action_sections": [s for s in sections if s.slot == hooks.ACTIONS],
        "sections": [s for s in sections if s.slot == hooks.MAIN],
        "can_manage": chapters.user_organises_chapter(request.user, chapter)
        or user_holds_organisation(request.user, organisation),
        **_map_context(),
    }
    return render(request, "organisations/public/chapter.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def chapter_request(request, slug):
    organisation = organisation_get_public(slug=slug)
    if organisation.is_employer:
        return render(
            request,
            "organisations/public/no_chapters.html",
            {"organisation": organisation},
            status=404,
        )
    if request.method != "POST":
        form = ChapterRequestForm(initial={"place": request.GET.get("near", "")[:200]})
        return render(request, REQUEST_TEMPLATE, {"organisation": organisation, "form": form})
    if submission_rate_limited(request, scope="chapter-request"):
        context = {"organisation": organisation, "form": ChapterRequestForm(), "rate_limited": True}
        response = render(request, REQUEST_TEMPLATE, context, status=429)
        response["Retry-After"] = str(retry_after_seconds("chapter-request"))
        return response
    form = ChapterRequestForm(request.POST)
    if form.is_valid():
        try:
            chapter_services.chapter_request_create(
                organisation=organisation, **form.service_fields()
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            url = reverse("organisations:chapter_request_sent", kwargs={"slug": organisation.slug})
            return HttpResponseRedirect(url, status=303)
    context = {"organisation": organisation, "form": form}
    return render(request, REQUEST_TEMPLATE, context, status=400)


@require_safe
def chapter_request_sent(request, slug):
    organisation = organisation_get_public(slug=slug)
    return render(
        request, "organisations/public/chapter_request_sent.html", {"organisation": organisation}
    )
