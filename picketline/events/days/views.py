"""Days of action: the days page and each day's page, calling a day and changing it, the public
form that hosts a local event on a day, and the emailed invitation that makes a host without
an account their event's organiser."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from picketline.accounts.decorators import two_factor_verified_required
from picketline.accounts.forms import SignUpForm
from picketline.accounts.two_factor import url_with_next
from picketline.core.http import private_page
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited
from picketline.events import pages
from picketline.events import services as event_services
from picketline.events.days import selectors, services
from picketline.events.days.forms import DayOfActionForm, HostEventForm
from picketline.events.days.models import DayOfAction
from picketline.events.days.pages import day_page_context, day_query, day_rows, host_context
from picketline.events.forms import add_service_errors
from picketline.events.models import Event, HostInvitation

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


# --- the invitation -------------------------------------------------------------------------


def manage_url(event: Event) -> str:
    """The event's page for its organisers, or its public page where there is none."""
    try:
        return reverse("events:manage", kwargs={"slug": event.slug})
    except NoReverseMatch:
        return event.get_absolute_url()


def _welcome(event: Event) -> str:
    return _("You now organise “%(title)s”: you see who is coming and can change the event.") % {
        "title": event.title
    }


def _gone(request, invitation: HostInvitation, error: ValidationError):
    context = {"invitation": invitation, "event": invitation.event, "reasons": error.messages}
    return private_page(
        render(request, "events/days/host_invitation_gone.html", context, status=410)
    )


def _invitation_page(request, invitation: HostInvitation, form=None):
    context = {
        "invitation": invitation,
        "event": invitation.event,
        "form": form,
        "login_url": url_with_next("login", request.path),
    }
    status = 400 if form is not None and form.errors else 200
    return private_page(render(request, "events/days/host_invitation.html", context, status=status))


def _welcomed(request, event: Event):
    messages.success(request, _welcome(event))
    return redirect(manage_url(event))


def _accept_as_account(request, invitation: HostInvitation):
    """Raises ValidationError when the invitation can no longer be accepted."""
    if request.method != "POST":
        return _invitation_page(request, invitation)
    event_services.host_invitation_accept(invitation=invitation, user=request.user)
    return _welcomed(request, invitation.event)


def _accept_with_sign_up(request, invitation: HostInvitation):
    """Raises ValidationError when the invitation can no longer be accepted."""
    form = SignUpForm(request.POST or None, initial={"email": invitation.email})
    if request.method != "POST" or not form.is_valid():
        return _invitation_page(request, invitation, form)
    new_user = event_services.host_invitation_sign_up(
        invitation=invitation,
        username=form.cleaned_data["username"],
        email=form.cleaned_data["email"],
        password=form.cleaned_data["password1"],
    )
    login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
    return _welcomed(request, invitation.event)


@never_cache
@GET_POST
@sensitive_post_parameters("password1", "password2")
def host_invitation(request, token: str):
    invitation = event_services.host_invitation_get(raw=token)
    if invitation is None:
        raise Http404(_("There is no invitation at this address. Check the link in the email."))
    user = request.user
    if user.is_authenticated and invitation.accepted_by_id == user.pk:
        return redirect(manage_url(invitation.event))
    try:
        event_services.host_invitation_check(invitation)
        if user.is_authenticated:
            return _accept_as_account(request, invitation)
        return _accept_with_sign_up(request, invitation)
    except ValidationError as error:
        return _gone(request, invitation, error)
