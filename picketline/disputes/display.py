"""What the registry's public pages show, in the reader's language: the filter panel, the
list's rows and place, a dispute's sites, upcoming picket shifts (in each shift's own zone) and
its public history. Views call these to build their context; nothing here reads a request's
user or writes anything.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from picketline.core.audit import audit_entries_for
from picketline.core.formats import distance_label, distance_unit_for, span_label
from picketline.core.forms import ChoiceGroup
from picketline.core.versions import cached_under
from picketline.disputes.cache import REGISTRY, normalised_query
from picketline.disputes.choices import (
    Demand,
    DisputeKind,
    DisputeStatus,
    Outcome,
    Sector,
    Verification,
)
from picketline.disputes.filters import DisputeFilterForm, Sort
from picketline.disputes.models import Dispute, Site
from picketline.disputes.selectors import (
    countries_with_disputes,
)
from picketline.disputes.shifts import shift_occurrences
from picketline.organisations.models import Organisation

UPCOMING_SHIFT_DAYS = 14
HISTORY_LIMIT = 50


# --- filters as the form shows them ---------------------------------------------------------


def _selected(query: QueryDict, name: str) -> list[str]:
    """?status=a&status=b and ?status=a,b alike, as the filter form reads them."""
    return [part.strip() for item in query.getlist(name) for part in item.split(",") if part]


def _choice_group(query, name, label, choices, errors, default=()) -> ChoiceGroup:
    chosen = set(_selected(query, name) or default)
    return ChoiceGroup(
        name=name,
        label=label,
        options=[(value, text, value in chosen) for value, text in choices],
        errors=errors.get(name, []),
    )


_FILTER_LABELS = {name: field.label for name, field in DisputeFilterForm.base_fields.items()}
_TEXT_FILTERS = ("q", "union", "employer", "date_from", "date_to", "near", "radius_km", "sort")


def filter_form(query: QueryDict, errors: dict, *, full: bool, default_statuses=()) -> str:
    """The filters' form as HTML: the map's (`full=False`) or the list's. Kept in the cache per
    query (without its page) and language until the registry changes; one with errors is
    rendered each time (rare, and it shows what was typed)."""

    def render() -> str:
        context = {
            "filters": filter_context(query, errors, default_statuses=default_statuses),
            "full": full,
        }
        return str(render_to_string("disputes/_filters.html", context))

    if errors:
        html = render()
    else:
        query = query.copy()
        query.pop("page", None)
        key = f"dispute-filters:{int(full)}:{','.join(default_statuses)}:{normalised_query(query)}"
        html = cached_under(key, names=(REGISTRY,), build=render)
    return mark_safe(html)


def filter_context(query: QueryDict, errors: dict, *, default_statuses=()) -> dict:
    countries = countries_with_disputes()
    chosen_countries = [c.upper() for c in _selected(query, "country")]
    country_options = [(code, name, code in chosen_countries) for code, name in countries.items()]
    # A code typed into the address that no site has yet still shows as chosen.
    country_options += [(code, code, True) for code in chosen_countries if code not in countries]
    return {
        "errors": errors,
        "groups": {
            "status": _choice_group(
                query, "status", _("Status"), DisputeStatus.choices, errors, default_statuses
            ),
            "kind": _choice_group(query, "kind", _("Kind"), DisputeKind.choices, errors),
            "sector": _choice_group(query, "sector", _("Sector"), Sector.choices, errors),
            "demand": _choice_group(query, "demand", _("Demand"), Demand.choices, errors),
            "country": ChoiceGroup(
                name="country",
                label=_("Country"),
                options=sorted(country_options, key=lambda option: option[1]),
                errors=errors.get("country", []),
            ),
        },
        "values": {name: query.get(name, "") for name in _TEXT_FILTERS},
        # Several countries fit a text box ("GB,IE"); the menu holds one.
        "countries_text": ",".join(chosen_countries) if len(chosen_countries) > 1 else "",
        "sort_choices": Sort.CHOICES,
        "non_field_errors": errors.get("__all__", []),
        "error_list": [
            (name, _FILTER_LABELS.get(name, name), message)
            for name, messages in errors.items()
            if name != "__all__"
            for message in messages
        ],
    }


# --- the list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultRow:
    dispute: Dispute
    distance: str
    country_names: list[str]
    cities: list[str]


@dataclass(frozen=True)
class PlaceSummary:
    label: str
    radius: str
    alternatives: list[tuple[str, str]]  # (label, url)


def result_row(dispute: Dispute, unit: str, countries: dict) -> ResultRow:
    """`dispute` as read by `dispute_list_queryset`."""
    sites = dispute.listed_sites
    distance = getattr(dispute, "distance_km", None)
    return ResultRow(
        dispute=dispute,
        distance=distance_label(distance, unit) if distance is not None else "",
        cities=list(dict.fromkeys(site.city for site in sites if site.city)),
        country_names=list(
            dict.fromkeys(
                countries.get(site.country, site.country) for site in sites if site.country
            )
        ),
    )


def place_summary(request, filters, unit: str) -> PlaceSummary:
    radius = distance_label(filters.radius_km, "km")
    if unit == "mi":
        radius = f"{radius} ({distance_label(filters.radius_km, 'mi')})"
    resolution = filters.place
    if resolution is None:
        # The place search and "near me" send coordinates with the name the reader chose.
        label = request.GET.get("near_label", "")[:100] or filters.near
        return PlaceSummary(label=label, radius=radius, alternatives=[])
    alternatives = []
    for candidate in resolution.alternatives[:5]:
        query = request.GET.copy()
        query.pop("page", None)
        query["near"] = candidate.query
        query["near_label"] = candidate.label
        alternatives.append((candidate.label, f"{reverse('disputes:list')}?{query.urlencode()}"))
    return PlaceSummary(
        label=resolution.label or filters.near, radius=radius, alternatives=alternatives
    )


def feed_query(query: QueryDict) -> str:
    """The list's filters for the download links: the page number and display-only keys go.

    With no status chosen the feeds give their documented default (announced and active),
    which the list page says beside the links."""
    query = query.copy()
    for key in ("page", "near_label"):
        query.pop(key, None)
    return query.urlencode()


def feeds_use_default_statuses(query: QueryDict) -> bool:
    return not _selected(query, "status")


# --- a dispute ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShiftRow:
    when: str
    zone: str
    starts_at: dt.datetime
    place: str
    notes: str


@dataclass(frozen=True)
class HistoryRow:
    when: dt.datetime
    created: bool
    changes: list[tuple[str, str, str]]  # (field label, old, new)


VERIFICATION_NOTES = {
    Verification.CROWD: gettext_lazy(
        "Reported by a supporter and not yet confirmed by a union or the press. "
        "Check the sources before you travel."
    ),
    Verification.PRESS: gettext_lazy("Reported in the press: see the sources below."),
    Verification.UNION: gettext_lazy("Confirmed by a union involved in the dispute."),
}


def site_view(site: Site, dispute: Dispute, countries: dict) -> dict:
    """What a page may say about a site: a sensitive dispute's sites are named only by town."""
    place = [site.city, site.region, countries.get(site.country, site.country)]
    return {
        "name": "" if dispute.sensitive else site.name,
        "address": "" if dispute.sensitive else site.address,
        "place": ", ".join(part for part in place if part),
        # Each part isolated on the page (`bdi_join`): an Arabic town beside an English country.
        "place_parts": [part for part in place if part],
        "approximate": dispute.sensitive or site.precision != "exact",
        "precision": site.get_precision_display(),
    }


def site_point(site: Site, dispute: Dispute) -> dict:
    label = site.city or site.region or site.country
    if not dispute.sensitive and site.name:
        label = f"{site.name}, {label}" if label else site.name
    return {
        "lat": site.public_latitude,
        "lon": site.public_longitude,
        "label": label,
        "approximate": dispute.sensitive,
    }


def upcoming_shifts(dispute: Dispute, sites: list[Site]) -> list[ShiftRow]:
    now = timezone.now()
    until = now + dt.timedelta(days=UPCOMING_SHIFT_DAYS)
    rows = []
    for site in sites:
        place = site.city if dispute.sensitive else (site.name or site.city)
        for shift in site.shifts.all():
            for occurrence in shift_occurrences(shift, after=now, before=until):
                rows.append(
                    ShiftRow(
                        when=span_label(occurrence.starts_at, occurrence.ends_at, shift.timezone),
                        zone=shift.timezone,
                        starts_at=occurrence.starts_at,
                        place=place,
                        notes=shift.notes,
                    )
                )
    return sorted(rows, key=lambda row: row.starts_at)


_CHOICE_FIELDS = {
    "kind": DisputeKind,
    "status": DisputeStatus,
    "outcome": Outcome,
    "sector": Sector,
    "verification": Verification,
    "demands": Demand,
}
# Long text changes are announced, not reprinted: the page shows the current text.
_LONG_FIELDS = frozenset({"description", "demands_other"})


def _field_label(name: str) -> str:
    if name == "demands":
        return _("Demands")
    return str(Dispute._meta.get_field(name).verbose_name).capitalize()


def _history_value(name: str, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    choices = _CHOICE_FIELDS.get(name)
    if isinstance(value, list):
        labels = dict(choices.choices) if choices else {}
        return ", ".join(str(labels.get(item, item)) for item in value)
    if choices is not None:
        return str(dict(choices.choices).get(value, value))
    if name in {"start_date", "end_date"}:
        try:
            return formats.date_format(dt.date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)


def public_history(dispute: Dispute) -> list[HistoryRow]:
    """Changes to public fields only, and never who made them."""
    # Only entries that record field changes: coordinators' other entries (sites added,
    # invitations sent) must not push the changes out of the window.
    entries = (
        audit_entries_for(dispute)
        .filter(data__has_key="changes")
        .select_related(None)
        .only("action", "data", "created_at")
    )
    rows = []
    for entry in entries[:HISTORY_LIMIT]:
        if entry.action == "dispute.created":
            rows.append(HistoryRow(when=entry.created_at, created=True, changes=[]))
            continue
        changes = (entry.data or {}).get("changes") or {}
        shown = []
        for name in Dispute.PUBLIC_FIELDS:
            if name not in changes:
                continue
            old, new = changes[name]
            if name in _LONG_FIELDS:
                shown.append((_field_label(name), "", _("changed")))
            else:
                shown.append(
                    (_field_label(name), _history_value(name, old), _history_value(name, new))
                )
        if shown:
            rows.append(HistoryRow(when=entry.created_at, created=False, changes=shown))
    return rows


def list_rows(request, page, filters) -> tuple[str, PlaceSummary | None]:
    """One page of results as HTML, in the reader's distance unit ("" when there are none),
    kept in the cache per query, page, unit and language until the registry changes; and the
    place searched around, when there is one."""
    unit = distance_unit_for(request)

    def render() -> str:
        countries = countries_with_disputes()
        rows = [result_row(dispute, unit, countries) for dispute in page.object_list]
        if not rows:
            return ""
        return str(render_to_string("disputes/_results.html", {"rows": rows}))

    query = request.GET.copy()
    query.pop("page", None)
    key = f"dispute-rows:{page.number}:{unit}:{normalised_query(query)}"
    html = cached_under(key, names=(REGISTRY,), build=render)
    place = place_summary(request, filters, unit) if filters.point is not None else None
    return mark_safe(html), place


@dataclass(frozen=True)
class NearestOnMap:
    """The map page's side list: the disputes nearest a place, where the map should go, and
    the address of the whole list around the same place."""

    rows: list[ResultRow]
    place: PlaceSummary
    latitude: float
    longitude: float
    list_url: str


def nearest_on_map(request, disputes, filters) -> NearestOnMap:
    """`disputes` nearest first, around `filters.point`, in the reader's distance unit."""
    unit = distance_unit_for(request)
    countries = countries_with_disputes()
    query = request.GET.copy()
    query["sort"] = Sort.DISTANCE
    return NearestOnMap(
        rows=[result_row(dispute, unit, countries) for dispute in disputes],
        place=place_summary(request, filters, unit),
        latitude=filters.point[0],
        longitude=filters.point[1],
        list_url=f"{reverse('disputes:list')}?{query.urlencode()}",
    )


def dispute_page(dispute: Dispute) -> dict:
    """What a dispute's public page shows of it, besides the dispute itself: the picket times
    of the next two weeks, read now (time moves them), and the rest as HTML kept in the cache
    until the registry changes (`dispute_fragments`)."""
    prefetch_related_objects([dispute], Prefetch("sites", queryset=_sites()), "sites__shifts")
    return {
        "shifts": upcoming_shifts(dispute, list(dispute.sites.all())),
        "verification_note": VERIFICATION_NOTES.get(dispute.verification, ""),
        "fragments": dispute_fragments(dispute),
    }


def _sites():
    return Site.objects.order_by("id")


# The fragments of a dispute's page that only the registry changes: where (with its map), the
# facts, demands, description, actions and sources, and the public history. Every table they
# read moves the registry's version (the disputes' migrations install its triggers).
FRAGMENTS = {
    "sites": "disputes/_detail_sites.html",
    "facts": "disputes/_detail_facts.html",
    "history": "disputes/_detail_history.html",
}


def dispute_fragments(dispute: Dispute) -> dict:
    """{"sites", "facts", "history": HTML, "map": whether there is a map to draw}, rendered
    once per registry version and language."""
    fragments = cached_under(
        f"dispute-fragments:{dispute.pk}",
        names=(REGISTRY,),
        build=lambda: _render_fragments(dispute),
    )
    return {
        key: mark_safe(value) if key in FRAGMENTS else value for key, value in fragments.items()
    }


def _render_fragments(dispute: Dispute) -> dict:
    prefetch_related_objects(
        [dispute],
        Prefetch(
            "employers",
            queryset=Organisation.objects.only("id", "name", "slug", "kind", "parent_id"),
        ),
        Prefetch("unions", queryset=Organisation.objects.only("id", "name", "slug", "kind")),
        "demands",
        "sources",
        "actions",
        Prefetch("sites", queryset=_sites()),
    )
    sites = list(dispute.sites.all())
    countries = countries_with_disputes()
    site_points = [site_point(site, dispute) for site in sites]
    context = {
        "dispute": dispute,
        "sites": [site_view(site, dispute, countries) for site in sites],
        "site_points": site_points,
        "actions": [
            (action, span_label(action.starts_at, action.ends_at, action.timezone))
            for action in dispute.actions.all()
        ],
        "history": public_history(dispute),
        "demand_labels": [demand.get_demand_display() for demand in dispute.demands.all()],
        "tile_url": settings.TILE_URL,
        "tile_attribution": settings.TILE_ATTRIBUTION,
        "map_labels": map_labels(),
    }
    rendered = {key: str(render_to_string(name, context)) for key, name in FRAGMENTS.items()}
    return {**rendered, "map": bool(site_points)}


def map_labels() -> dict:
    """The labels the map's script shows, in the reader's language."""
    return {
        "employer": _("Employer"),
        "started": _("Started"),
        "view": _("View dispute"),
        "failed": _("The map could not load the disputes. The list still works."),
        "approximate": _("Approximate location"),
    }
