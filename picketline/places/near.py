"""The one `near` filter: "near a place name or lat,lon, within radius_km".

Lists, maps, feeds and the API of disputes and of events all take it, so it is parsed, resolved
and refused here, once. `near_resolve` turns what was typed into a `NearPoint`, or raises
`NearError` with the message to show under `near`. `NearField` and `RadiusField` are the two
query parameters as form fields, with their labels and limits.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from picketline.core.geo import parse_lat_lon
from picketline.places.selectors import PlaceResolution, place_resolve

DEFAULT_RADIUS_KM = 100.0
MIN_RADIUS_KM = 0.1
MAX_RADIUS_KM = 20_000.0


@dataclass(frozen=True)
class NearPoint:
    """Where `near` was understood to be, and how far around it to look."""

    text: str  # as typed
    latitude: float
    longitude: float
    radius_km: float
    # For a place name: what it was understood as, and other places with the same name.
    # None for coordinates.
    place: PlaceResolution | None = None

    @property
    def point(self) -> tuple[float, float]:
        return (self.latitude, self.longitude)

    @property
    def label(self) -> str:
        return (self.place.label if self.place is not None else "") or self.text


class NearError(ValueError):
    """`near` names no place the gazetteer knows; `message` says so in the reader's language."""

    code = "unknown-place"

    def __init__(self, text: str):
        self.text = text
        self.message = _(
            "No place called “%(place)s” was found. Try a town name, or "
            "coordinates such as 53.80,-1.55."
        ) % {"place": text}
        super().__init__(self.message)


def near_resolve(text: str, radius_km: float | None = None) -> NearPoint:
    """Coordinates ("53.80,-1.55") as they are, or a place name through the gazetteer, the
    most populous place of that name first. Raises NearError for a name nobody knows."""
    text = text.strip()
    radius_km = radius_km or DEFAULT_RADIUS_KM
    point = parse_lat_lon(text)
    if point is not None:
        return NearPoint(text=text, latitude=point[0], longitude=point[1], radius_km=radius_km)
    resolution = place_resolve(text=text)
    if not resolution.found:
        raise NearError(text)
    latitude, longitude = resolution.point
    return NearPoint(
        text=text, latitude=latitude, longitude=longitude, radius_km=radius_km, place=resolution
    )


class NearField(forms.CharField):
    """The `near` parameter: a place name or "lat,lon", resolved later by `near_resolve`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Near"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)


class RadiusField(forms.FloatField):
    """The `radius_km` parameter; left out, the filter uses DEFAULT_RADIUS_KM."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Within (km)"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", MIN_RADIUS_KM)
        kwargs.setdefault("max_value", MAX_RADIUS_KM)
        super().__init__(**kwargs)
