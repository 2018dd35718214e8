"""Reads for events: the filters every list, map, feed and the API share, search, nearest."""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from picketline.core.geo import bounding_box, distance_km_expression
from picketline.disputes.filtering import FilterError
from picketline.disputes.filters import MultipleChoiceOrCSV
from picketline.events.choices import EventMode, EventStatus, EventVisibility, RsvpStatus
from picketline.events.models import DayOfAction, Event, Rsvp
from picketline.places.near import (
    DEFAULT_RADIUS_KM,
    NearError,
    NearField,
    RadiusField,
    near_resolve,
)


@dataclass
class EventFilters:
    date_from: object = None
    date_to: object = None
    countries: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    organiser: str = ""  # an organisation's slug
    dispute: str = ""  # a dispute's slug
    day: str = ""  # a day of action's slug
    q: str = ""
    past: bool = False  # include events that have ended
    near: str = ""
    point: tuple[float, float] | None = None
    place: object = None
    radius_km: float = DEFAULT_RADIUS_KM


class EventFilterForm(forms.Form):
    date_from = forms.DateField(label=gettext_lazy("From"), required=False)
    date_to = forms.DateField(label=gettext_lazy("To"), required=False)
    country = forms.CharField(label=gettext_lazy("Country"), required=False, max_length=200)
    mode = MultipleChoiceOrCSV(
        label=gettext_lazy("Where"), choices=EventMode.choices, required=False
    )
    organiser = forms.SlugField(
        label=gettext_lazy("Organiser"), required=False, allow_unicode=True, max_length=220
    )
    dispute = forms.SlugField(
        label=gettext_lazy("Dispute"), required=False, allow_unicode=True, max_length=220
    )
    day = forms.SlugField(
        label=gettext_lazy("Day of action"), required=False, allow_unicode=True, max_length=220
    )
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)
    past = forms.BooleanField(label=gettext_lazy("Include past events"), required=False)
    near = NearField()
    radius_km = RadiusField(min_value=1)

    def clean_country(self):
        codes = [c.strip().upper() for c in self.cleaned_data["country"].split(",") if c.strip()]
        for code in codes:
            if len(code) != 2 or not code.isalpha():
                raise forms.ValidationError(
                    _("Countries are two-letter codes such as GB or MX, not “%(code)s”.")
                    % {"code": code}
                )
        return codes

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the date range is before its start."))
        return cleaned

    def to_filters(self) -> EventFilters:
        data = self.cleaned_data
        near = data.get("near", "").strip()
        return EventFilters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            countries=data.get("country") or [],
            modes=data.get("mode") or [],
            organiser=data.get("organiser") or "",
            dispute=data.get("dispute") or "",
            day=data.get("day") or "",
            q=data.get("q", "").strip(),
            past=bool(data.get("past")),
            near=near,
            radius_km=data.get("radius_km") or DEFAULT_RADIUS_KM,
        )


def event_filters_from_query(query: QueryDict) -> EventFilters:
    """The filters in a query string, with `near` resolved; FilterError names bad parameters."""
    form = EventFilterForm(query)
    if not form.is_valid():
        raise FilterError({name: list(messages) for name, messages in form.errors.items()})
    filters = form.to_filters()
    if filters.near:
        try:
            near = near_resolve(filters.near, filters.radius_km)
        except NearError as error:
            raise FilterError({"near": [error.message]}, unknown_place=True) from None
        filters.point, filters.place = near.point, near.place
    return filters


def event_public_queryset() -> QuerySet[Event]:
    """Published events anyone may see by their address (listed or not)."""
    return Event.objects.filter(published_at__isnull=False).select_related(
        "organisation", "day_of_action"
    )


def event_listed_queryset() -> QuerySet[Event]:
    """Published, public events: what lists, maps, feeds and the API list show."""
    return event_public_queryset().filter(visibility=EventVisibility.PUBLIC)


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


def events_managed_by(*, user) -> QuerySet[Event]:
    return (
        Event.objects.filter(Q(organisers=user) | Q(day_of_action__organisers=user))
        .distinct()
        .select_related("day_of_action")
        .order_by("-starts_at", "-id")
    )


def event_attendees(*, event: Event) -> QuerySet[Rsvp]:
    """Everyone coming, in the order they answered (the check-in list and the CSV)."""
    return Rsvp.objects.filter(event=event, status=RsvpStatus.CONFIRMED).order_by("number")


def event_waiting_list(*, event: Event) -> QuerySet[Rsvp]:
    """Everyone waiting, first in line first."""
    return Rsvp.objects.filter(event=event, status=RsvpStatus.WAITLISTED).order_by("number")


def rsvp_for_user(*, event: Event, user) -> Rsvp | None:
    if not user.is_authenticated:
        return None
    return (
        Rsvp.objects.filter(
            event=event,
            user=user,
            status__in=[RsvpStatus.PENDING, RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED],
        )
        .order_by("-id")
        .first()
    )


def day_of_action_public_queryset() -> QuerySet[DayOfAction]:
    return DayOfAction.objects.filter(published_at__isnull=False).select_related("organisation")


def day_of_action_get_public(*, slug: str) -> DayOfAction:
    return get_object_or_404(day_of_action_public_queryset(), slug=slug)


def day_of_action_counts(day: DayOfAction) -> dict[str, int]:
    """Its listed local events, the towns and countries they are in, and the people coming."""
    events = event_listed_queryset().filter(day_of_action=day).exclude(status=EventStatus.CANCELLED)
    counts = events.aggregate(
        events=Count("id"),
        countries=Count("country", distinct=True, filter=~Q(country="")),
        cities=Count("locality", distinct=True, filter=~Q(locality="")),
    )
    counts["rsvps"] = Rsvp.objects.filter(
        event__in=events.values("pk"), status=RsvpStatus.CONFIRMED
    ).count()
    return counts


def days_of_action_for_dispute(dispute) -> QuerySet[DayOfAction]:
    return day_of_action_public_queryset().filter(disputes=dispute)
