"""What the public pages of events show beyond a selector's answer: the filters as the form
shows them (with their errors), a list's rows, the map's settings, and an event's page.

Presentation only: times in each event's own zone, naming it, towns and countries by name. Who
may see what (the join link, the organisers' link) is asked of the selectors.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, QueryDict
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from picketline.core.formats import distance_label
from picketline.core.forms import ChoiceGroup
from picketline.core.tiles import tile_url_template
from picketline.core.versions import CountedPaginator, cached_each, cached_under
from picketline.disputes.cache import REGISTRY
from picketline.disputes.filtering import FilterError
from picketline.events import calendar, selectors
from picketline.events.choices import EventMode, EventVisibility
from picketline.events.filters import EventFilterForm, event_filters_from_query
from picketline.events.formats import event_place_parts, event_when
from picketline.events.json_ld import event_json_ld, json_ld_script, local_iso
from picketline.events.models import Event
from picketline.events.rsvps import selectors as rsvp_selectors
from picketline.events.rsvps.forms import AccountRsvpForm, RsvpForm
from picketline.places.countries import country_names

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
_FILTER_LABELS = {name: field.label for name, field in EventFilterForm.base_fields.items()}


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
        return event_filters_from_query(query), {}
    except FilterError as error:
        return None, error.errors


def _chooser(query, name: str, label: str, pairs, errors: dict) -> ChoiceGroup:
    """A menu of names that sends a slug; a slug typed into the address that the menu does
    not hold still shows as chosen."""
    chosen = query.get(name, "")
    options = [(value, text, value == chosen) for value, text in pairs]
    if chosen and chosen not in dict(pairs):
        options.append((chosen, chosen, True))
    return ChoiceGroup(name=name, label=label, options=options, errors=errors.get(name, []))


def _country_chooser(query, codes: list[str], errors: dict) -> ChoiceGroup:
    chosen = [part.strip().upper() for item in query.getlist("country") for part in item.split(",")]
    chosen = [code for code in chosen if code]
    codes = list(dict.fromkeys([*codes, *chosen]))
    names = country_names(codes)
    options = sorted(
        ((code, names.get(code, code), code in chosen) for code in codes),
        key=lambda option: option[1].casefold(),
    )
    return ChoiceGroup(
        name="country",
        label=str(_FILTER_LABELS["country"]),
        options=options,
        errors=errors.get("country", []),
    )


def filter_context(query: QueryDict, errors: dict) -> dict:
    chosen_modes = {part for item in query.getlist("mode") for part in item.split(",") if part}
    choices = selectors.event_filter_choices()
    return {
        "organiser": _chooser(query, "organiser", _("Organiser"), choices.organisers, errors),
        "dispute": _chooser(query, "dispute", _("Dispute"), choices.disputes, errors),
        "day": _chooser(query, "day", _("Day of action"), choices.days, errors),
        "country": _country_chooser(query, choices.countries, errors),
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
    place: list[str]  # town and country, each isolated on the page
    distance: str
    full: bool


def event_row(event: Event, countries: dict[str, str]) -> EventRow:
    distance = getattr(event, "distance_km", None)
    return EventRow(
        event=event,
        when=event_when(event),
        place=event_place_parts(event, countries),
        distance=distance_label(distance, "km") if distance is not None else "",
        full=event.capacity is not None and event.seats_left == 0,
    )


def _row_key(event: Event) -> str:
    """What a row shows beyond the events' version: the places taken (counters the version
    leaves out), the distance from the reader, and the organiser's name (an organisation)."""
    organiser = (event.organisation.slug, event.organisation.name) if event.organisation_id else ""
    # The distance as the row shows it: readers a few metres apart share the row.
    distance = getattr(event, "distance_km", None)
    shown = distance_label(distance, "km") if distance is not None else ""
    return repr(("event-row", event.pk, event.seats_left, shown, organiser))


def rows_html(events: list[Event]) -> list[str]:
    """A page of events, each row rendered, kept under the events' version and what the
    version leaves out (`_row_key`): a day of action's page shows twenty-five rows without
    rendering them again."""
    countries: dict[str, str] = {}

    def build(event: Event) -> str:
        if not countries:
            countries.update(country_names(e.country for e in events))
        row = event_row(event, countries)
        return render_to_string("events/public/_row.html", {"row": row})

    return cached_each(events, key=_row_key, names=("events",), build=build)


# A list that shows events that are over does not change with the clock: its count is kept
# under the events' and the registry's versions (organisers and disputes are filters too).
def _count(events, filters) -> int | None:
    if not (filters.past or filters.date_from):
        return None
    shown = {name: value for name, value in vars(filters).items() if name not in ("place", "near")}
    return cached_under(
        f"events:count:{sorted(shown.items())!r}", names=("events", REGISTRY), build=events.count
    )


def _paged_rows(request: HttpRequest, filters):
    """The page, its events, and their rows rendered."""
    if filters is None:
        return None, None, None
    events = selectors.event_search(filters=filters)
    count = _count(events, filters)
    if count is None:
        paginator = Paginator(events, settings.PAGE_SIZE)
    else:
        paginator = CountedPaginator(events, settings.PAGE_SIZE, count=count)
    page = paginator.get_page(request.GET.get("page"))
    events = list(page.object_list)
    return page, events, rows_html(events)


def _place_label(request: HttpRequest, filters) -> str:
    if filters is None or filters.point is None:
        return ""
    if filters.place is not None:
        return filters.place.label or filters.near
    return request.GET.get("near_label", "")[:100] or filters.near


def list_context(request: HttpRequest, filters, errors: dict) -> dict:
    """A list of events under the filters: the form, one page of rows, and where it is near."""
    page, events, rows = _paged_rows(request, filters)
    return {
        "filters": filter_context(request.GET, errors),
        "page": page,
        "events": events,
        "rows": rows,
        "place": _place_label(request, filters),
        "radius": distance_label(filters.radius_km, "km") if filters else "",
    }


# --- the map --------------------------------------------------------------------------------


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


def tile_urls(query: str) -> dict:
    """The clustered map's tile and cluster addresses, with the page's filters."""
    return {
        "tiles_url": tile_url_template("events:map_tile", query),
        "cluster_url": tile_url_template("events:map_cluster", query, cell=True),
    }


def map_page_context(query: QueryDict, filters, errors: dict) -> dict:
    count = 0
    if filters is not None:
        count = selectors.event_search(filters=filters).filter(latitude__isnull=False).count()
    return {
        "filters": filter_context(query, errors),
        "count": count,
        "query": feed_query(query),
        "geojson_url": geojson_url(feed_query(query)),
        **tile_urls(feed_query(query)),
        **map_context(),
    }


# --- an event's page ------------------------------------------------------------------------


def event_point(event: Event) -> dict | None:
    if not event.has_place or event.latitude is None or event.longitude is None:
        return None
    return {"lat": event.latitude, "lon": event.longitude, "label": event.venue or event.title}


def event_page_context(event: Event, user) -> dict:
    """Everything an event's public page shows to `user`: the RSVP section answers for them."""
    can_manage = selectors.user_can_manage_event(user, event)
    my_rsvp = rsvp_selectors.rsvp_for_user(event=event, user=user)
    # Read once for the page and its JSON-LD alike.
    prefetch_related_objects([event], "speakers")
    day = event.day_of_action
    return {
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
        "show_join_url": rsvp_selectors.join_url_visible(
            event=event, my_rsvp=my_rsvp, can_manage=can_manage
        ),
        "my_rsvp": my_rsvp,
        "rsvp_form": AccountRsvpForm() if user.is_authenticated else RsvpForm(),
        "rsvp_counts": rsvp_selectors.event_rsvp_counts(event),
        "json_ld": json_ld_script(event_json_ld(event)) if event.is_published else "",
        "unlisted": event.visibility == EventVisibility.UNLISTED,
        **map_context(),
    }
