"""The filters every events list, map, feed and the API share: the query string's form, and what
it asks for once `near` is resolved to a point."""

from dataclasses import dataclass, field

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from picketline.disputes.filtering import FilterError
from picketline.disputes.filters import MultipleChoiceOrCSV
from picketline.events.choices import EventMode
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


class CountryCodesField(forms.CharField):
    """Two-letter country codes from ?country=GB&country=IE (a menu allowing several) and
    ?country=GB,IE (the documented form) alike; `max_length` bounds the codes as written
    with commas."""

    widget = forms.MultipleHiddenInput

    def run_validators(self, value):
        super().run_validators(",".join(value))

    def to_python(self, value):
        values = value if isinstance(value, (list, tuple)) else [value or ""]
        codes = [part.strip().upper() for item in values for part in str(item).split(",")]
        return list(dict.fromkeys(code for code in codes if code))

    def validate(self, value):
        super().validate(value)
        for code in value:
            if len(code) != 2 or not code.isalpha():
                raise forms.ValidationError(
                    _("Countries are two-letter codes such as GB or MX, not “%(code)s”.")
                    % {"code": code}
                )


class EventFilterForm(forms.Form):
    date_from = forms.DateField(label=gettext_lazy("From"), required=False)
    date_to = forms.DateField(label=gettext_lazy("To"), required=False)
    country = CountryCodesField(label=gettext_lazy("Country"), required=False, max_length=200)
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
