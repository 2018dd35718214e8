"""The list filters, shared by the list page, the map, every feed and the API.

One form validates the query string; a bad value is a clear error naming the parameter, which
pages and feeds answer with 400 and the API with a problem document.
"""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from picketline.disputes.choices import Demand, DisputeKind, DisputeStatus, Sector
from picketline.places.near import DEFAULT_RADIUS_KM, NearField, RadiusField


class Sort:
    NEWEST = "newest"
    START = "start"
    DISTANCE = "distance"
    # The list page's order when none is chosen and no place is given: disputes people can
    # still support (announced and active) first, then the newest. Not a value of `sort`.
    CURRENT = "current"
    CHOICES = [
        (NEWEST, _("Newest")),
        (START, _("Start date")),
        (DISTANCE, _("Distance")),
    ]


@dataclass
class DisputeFilters:
    statuses: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    demands: list[str] = field(default_factory=list)
    union: str = ""
    employer: str = ""
    q: str = ""
    date_from: object = None
    date_to: object = None
    near: str = ""
    point: tuple[float, float] | None = None  # filled in when `near` resolves
    place: object = None  # the PlaceResolution of a place name in `near`, once resolved
    radius_km: float = DEFAULT_RADIUS_KM
    sort: str = Sort.NEWEST


class MultipleChoiceOrCSV(forms.MultipleChoiceField):
    """Accepts ?status=active&status=announced and ?status=active,announced alike."""

    def to_python(self, value):
        values = super().to_python(value)
        return [part.strip() for item in values for part in item.split(",") if part.strip()]


class DisputeFilterForm(forms.Form):
    status = MultipleChoiceOrCSV(label=_("Status"), choices=DisputeStatus.choices, required=False)
    kind = MultipleChoiceOrCSV(label=_("Kind"), choices=DisputeKind.choices, required=False)
    sector = MultipleChoiceOrCSV(label=_("Sector"), choices=Sector.choices, required=False)
    demand = MultipleChoiceOrCSV(label=_("Demand"), choices=Demand.choices, required=False)
    country = forms.CharField(label=_("Country"), required=False, max_length=200)
    union = forms.CharField(label=_("Union"), required=False, max_length=200)
    employer = forms.CharField(label=_("Employer"), required=False, max_length=200)
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)
    near = NearField()
    radius_km = RadiusField()
    sort = forms.ChoiceField(label=_("Sort by"), choices=Sort.CHOICES, required=False)

    def clean_country(self):
        codes = [c.strip().upper() for c in self.cleaned_data["country"].split(",") if c.strip()]
        for code in codes:
            if len(code) != 2 or not code.isalpha():
                raise forms.ValidationError(
                    _("Use two-letter country codes such as GB or ES, not “%(code)s”."),
                    params={"code": code},
                )
        return codes

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the date range is before its start."))
        if data.get("sort") == Sort.DISTANCE and not data.get("near"):
            self.add_error("sort", _("Sorting by distance needs a place in “near”."))
        return data

    def to_filters(self) -> DisputeFilters:
        """The cleaned filters; `near` is resolved by `filters_from_query`."""
        data = self.cleaned_data
        near = data.get("near") or ""
        return DisputeFilters(
            statuses=data.get("status") or [],
            kinds=data.get("kind") or [],
            sectors=data.get("sector") or [],
            countries=data.get("country") or [],
            demands=data.get("demand") or [],
            union=data.get("union") or "",
            employer=data.get("employer") or "",
            q=data.get("q") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            near=near,
            radius_km=data.get("radius_km") or DEFAULT_RADIUS_KM,
            sort=data.get("sort") or (Sort.DISTANCE if near else Sort.NEWEST),
        )
