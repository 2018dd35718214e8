"""Hosting a local event for a day of action, and the invitation that makes the host its
organiser."""

from zoneinfo import available_timezones

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from picketline.accounts.forms import SignUpForm
from picketline.accounts.two_factor import url_with_next
from picketline.core.http import private_page
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited
from picketline.events import services
from picketline.events.days_forms import HostEventForm, add_service_errors
from picketline.events.models import DayOfAction, Event, HostInvitation
from picketline.events.selectors import day_of_action_get_public

GET_POST = require_http_methods(["GET", "POST"])
HOST_TEMPLATE = "events/days/host.html"


# --- the public form ------------------------------------------------------------------------


def _host_context(day: DayOfAction, form: HostEventForm, **extra) -> dict:
    return {
        "day": day,
        "form": form,
        "is_over": day.ends_on < timezone.localdate(),
        "timezones": sorted(available_timezones()),
        **extra,
    }


@GET_POST
def host(request, slug: str):
    day = day_of_action_get_public(slug=slug)
    user = request.user if request.user.is_authenticated else None
    if request.method != "POST":
        form = HostEventForm(day=day, user=user)
        return render(request, HOST_TEMPLATE, _host_context(day, form))
    if submission_rate_limited(request, scope="host"):
        form = HostEventForm(day=day, user=user)
        context = _host_context(day, form, rate_limited=True)
        response = render(request, HOST_TEMPLATE, context, status=429)
        response["Retry-After"] = str(retry_after_seconds())
        return response
    form = HostEventForm(request.POST, day=day, user=user)
    if form.is_valid():
        try:
            event = services.event_create(
                day_of_action=day,
                user=user,
                publish=services.publishes_directly(user, None),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            url = reverse("events:host_thanks", kwargs={"slug": day.slug})
            published = "?published=1" if event.published_at is not None else ""
            return HttpResponseRedirect(url + published, status=303)
    return render(request, HOST_TEMPLATE, _host_context(day, form), status=400)


@require_http_methods(["GET", "HEAD"])
def host_thanks(request, slug: str):
    day = day_of_action_get_public(slug=slug)
    context = {"day": day, "published": request.GET.get("published") == "1"}
    return render(request, "events/days/host_thanks.html", context)


# --- the invitation -------------------------------------------------------------------------


def manage_url(event: Event) -> str:
    """The event's page for its organisers, or its public page where there is none."""
    try:
        return reverse("events:manage", kwargs={"slug": event.slug})
    except NoReverseMatch:
        return event.get_absolute_url()


def _gone(request, invitation: HostInvitation, error: ValidationError):
    context = {"invitation": invitation, "event": invitation.event, "reasons": error.messages}
    return private_page(
        render(request, "events/days/host_invitation_gone.html", context, status=410)
    )


@never_cache
@GET_POST
@sensitive_post_parameters("password1", "password2")
def host_invitation(request, token: str):
    invitation = services.host_invitation_get(raw=token)
    if invitation is None:
        raise Http404(_("There is no invitation at this address. Check the link in the email."))
    event = invitation.event
    destination = manage_url(event)
    user = request.user
    if user.is_authenticated and invitation.accepted_by_id == user.pk:
        return redirect(destination)
    try:
        services.host_invitation_check(invitation)
    except ValidationError as error:
        return _gone(request, invitation, error)

    form = None
    if user.is_authenticated:
        if request.method == "POST":
            try:
                services.host_invitation_accept(invitation=invitation, user=user)
            except ValidationError as error:
                return _gone(request, invitation, error)
            messages.success(request, _welcome(event))
            return redirect(destination)
    else:
        form = SignUpForm(request.POST or None, initial={"email": invitation.email})
        if request.method == "POST" and form.is_valid():
            try:
                new_user = services.host_invitation_sign_up(
                    invitation=invitation,
                    username=form.cleaned_data["username"],
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data["password1"],
                )
            except ValidationError as error:
                return _gone(request, invitation, error)
            login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _welcome(event))
            return redirect(destination)
    context = {
        "invitation": invitation,
        "event": event,
        "form": form,
        "login_url": url_with_next("login", request.path),
    }
    status = 400 if form is not None and form.errors else 200
    return private_page(render(request, "events/days/host_invitation.html", context, status=status))


def _welcome(event: Event) -> str:
    return _("You now organise “%(title)s”: you see who is coming and can change the event.") % {
        "title": event.title
    }
