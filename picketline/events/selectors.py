"""Reads for events: the published and listed events, search under the shared filters, the
nearest ones, and the doors through which a page loads one event (public, or for its
organisers)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.accounts.roles import is_moderator
from picketline.core.geo import bounding_box, distance_km_expression
from picketline.core.versions import cached_under
from picketline.disputes.models import Dispute
from picketline.events.choices import EventVisibility
from picketline.events.filters import EventFilters
from picketline.events.models import Event


def event_public_queryset() -> QuerySet[Event]:
    """Published events anyone may see by their address (listed or not)."""
    return Event.objects.filter(published_at__isnull=False).select_related(
        "organisation", "day_of_action"
    )


def event_listed_queryset() -> QuerySet[Event]:
    """Published, public events: what lists, maps, feeds and the API list show."""
    return event_public_queryset().filter(visibility=EventVisibility.PUBLIC)


@dataclass(frozen=True)
class FilterChoices:
    """What the filters offer by name: only organisations, disputes, days of action and
    countries that listed events have. Pairs are (slug or code, name)."""

    organisers: list[tuple[str, str]]
    disputes: list[tuple[str, str]]
    days: list[tuple[str, str]]
    countries: list[str]


# The data versions (core.versions) the filter choices are read from: the events, their days
# of action and disputes, and the organisations' and disputes' names.
FILTER_CHOICES_VERSIONS = ("events", "registry")


def event_filter_choices() -> FilterChoices:
    """The filters' choices: two queries whatever the number of events, kept in the cache until
    an event, a day of action or the registry changes."""
    return cached_under("event-filter-choices", names=FILTER_CHOICES_VERSIONS, build=_choices)


def _choices() -> FilterChoices:
    listed = event_listed_queryset().order_by()
    organisers, days, countries = {}, {}, set()
    rows = listed.values_list(
        "organisation__slug",
        "organisation__name",
        "day_of_action__slug",
        "day_of_action__title",
        "country",
    ).distinct()
    for organiser_slug, organiser_name, day_slug, day_title, country in rows:
        if organiser_slug:
            organisers[organiser_slug] = organiser_name
        if day_slug:
            days[day_slug] = day_title
        if country:
            countries.add(country)
    disputes = dict(
        Dispute.objects.filter(events__in=listed).values_list("slug", "title").distinct()
    )

    def by_name(pairs: dict) -> list[tuple[str, str]]:
        return sorted(pairs.items(), key=lambda pair: (pair[1].casefold(), pair[0]))

    return FilterChoices(
        organisers=by_name(organisers),
        disputes=by_name(disputes),
        days=by_name(days),
        countries=sorted(countries),
    )


def events_near(*, lat: float, lon: float, radius_km: float, queryset: QuerySet) -> QuerySet:
    """Events with a point within radius_km, annotated with `distance_km`, nearest first.

    The bounding box on the indexed latitude/longitude narrows the rows before the distance.
    """
    box = bounding_box(lat, lon, radius_km)
    in_box = Q(latitude__gte=box.min_lat, latitude__lte=box.max_lat)
    if box.crosses_antimeridian:
        in_box &= Q(longitude__gte=box.min_lon) | Q(longitude__lte=box.max_lon)
    elif (box.min_lon, box.max_lon) != (-180.0, 180.0):
        in_box &= Q(longitude__gte=box.min_lon, longitude__lte=box.max_lon)
    distance = distance_km_expression(lat, lon, "latitude", "longitude")
    return (
        queryset.filter(in_box)
        .annotate(distance_km=distance)
        .filter(distance_km__lte=radius_km)
        .order_by("distance_km", "starts_at", "id")
    )


def event_search(*, filters: EventFilters, queryset: QuerySet | None = None) -> QuerySet[Event]:
    """Listed events matching the filters: upcoming ones by default, soonest first."""
    qs = event_listed_queryset() if queryset is None else queryset
    if not filters.past and not filters.date_from:
        qs = qs.filter(ends_at__gt=timezone.now())
    if filters.date_from:
        qs = qs.filter(ends_at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(starts_at__date__lte=filters.date_to)
    if filters.countries:
        qs = qs.filter(country__in=filters.countries)
    if filters.modes:
        qs = qs.filter(mode__in=filters.modes)
    if filters.organiser:
        qs = qs.filter(organisation__slug=filters.organiser)
    if filters.dispute:
        qs = qs.filter(disputes__slug=filters.dispute)
    if filters.day:
        qs = qs.filter(day_of_action__slug=filters.day)
    if filters.q:
        qs = qs.filter(
            Q(title__icontains=filters.q)
            | Q(description__icontains=filters.q)
            | Q(locality__icontains=filters.q)
            | Q(organiser_name__icontains=filters.q)
            | Q(organisation__name__icontains=filters.q)
        )
    qs = qs.order_by("starts_at", "id")
    if filters.point is not None:
        lat, lon = filters.point
        qs = events_near(lat=lat, lon=lon, radius_km=filters.radius_km, queryset=qs)
    return qs


def event_get_public(*, slug: str) -> Event:
    return get_object_or_404(event_public_queryset(), slug=slug)


def user_can_manage_event(user, event: Event) -> bool:
    """An organiser of the event or of its day of action, or a moderator."""
    if not user.is_authenticated or not user.is_active:
        return False
    if event.organisers.filter(pk=user.pk).exists():
        return True
    if event.day_of_action_id and event.day_of_action.organisers.filter(pk=user.pk).exists():
        return True
    return is_moderator(user)


def event_get_for_viewer(*, user, slug: str) -> Event:
    """A published event for anyone; one waiting for moderation only for those who manage it."""
    event = Event.objects.filter(slug=slug).select_related("organisation", "day_of_action").first()
    if event is None:
        raise Http404(_("There is no event at this address."))
    if event.is_published or user_can_manage_event(user, event):
        return event
    raise Http404(_("There is no event at this address."))


def event_get_for_manager(*, user, slug: str) -> Event:
    """The one door to an event someone may manage: 404 when there is none, 403 otherwise."""
    event = get_object_or_404(
        Event.objects.select_related("organisation", "day_of_action"), slug=slug
    )
    if not user_can_manage_event(user, event):
        raise PermissionDenied
    return event
