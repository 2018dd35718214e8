"""Days of action: the days page and each day's page, calling a day and changing it, the public
form that hosts a local event on a day, and the emailed invitation that makes a host without
an account their event's organiser."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from picketline.accounts.decorators import two_factor_verified_required
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited
from picketline.events import pages
from picketline.events.days import selectors, services
from picketline.events.days.forms import DayOfActionForm, HostEventForm
from picketline.events.days.models import DayOfAction
from picketline.events.days.pages import day_page_context, day_query, day_rows, host_context
from picketline.events.forms import add_service_errors
from picketline.events.models import Event

GET_POST = require_http_methods(["GET", "POST"])
FORM_TEMPLATE = "events/days/form.html"
HOST_TEMPLATE = "events/days/host.html"


# --- the public pages -----------------------------------------------------------------------


@require_safe
def days_of_action(request):
    """Days still to come first, soonest first; then the ones that have passed, latest first."""
    upcoming, past = selectors.days_of_action_listed()
    page = Paginator(past, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"upcoming": day_rows(upcoming), "past": day_rows(page.object_list), "page": page}
    return render(request, "events/public/days.html", context)


@require_safe
def day_of_action(request, slug):
    day = selectors.day_of_action_get_public(slug=slug)
    filters, errors = pages.filters_or_errors(day_query(request.GET, day))
    context = day_page_context(request, day, filters, errors)
    return render(request, "events/public/day.html", context, status=400 if errors else 200)


# --- calling a day of action and changing it ------------------------------------------------


def _after_save(day: DayOfAction) -> str:
    if day.published_at is None:
        return reverse("events:day_of_action_edit", kwargs={"slug": day.slug})
    return day.get_absolute_url()


def _created_message(day: DayOfAction) -> str:
    if day.published_at is not None:
        return _("Your day of action is published.")
    return _(
        "Your day of action was sent to the moderators. It is published once "
        "one of them has checked it; until then only you can see it here."
    )


def _day_form_page(request, form, day):
    status = 400 if form.errors else 200
    return render(request, FORM_TEMPLATE, {"form": form, "day": day}, status=status)


@two_factor_verified_required
@GET_POST
def day_of_action_create(request):
    form = DayOfActionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            day = services.day_of_action_create(user=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _created_message(day))
            return redirect(_after_save(day))
    return _day_form_page(request, form, None)


@two_factor_verified_required
@GET_POST
def day_of_action_edit(request, slug: str):
    day = selectors.day_of_action_get_for_manager(user=request.user, slug=slug)
    form = DayOfActionForm(request.POST or None, user=request.user, day=day)
    if request.method == "POST" and form.is_valid():
        try:
            day = services.day_of_action_update(day=day, user=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(_after_save(day))
    return _day_form_page(request, form, day)


# --- hosting a local event ------------------------------------------------------------------


def _host_rate_limited(request, day: DayOfAction, user):
    context = host_context(day, HostEventForm(day=day, user=user), rate_limited=True)
    response = render(request, HOST_TEMPLATE, context, status=429)
    response["Retry-After"] = str(retry_after_seconds("host"))
    return response


def _host_thanks_url(day: DayOfAction, event: Event) -> str:
    url = reverse("events:host_thanks", kwargs={"slug": day.slug})
    return url + ("?published=1" if event.published_at is not None else "")


@GET_POST
def host(request, slug: str):
    day = selectors.day_of_action_get_public(slug=slug)
    user = request.user if request.user.is_authenticated else None
    if request.method != "POST":
        return render(request, HOST_TEMPLATE, host_context(day, HostEventForm(day=day, user=user)))
    if submission_rate_limited(request, scope="host"):
        return _host_rate_limited(request, day, user)
    form = HostEventForm(request.POST, day=day, user=user)
    if form.is_valid():
        try:
            event = services.host_event_create(day=day, user=user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return HttpResponseRedirect(_host_thanks_url(day, event), status=303)
    return render(request, HOST_TEMPLATE, host_context(day, form), status=400)


@require_http_methods(["GET", "HEAD"])
def host_thanks(request, slug: str):
    day = selectors.day_of_action_get_public(slug=slug)
    context = {"day": day, "published": request.GET.get("published") == "1"}
    return render(request, "events/days/host_thanks.html", context)
