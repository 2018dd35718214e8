"""The public pages of events and days of action: the list, the map, an event's page and its
calendar file, the days of action and each day's page.

Views parse the query string through `event_filters_from_query`, call a selector and render.
What is here beyond that is presentation: times in each event's own zone, naming it, and the
schema.org description search engines and calendars read.
"""

import json
from dataclasses import dataclass
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from picketline.core.formats import distance_label
from picketline.core.forms import ChoiceGroup
from picketline.disputes.filtering import FilterError
from picketline.events import calendar, rsvp_forms, rsvps, selectors, services
from picketline.events.choices import EventMode, EventStatus, EventVisibility, RsvpStatus
from picketline.events.models import DayOfAction, Event
from picketline.events.notices import event_when
from picketline.places.models import Country

# The query keys a list or map page shows in its form; the rest (page, near_label) are not filters.
_TEXT_FILTERS = (
    "q",
    "date_from",
    "date_to",
    "country",
    "organiser",
    "dispute",
    "day",
    "near",
    "radius_km",
)
_FILTER_LABELS = {
    name: field.label for name, field in selectors.EventFilterForm.base_fields.items()
}
# As `json_script` escapes them: no text inside the JSON can close the script element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
_SCHEMA_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
}
_SCHEMA_MODE = {
    EventMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    EventMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    EventMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def optional_url(name: str, **kwargs) -> str:
    """The address of another part's page, or "" when its route takes no such slug (a route
    written for ASCII slugs refuses a title in another script): the link goes, the page stays."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


# --- filters as the form shows them ---------------------------------------------------------


def filters_or_errors(query: QueryDict):
    """(filters, {}) for a usable query string, else (None, {parameter: [messages]})."""
    try:
        return selectors.event_filters_from_query(query), {}
    except FilterError as error:
        return None, error.errors


def filter_context(query: QueryDict, errors: dict) -> dict:
    chosen_modes = {part for item in query.getlist("mode") for part in item.split(",") if part}
    return {
        "errors": errors,
        "values": {name: query.get(name, "") for name in _TEXT_FILTERS},
        "past": query.get("past", "").lower() not in {"", "0", "false", "off"},
        "modes": ChoiceGroup(
            name="mode",
            label=str(_FILTER_LABELS["mode"]),
            options=[(value, label, value in chosen_modes) for value, label in EventMode.choices],
            errors=errors.get("mode", []),
        ),
        "error_list": [
            (name, _FILTER_LABELS.get(name, name), message)
            for name, messages in errors.items()
            if name != "__all__"
            for message in messages
        ],
        "non_field_errors": errors.get("__all__", []),
    }


def feed_query(query: QueryDict) -> str:
    """The filters for the map and the feeds: the page number and display-only keys go."""
    query = query.copy()
    for key in ("page", "near_label", "sort"):
        query.pop(key, None)
    return query.urlencode()


# --- rows of the list -----------------------------------------------------------------------


@dataclass(frozen=True)
class EventRow:
    event: Event
    when: str
    place: str
    distance: str
    full: bool


def country_names(codes) -> dict[str, str]:
    codes = {code for code in codes if code}
    if not codes:
        return {}
    return dict(Country.objects.filter(code__in=codes).values_list("code", "name"))


def event_place(event: Event, countries: dict[str, str]) -> str:
    """Town and country for a list: "Online" for an event that has no place."""
    if not event.has_place:
        return _("Online")
    parts = [event.locality, countries.get(event.country, event.country)]
    return ", ".join(part for part in parts if part)


def event_rows(events) -> list[EventRow]:
    events = list(events)
    countries = country_names(event.country for event in events)
    rows = []
    for event in events:
        distance = getattr(event, "distance_km", None)
        rows.append(
            EventRow(
                event=event,
                when=event_when(event),
                place=event_place(event, countries),
                distance=distance_label(distance, "km") if distance is not None else "",
                full=event.capacity is not None and event.seats_left == 0,
            )
        )
    return rows


def _place_label(request: HttpRequest, filters) -> str:
    if filters is None or filters.point is None:
        return ""
    if filters.place is not None:
        return filters.place.label or filters.near
    return request.GET.get("near_label", "")[:100] or filters.near


def _paged_rows(request: HttpRequest, filters):
    if filters is None:
        return None, None
    paginator = Paginator(selectors.event_search(filters=filters), settings.PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return page, event_rows(page.object_list)


# --- the list and the map -------------------------------------------------------------------


@require_safe
def event_list(request):
    filters, errors = filters_or_errors(request.GET)
    page, rows = _paged_rows(request, filters)
    query = feed_query(request.GET)
    context = {
        "filters": filter_context(request.GET, errors),
        "page": page,
        "rows": rows,
        "place": _place_label(request, filters),
        "radius": distance_label(filters.radius_km, "km") if filters else "",
        "query": query,
    }
    return render(request, "events/public/list.html", context, status=400 if errors else 200)


def map_labels() -> dict:
    return {
        "view": _("View event"),
        "failed": _("The map could not load the events. The list still works."),
    }


def map_context() -> dict:
    return {
        "tile_url": settings.TILE_URL,
        "tile_attribution": settings.TILE_ATTRIBUTION,
        "map_labels": map_labels(),
    }


def geojson_url(query: str) -> str:
    url = reverse("events:feed_geojson")
    return f"{url}?{query}" if query else url


@require_safe
def event_map(request):
    filters, errors = filters_or_errors(request.GET)
    count = 0
    if filters is not None:
        count = selectors.event_search(filters=filters).filter(latitude__isnull=False).count()
    context = {
        "filters": filter_context(request.GET, errors),
        "count": count,
        "query": feed_query(request.GET),
        "geojson_url": geojson_url(feed_query(request.GET)),
        **map_context(),
    }
    return render(request, "events/public/map.html", context, status=400 if errors else 200)


# --- an event -------------------------------------------------------------------------------


def event_for_viewer(request: HttpRequest, slug: str) -> Event:
    """A published event for anyone; one waiting for moderation only for those who manage it."""
    event = Event.objects.filter(slug=slug).select_related("organisation", "day_of_action").first()
    if event is None:
        raise Http404(_("There is no event at this address."))
    if event.is_published:
        return event
    if request.user.is_authenticated and services.user_can_manage_event(request.user, event):
        return event
    raise Http404(_("There is no event at this address."))


def local_iso(value, zone_name: str) -> str:
    return value.astimezone(ZoneInfo(zone_name)).isoformat()


def event_point(event: Event) -> dict | None:
    if not event.has_place or event.latitude is None or event.longitude is None:
        return None
    return {"lat": event.latitude, "lon": event.longitude, "label": event.venue or event.title}


def can_see_join_url(*, event: Event, my_rsvp, can_manage: bool) -> bool:
    """Only the organisers and people whose place is confirmed get the link to join online."""
    if not event.is_online or not event.join_url:
        return False
    return can_manage or (my_rsvp is not None and my_rsvp.status == RsvpStatus.CONFIRMED)


@require_safe
def event_detail(request, slug):
    event = event_for_viewer(request, slug)
    can_manage = request.user.is_authenticated and services.user_can_manage_event(
        request.user, event
    )
    my_rsvp = selectors.rsvp_for_user(event=event, user=request.user)
    rsvp_form = (
        rsvp_forms.AccountRsvpForm() if request.user.is_authenticated else rsvp_forms.RsvpForm()
    )
    day = event.day_of_action
    context = {
        "event": event,
        "when": event_when(event),
        "starts_iso": local_iso(event.starts_at, event.timezone),
        "ends_iso": local_iso(event.ends_at, event.timezone),
        "where": calendar.event_location(event) if event.has_place else "",
        "point": event_point(event),
        "speakers": list(event.speakers.all()),
        "sponsors": list(event.sponsors.only("id", "name", "slug")),
        "disputes": list(event.disputes.only("id", "title", "slug")),
        "day": day if day is not None and day.published_at is not None else None,
        "can_manage": can_manage,
        "manage_url": optional_url("events:manage", slug=event.slug) if can_manage else "",
        "show_join_url": can_see_join_url(event=event, my_rsvp=my_rsvp, can_manage=can_manage),
        "my_rsvp": my_rsvp,
        "rsvp_form": rsvp_form,
        "rsvp_counts": rsvps.event_rsvp_counts(event),
        "json_ld": json_ld_script(event_json_ld(event)) if event.is_published else "",
        "unlisted": event.visibility == EventVisibility.UNLISTED,
        **map_context(),
    }
    return render(request, "events/public/detail.html", context)


def json_ld_script(data: dict) -> str:
    """JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped as
    `json_script` does, so no text in it can close the element."""
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(text)


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _json_ld_location(event: Event, url: str) -> list[dict]:
    locations = []
    if event.has_place:
        place = {
            "@type": "Place",
            "name": event.venue or event.locality or event.title,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.address,
                "addressLocality": event.locality,
                "addressCountry": event.country,
            },
        }
        if event.latitude is not None and event.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": event.latitude,
                "longitude": event.longitude,
            }
        locations.append(place)
    if event.is_online:
        # The page, never the join link: that is only for people whose place is confirmed.
        locations.append({"@type": "VirtualLocation", "url": url})
    return locations


def event_json_ld(event: Event) -> dict:
    """A schema.org Event with only what the public page shows."""
    url = _absolute(event.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": local_iso(event.starts_at, event.timezone),
        "endDate": local_iso(event.ends_at, event.timezone),
        "eventStatus": _SCHEMA_STATUS.get(event.status, _SCHEMA_STATUS[EventStatus.SCHEDULED]),
        "eventAttendanceMode": _SCHEMA_MODE.get(event.mode, _SCHEMA_MODE[EventMode.IN_PERSON]),
        "url": url,
        "inLanguage": event.language,
        "location": _json_ld_location(event, url),
        "organizer": {
            "@type": "Organization" if event.organisation_id else "Person",
            "name": event.organiser_label,
        },
    }
    if event.description:
        data["description"] = event.description[:2000]
    speakers = [{"@type": "Person", "name": s.name} for s in event.speakers.all()]
    if speakers:
        data["performer"] = speakers
    return data


@require_safe
def event_detail_ics(request, slug):
    event = selectors.event_get_public(slug=slug)
    response = HttpResponse(calendar.event_ics(event), content_type=calendar.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{event.pk}.ics"'
    return response


# --- days of action -------------------------------------------------------------------------


@dataclass(frozen=True)
class DayRow:
    day: DayOfAction
    events: int


@require_safe
def days_of_action(request):
    """Days still to come first, soonest first; then the ones that have passed, latest first."""
    today = timezone.localdate()
    listed = Q(
        events__published_at__isnull=False,
        events__visibility=EventVisibility.PUBLIC,
        events__status__in=[EventStatus.SCHEDULED, EventStatus.POSTPONED],
    )
    days = selectors.day_of_action_public_queryset().annotate(
        event_count=Count("events", filter=listed)
    )
    upcoming = list(days.filter(ends_on__gte=today).order_by("starts_on", "id"))
    past = days.filter(ends_on__lt=today).order_by("-starts_on", "-id")
    paginator = Paginator(past, settings.PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "upcoming": [DayRow(day=d, events=d.event_count) for d in upcoming],
        "past": [DayRow(day=d, events=d.event_count) for d in page.object_list],
        "page": page,
    }
    return render(request, "events/public/days.html", context)


def day_query(query: QueryDict, day: DayOfAction) -> QueryDict:
    """The list filters, held to this day of action and including its events that are over."""
    query = query.copy()
    query["day"] = day.slug
    query["past"] = "on"
    return query


@require_safe
def day_of_action(request, slug):
    day = selectors.day_of_action_get_public(slug=slug)
    query = day_query(request.GET, day)
    filters, errors = filters_or_errors(query)
    page, rows = _paged_rows(request, filters)
    context = {
        "day": day,
        "counts": selectors.day_of_action_counts(day),
        "disputes": list(day.disputes.only("id", "title", "slug")),
        "filters": filter_context(request.GET, errors),
        "page": page,
        "rows": rows,
        "place": _place_label(request, filters),
        "radius": distance_label(filters.radius_km, "km") if filters else "",
        "geojson_url": geojson_url(urlencode({"day": day.slug, "past": "on"})),
        "calendar_url": f"{reverse('events:feed_ics')}?{urlencode({'day': day.slug})}",
        "host_url": optional_url("events:host", slug=day.slug),
        "can_edit": services.user_can_manage_day_of_action(request.user, day),
        **map_context(),
    }
    return render(request, "events/public/day.html", context, status=400 if errors else 200)
