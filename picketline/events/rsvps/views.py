"""RSVP pages: answering an event, following the emailed confirmation link, and one's own RSVP
page (its private link is in every email) where the place can be cancelled.

Confirming and cancelling take a POST behind a button: mail scanners follow every link in an
email, and must neither confirm a place nor give one away.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from picketline.core.http import private_page, too_many_requests
from picketline.core.ratelimit import retry_after_seconds, submission_rate_limited
from picketline.events import selectors
from picketline.events.calendar import event_location_parts
from picketline.events.choices import EventStatus
from picketline.events.formats import event_when
from picketline.events.rsvps import selectors as rsvp_selectors
from picketline.events.rsvps import services
from picketline.events.rsvps.forms import AccountRsvpForm, RsvpForm

# How each failed confirmation link answers: gone for good (410), or never ours (404).
_LINK_STATUS = {"unknown": 404, "expired": 410, "cancelled": 410, "over": 410, "unpublished": 404}


def _see_other(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


def _event_context(event) -> dict:
    """What every RSVP page says about the event: when (in its zone, named) and where."""
    return {"event": event, "when": event_when(event), "where": event_location_parts(event)}


def _rsvp_url(rsvp) -> str:
    return reverse("events:rsvp", kwargs={"token": rsvp_selectors.rsvp_token(rsvp)})


# --- answering ------------------------------------------------------------------------------


def _form_page(request, event, form, *, status: int, rate_limited: bool = False):
    """The event's RSVP section on a page of its own, showing what went wrong."""
    context = {
        **_event_context(event),
        "rsvp_form": form,
        "my_rsvp": rsvp_selectors.rsvp_for_user(event=event, user=request.user),
        "rsvp_counts": rsvp_selectors.event_rsvp_counts(event),
        "rsvp_rate_limited": rate_limited,
    }
    return render(request, "events/rsvp/form_page.html", context, status=status)


def _answer_for_account(request, event):
    form = AccountRsvpForm(request.POST)
    if form.is_valid():
        try:
            result = services.rsvp_create(
                event=event, user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _see_other(_rsvp_url(result.rsvp))
    return _form_page(request, event, form, status=400)


def _rate_limited(request, event):
    # What was typed stays in the form, unchecked, for when the wait is over.
    typed = {name: request.POST.get(name, "") for name in ("name", "email")}
    form = RsvpForm(initial=typed)
    response = _form_page(request, event, form, status=429, rate_limited=True)
    response["Retry-After"] = str(retry_after_seconds("rsvp"))
    return response


def _answer_by_email(request, event):
    if submission_rate_limited(request, scope="rsvp"):
        return _rate_limited(request, event)
    form = RsvpForm(request.POST)
    if form.is_valid():
        try:
            services.rsvp_create(
                event=event, name=form.cleaned_data["name"], email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The same page whether or not the address had answered before: it reveals nothing.
            return _see_other(reverse("events:rsvp_sent", kwargs={"slug": event.slug}))
    return _form_page(request, event, form, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def rsvp_create(request, slug: str):
    event = selectors.event_get_public(slug=slug)
    if request.method != "POST":
        return redirect(event.get_absolute_url())
    if request.user.is_authenticated:
        return _answer_for_account(request, event)
    return _answer_by_email(request, event)


@require_http_methods(["GET", "HEAD"])
def rsvp_sent(request, slug: str):
    """ "Check your email": reached by everyone who answered with an email address."""
    event = selectors.event_get_public(slug=slug)
    context = {**_event_context(event), "hours": settings.RSVP_CONFIRM_HOURS}
    return render(request, "events/rsvp/sent.html", context)


# --- the emailed confirmation link ----------------------------------------------------------


def _link_problem(request, token: str, error: ValidationError):
    """Why a confirmation link did nothing, with the way to answer again when there is one."""
    rsvp = rsvp_selectors.rsvp_get_by_confirm_token(raw=token)
    event = rsvp.event if rsvp is not None and rsvp.event.published_at else None
    context = {
        "message": error.messages[0],
        "code": error.code,
        "event": event,
    }
    status = _LINK_STATUS.get(error.code, 400)
    return private_page(render(request, "events/rsvp/link_problem.html", context, status=status))


@require_http_methods(["GET", "HEAD", "POST"])
def rsvp_confirm(request, token: str):
    if request.method == "POST" and submission_rate_limited(request, scope="rsvp-confirm"):
        return private_page(too_many_requests(request, scope="rsvp-confirm"))
    try:
        if request.method == "POST":
            result = services.rsvp_confirm(raw=token)
        else:
            rsvp = services.rsvp_confirm_check(raw=token)
    except ValidationError as error:
        return _link_problem(request, token, error)
    if request.method == "POST":
        return private_page(_see_other(reverse("events:rsvp", kwargs={"token": result.token})))
    context = {**_event_context(rsvp.event), "rsvp": rsvp}
    return private_page(render(request, "events/rsvp/confirm.html", context))


# --- one's own RSVP -------------------------------------------------------------------------


def _calendar_url(event) -> str:
    """The event's "add to calendar" file, when the public pages provide one."""
    try:
        return reverse("events:detail_ics", kwargs={"slug": event.slug})
    except NoReverseMatch:
        return ""


def _rsvp_context(rsvp, token: str) -> dict:
    event = rsvp.event
    cancelled = event.status == EventStatus.CANCELLED
    return {
        **_event_context(event),
        "rsvp": rsvp,
        "token": token,
        "position": rsvp_selectors.waitlist_position(rsvp),
        "join_url": rsvp_selectors.rsvp_join_url(rsvp),
        "calendar_url": "" if cancelled else _calendar_url(event),
        "event_over": event.ends_at <= timezone.now(),
        "can_cancel": rsvp_selectors.rsvp_can_cancel(rsvp),
    }


def _unknown_link(request):
    message = _("This link does not work. It may have been copied incompletely.")
    context = {"message": message, "code": "unknown", "event": None}
    return private_page(render(request, "events/rsvp/link_problem.html", context, status=404))


@require_http_methods(["GET", "HEAD", "POST"])
def rsvp_page(request, token: str):
    rsvp = rsvp_selectors.rsvp_get_by_token(raw=token)
    if rsvp is None:
        return _unknown_link(request)
    context = _rsvp_context(rsvp, token)
    if request.method != "POST":
        return private_page(render(request, "events/rsvp/page.html", context))
    if request.POST.get("confirm") == "1" and context["can_cancel"]:
        user = request.user if request.user.is_authenticated else None
        services.rsvp_cancel(rsvp=rsvp, user=user)
        return private_page(_see_other(request.path))
    # The step before: "are you sure?", or why there is nothing left to cancel.
    return private_page(render(request, "events/rsvp/cancel.html", context))
