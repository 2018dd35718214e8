"""The organisers' pages: creating and editing an event, its dashboard of who is coming, the
CSV export, the printed check-in sheet, checking people in on a phone, and messaging them.

Every page but "new" and "mine" loads its event through `_event`, which refuses anyone who
cannot manage it; every RSVP is then looked up within that event, so an id from another event
is a 404 here. These pages show personal data: none of them may be cached.
"""

import csv
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
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
from picketline.core.audit import log_action
from picketline.core.conflicts import EditConflict
from picketline.core.text import csv_cell
from picketline.disputes.coordinators.forms import add_validation_error
from picketline.events import notices, rsvps, selectors, services
from picketline.events.choices import RsvpStatus
from picketline.events.manage_forms import (
    AttendeesMessageForm,
    CheckInSearchForm,
    EventForm,
    SpeakerFormSet,
)
from picketline.events.models import Event, Rsvp

FORM_TEMPLATE = "events/manage/form.html"
GET_POST = require_http_methods(["GET", "POST"])
GET = require_http_methods(["GET"])


def _event(request, slug: str) -> Event:
    """The one door to an event someone may manage: 404 when there is none, 403 otherwise."""
    event = get_object_or_404(
        Event.objects.select_related("organisation", "day_of_action"), slug=slug
    )
    if not services.user_can_manage_event(request.user, event):
        raise PermissionDenied
    return event


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
        "people": _people_told(event) if event is not None else 0,
    }
    return render(request, FORM_TEMPLATE, context, status=status)


def _people_told(event: Event) -> int:
    """How many would be emailed about a change of time, place or status."""
    counts = rsvps.event_rsvp_counts(event)
    return counts["confirmed"] + counts["waitlisted"] if event.is_published else 0


def _valid(form, speakers) -> bool:
    # Both are validated, so the page shows every error at once.
    return all([form.is_valid(), speakers.is_valid()])


def _relations(form, speakers) -> dict:
    return {
        "disputes": form.cleaned_data["disputes"],
        "sponsors": form.cleaned_data["sponsors"],
        "speakers": speakers.speakers(),
    }


# --- creating and editing -------------------------------------------------------------------


@never_cache
@GET_POST
@two_factor_verified_required
def event_new(request):
    form = EventForm(request.POST or None, user=request.user)
    speakers = SpeakerFormSet(request.POST or None)
    if request.method == "POST":
        if _valid(form, speakers):
            try:
                event = services.event_create(
                    user=request.user, **_relations(form, speakers), **form.service_fields()
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                if event.is_published:
                    messages.success(request, _("Your event is published."))
                else:
                    messages.success(
                        request,
                        _(
                            "Your event was sent to the moderators. It appears publicly once "
                            "one of them has checked it; you can already change it here."
                        ),
                    )
                return redirect(_manage_url(event))
        return _form_page(request, form=form, speakers=speakers, status=400)
    return _form_page(request, form=form, speakers=speakers)


def _changes_told(before: Event, after: Event) -> bool:
    return after.is_published and any(
        getattr(before, name) != getattr(after, name) for name in Event.NOTIFY_FIELDS
    )


@never_cache
@GET_POST
@two_factor_verified_required
def event_edit(request, slug):
    event = _event(request, slug)
    form = EventForm(request.POST or None, user=request.user, instance=event)
    speakers = SpeakerFormSet(request.POST or None, event=event)
    if request.method != "POST":
        return _form_page(request, form=form, speakers=speakers, event=event)
    status = 400
    if _valid(form, speakers):
        try:
            updated = services.event_update(
                event=event,
                user=request.user,
                version=form.cleaned_data["version"],
                **_relations(form, speakers),
                **form.service_fields(),
            )
        except EditConflict as conflict:
            form.add_error(None, conflict.message)
            status = 409
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _edit_done(event, updated))
            return redirect(_manage_url(updated))
    return _form_page(
        request,
        form=form,
        speakers=speakers,
        event=event,
        status=status,
        conflict=status == 409,
    )


def _edit_done(before: Event, after: Event) -> str:
    if not _changes_told(before, after):
        return _("The event has been saved.")
    people = _people_told(after)
    return ngettext(
        "The event has been saved. The %(count)d person coming or waiting is being emailed "
        "about the change.",
        "The event has been saved. The %(count)d people coming or waiting are being emailed "
        "about the change.",
        people,
    ) % {"count": people}


# --- the dashboard and the list of one's events ---------------------------------------------


@never_cache
@GET
@two_factor_verified_required
def event_manage(request, slug):
    event = _event(request, slug)
    counts = rsvps.event_rsvp_counts(event)
    context = {
        "event": event,
        "when": notices.event_when(event),
        "counts": counts,
        "seats_left": event.seats_left,
        "attendees": list(selectors.event_attendees(event=event)),
        "waiting": list(enumerate(selectors.event_waiting_list(event=event), start=1)),
        "speakers": list(event.speakers.all()),
    }
    return render(request, "events/manage/dashboard.html", context)


@never_cache
@GET
@two_factor_verified_required
def events_mine(request):
    events = list(selectors.events_managed_by(user=request.user))
    waiting = dict(
        Rsvp.objects.filter(event__in=[e.pk for e in events], status=RsvpStatus.WAITLISTED)
        .values("event")
        .annotate(count=Count("id"))
        .values_list("event", "count")
    )
    rows = [
        {"event": event, "when": notices.event_when(event), "waiting": waiting.get(event.pk, 0)}
        for event in events
    ]
    return render(request, "events/manage/mine.html", {"rows": rows})


# --- the CSV export and the printed sheet ---------------------------------------------------


class _Echo:
    """A file that hands back what is written, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


def _local_time(value, event: Event) -> str:
    if value is None:
        return ""
    return value.astimezone(ZoneInfo(event.timezone)).isoformat(timespec="minutes")


def _csv_rows(event: Event):
    yield [
        _("Status"),
        _("Place on the waiting list"),
        _("Name"),
        _("Email"),
        _("Answered at"),
        _("Checked in at"),
    ]
    people = [(rsvp, "") for rsvp in selectors.event_attendees(event=event)]
    people += [
        (rsvp, position)
        for position, rsvp in enumerate(selectors.event_waiting_list(event=event), start=1)
    ]
    for rsvp, position in people:
        yield [
            RsvpStatus(rsvp.status).label,
            position,
            csv_cell(rsvp.name),
            csv_cell(rsvp.email),
            _local_time(rsvp.created_at, event),
            _local_time(rsvp.checked_in_at, event),
        ]


@never_cache
@GET
@two_factor_verified_required
def attendees_csv(request, slug):
    event = _event(request, slug)
    writer = csv.writer(_Echo())
    lines = (writer.writerow(row) for row in _csv_rows(event))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"attendees-{event.slug}.csv"
    )
    return response


@never_cache
@GET
@two_factor_verified_required
def check_in_sheet(request, slug):
    event = _event(request, slug)
    attendees = sorted(selectors.event_attendees(event=event), key=lambda r: r.name.casefold())
    context = {"event": event, "when": notices.event_when(event), "attendees": attendees}
    return render(request, "events/manage/sheet.html", context)


# --- checking people in on a phone ----------------------------------------------------------


def _check_in_url(event: Event, q: str = "", pk: int | None = None) -> str:
    url = reverse("events:check_in", kwargs={"slug": event.slug})
    if q:
        url += "?" + urlencode({"q": q})
    return f"{url}#rsvp-{pk}" if pk else url


@never_cache
@GET
@two_factor_verified_required
def check_in(request, slug):
    event = _event(request, slug)
    search = CheckInSearchForm(request.GET or None)
    q = search.cleaned_data["q"].strip() if search.is_valid() else ""
    attendees = selectors.event_attendees(event=event)
    counts = rsvps.event_rsvp_counts(event)
    shown = list(attendees.filter(name__icontains=q) if q else attendees)
    context = {
        "event": event,
        "when": notices.event_when(event),
        "search": search,
        "q": q,
        "attendees": shown,
        "checked_in": counts["checked_in"],
        "total": counts["confirmed"],
    }
    return render(request, "events/manage/check_in.html", context)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@never_cache
@require_POST
@two_factor_verified_required
def check_in_toggle(request, slug, pk):
    event = _event(request, slug)
    rsvp = get_object_or_404(Rsvp, pk=pk, event=event)
    present = request.POST.get("present") == "1"
    q = request.POST.get("q", "")[:100]
    try:
        rsvp = rsvps.rsvp_check_in(rsvp=rsvp, user=request.user, present=present)
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"error": error.messages[0]}, status=400)
        messages.error(request, error.messages[0])
        return HttpResponseRedirect(_check_in_url(event, q), status=303)
    if _wants_json(request):
        counts = rsvps.event_rsvp_counts(event)
        return JsonResponse(
            {
                "checked_in": rsvp.checked_in_at is not None,
                "count": counts["checked_in"],
                "total": counts["confirmed"],
            }
        )
    return HttpResponseRedirect(_check_in_url(event, q, rsvp.pk), status=303)


# --- messaging everyone coming --------------------------------------------------------------


@never_cache
@GET_POST
@two_factor_verified_required
def message(request, slug):
    event = _event(request, slug)
    form = AttendeesMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            sent = notices.attendees_message(
                event, subject=data["subject"], body=data["body"], waiting=data["waiting"]
            )
            log_action(event, "event.messaged", user=request.user, data={"emails": sent})
        messages.success(
            request,
            ngettext(
                "Your message was sent to %(count)d person.",
                "Your message was sent to %(count)d people.",
                sent,
            )
            % {"count": sent},
        )
        return redirect(_manage_url(event))
    counts = rsvps.event_rsvp_counts(event)
    context = {"event": event, "form": form, "counts": counts}
    status = 400 if form.is_bound else 200
    return render(request, "events/manage/message.html", context, status=status)
