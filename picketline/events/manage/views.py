"""The organisers' pages: creating and editing an event, its dashboard of who is coming, the
CSV export, the printed check-in sheet, checking people in on a phone, and messaging them.

Every page but "new" and "mine" loads its event through `event_get_for_manager`, which refuses
anyone who cannot manage it; every RSVP is then looked up within that event, so an id from
another event is a 404 here. The pages that show the people coming (names and emails) are
wrapped in `access.attendee_contacts_required`, which loads the event that way and then asks
two-factor authentication of everyone. None of these pages may be cached.
"""

import csv

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from picketline.accounts.decorators import two_factor_verified_required
from picketline.core.conflicts import EditConflict
from picketline.events import selectors, services
from picketline.events.formats import event_when
from picketline.events.forms import add_service_errors
from picketline.events.manage import selectors as manage_selectors
from picketline.events.manage.access import attendee_contacts_required
from picketline.events.manage.forms import (
    AttendeesMessageForm,
    CheckInSearchForm,
    EventForm,
    SpeakerFormSet,
)
from picketline.events.manage.services import attendees_message_send
from picketline.events.models import Event
from picketline.events.rsvps import selectors as rsvp_selectors
from picketline.events.rsvps import services as rsvp_services
from picketline.events.rsvps.models import Rsvp

FORM_TEMPLATE = "events/manage/form.html"
GET_POST = require_http_methods(["GET", "POST"])
GET = require_http_methods(["GET"])


def _event(request, slug: str) -> Event:
    return selectors.event_get_for_manager(user=request.user, slug=slug)


def _manage_url(event: Event) -> str:
    return reverse("events:manage", kwargs={"slug": event.slug})


def _pin() -> dict:
    return {
        "tile_url": settings.TILE_URL,
        "tile_attribution": settings.TILE_ATTRIBUTION,
        "icon_url": static("vendor/leaflet/images/marker-icon.png"),
        "icon_retina_url": static("vendor/leaflet/images/marker-icon-2x.png"),
        "shadow_url": static("vendor/leaflet/images/marker-shadow.png"),
    }


def _form_page(request, *, form, speakers, event=None, status=200, conflict=False):
    context = {
        "event": event,
        "form": form,
        "speakers": speakers,
        "pin": _pin(),
        "conflict": conflict,
        "people": manage_selectors.people_told(event) if event is not None else 0,
    }
    return render(request, FORM_TEMPLATE, context, status=status)


def _valid(form, speakers) -> bool:
    # Both are validated, so the page shows every error at once.
    return all([form.is_valid(), speakers.is_valid()])


def _fields(form, speakers) -> dict:
    """What the form gives the event services: its fields, the links and the speakers."""
    return {
        "disputes": form.cleaned_data["disputes"],
        "sponsors": form.cleaned_data["sponsors"],
        "speakers": speakers.speakers(),
        **form.service_fields(),
    }


# --- creating and editing -------------------------------------------------------------------


def _created_message(event: Event) -> str:
    if event.is_published:
        return _("Your event is published.")
    return _(
        "Your event was sent to the moderators. It appears publicly once "
        "one of them has checked it; you can already change it here."
    )


@never_cache
@GET_POST
@two_factor_verified_required
def event_new(request):
    form = EventForm(request.POST or None, user=request.user)
    speakers = SpeakerFormSet(request.POST or None)
    if request.method != "POST":
        return _form_page(request, form=form, speakers=speakers)
    if _valid(form, speakers):
        try:
            event = services.event_create(user=request.user, **_fields(form, speakers))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _created_message(event))
            return redirect(_manage_url(event))
    return _form_page(request, form=form, speakers=speakers, status=400)


def _edit_done(before: Event, after: Event) -> str:
    if not manage_selectors.changes_told(before, after):
        return _("The event has been saved.")
    people = manage_selectors.people_told(after)
    return ngettext(
        "The event has been saved. The %(count)d person coming or waiting is being emailed "
        "about the change.",
        "The event has been saved. The %(count)d people coming or waiting are being emailed "
        "about the change.",
        people,
    ) % {"count": people}


def _update(request, event: Event, form, speakers) -> int:
    """Saves a valid edit and says so; the status to show the form with when it is refused."""
    try:
        updated = services.event_update(
            event=event,
            user=request.user,
            version=form.cleaned_data["version"],
            **_fields(form, speakers),
        )
    except EditConflict as conflict:
        form.add_error(None, conflict.message)
        return 409
    except ValidationError as error:
        add_service_errors(form, error)
        return 400
    messages.success(request, _edit_done(event, updated))
    return 200


@never_cache
@GET_POST
@two_factor_verified_required
def event_edit(request, slug):
    event = _event(request, slug)
    form = EventForm(request.POST or None, user=request.user, instance=event)
    speakers = SpeakerFormSet(request.POST or None, event=event)
    if request.method != "POST":
        return _form_page(request, form=form, speakers=speakers, event=event)
    status = _update(request, event, form, speakers) if _valid(form, speakers) else 400
    if status == 200:
        return redirect(_manage_url(event))
    return _form_page(
        request, form=form, speakers=speakers, event=event, status=status, conflict=status == 409
    )


# --- the dashboard and the list of one's events ---------------------------------------------


@never_cache
@GET
@attendee_contacts_required
def event_manage(request, event):
    return render(request, "events/manage/dashboard.html", manage_selectors.dashboard(event))


@never_cache
@GET
@two_factor_verified_required
def events_mine(request):
    rows = manage_selectors.events_mine_rows(user=request.user)
    return render(request, "events/manage/mine.html", {"rows": rows})


# --- the CSV export and the printed sheet ---------------------------------------------------


class _Echo:
    """A file that hands back what is written, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


@never_cache
@GET
@attendee_contacts_required
def attendees_csv(request, event):
    writer = csv.writer(_Echo())
    lines = (writer.writerow(row) for row in manage_selectors.attendees_csv_rows(event))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"attendees-{event.slug}.csv"
    )
    return response


@never_cache
@GET
@attendee_contacts_required
def check_in_sheet(request, event):
    attendees = manage_selectors.check_in_sheet(event)
    context = {"event": event, "when": event_when(event), "attendees": attendees}
    return render(request, "events/manage/sheet.html", context)


# --- checking people in on a phone ----------------------------------------------------------


def _check_in_url(event: Event, q: str = "", pk: int | None = None) -> str:
    url = reverse("events:check_in", kwargs={"slug": event.slug})
    if q:
        url += "?" + urlencode({"q": q})
    return f"{url}#rsvp-{pk}" if pk else url


@never_cache
@GET
@attendee_contacts_required
def check_in(request, event):
    search = CheckInSearchForm(request.GET or None)
    q = search.cleaned_data["q"].strip() if search.is_valid() else ""
    context = {
        "event": event,
        "when": event_when(event),
        "search": search,
        "q": q,
        **manage_selectors.check_in_list(event, q=q),
    }
    return render(request, "events/manage/check_in.html", context)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _check_in_refused(request, event: Event, q: str, error: ValidationError):
    if _wants_json(request):
        return JsonResponse({"error": error.messages[0]}, status=400)
    messages.error(request, error.messages[0])
    return HttpResponseRedirect(_check_in_url(event, q), status=303)


def _checked_in(request, event: Event, q: str, rsvp: Rsvp):
    if not _wants_json(request):
        return HttpResponseRedirect(_check_in_url(event, q, rsvp.pk), status=303)
    counts = rsvp_selectors.event_rsvp_counts(event)
    return JsonResponse(
        {
            "checked_in": rsvp.checked_in_at is not None,
            "count": counts["checked_in"],
            "total": counts["confirmed"],
        }
    )


@never_cache
@require_POST
@attendee_contacts_required
def check_in_toggle(request, event, pk):
    rsvp = get_object_or_404(Rsvp, pk=pk, event=event)
    present = request.POST.get("present") == "1"
    q = request.POST.get("q", "")[:100]
    try:
        rsvp = rsvp_services.rsvp_check_in(rsvp=rsvp, user=request.user, present=present)
    except ValidationError as error:
        return _check_in_refused(request, event, q, error)
    return _checked_in(request, event, q, rsvp)


# --- messaging everyone coming --------------------------------------------------------------


def _sent_message(sent: int) -> str:
    return ngettext(
        "Your message was sent to %(count)d person.",
        "Your message was sent to %(count)d people.",
        sent,
    ) % {"count": sent}


@never_cache
@GET_POST
@attendee_contacts_required
def message(request, event):
    form = AttendeesMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = attendees_message_send(event=event, user=request.user, **form.cleaned_data)
        messages.success(request, _sent_message(sent))
        return redirect(_manage_url(event))
    context = {"event": event, "form": form, "counts": rsvp_selectors.event_rsvp_counts(event)}
    return render(
        request, "events/manage/message.html", context, status=400 if form.is_bound else 200
    )
