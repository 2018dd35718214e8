"""Where a reported dispute is: the place as typed, or the pin dropped on the map, made into the
point, town, region, country and time zone a submission stores.

Reads only. The gazetteer answers offline; with no places loaded, a pin still works (the town
stays empty and times are read in UTC) and a typed name finds nothing.
"""

from dataclasses import dataclass

from picketline.core.geo import parse_lat_lon, round_point
from picketline.disputes.choices import Precision
from picketline.places.models import Place
from picketline.places.selectors import locality_geocode, place_nearest

# A pin takes its town from the nearest gazetteer place within this distance; further away it
# is in the countryside, and only the region, country and time zone are taken.
TOWN_KM = 25
# How far to look for any place to borrow a region, country and time zone from.
NEAREST_KM = 150
DEFAULT_TIMEZONE = "UTC"


@dataclass(frozen=True)
class LocatedPlace:
    latitude: float
    longitude: float
    precision: str
    city: str = ""
    region: str = ""
    country: str = ""
    timezone: str = DEFAULT_TIMEZONE

    @property
    def label(self) -> str:
        parts = [part for part in (self.city, self.region, self.country) if part]
        return ", ".join(parts) or f"{self.latitude:.4f}, {self.longitude:.4f}"


def _region_name(place: Place) -> str:
    region = place.region
    return region.name if region is not None and region.has_name else ""


def locate_point(*, latitude: float, longitude: float, exact: bool) -> LocatedPlace:
    """A point (a dropped pin, or a picked suggestion when not `exact`) with what surrounds it."""
    latitude, longitude = round_point(latitude, longitude)
    precision = Precision.EXACT if exact else Precision.CITY
    nearest = place_nearest(latitude=latitude, longitude=longitude, radius_km=NEAREST_KM)
    if nearest is None:
        return LocatedPlace(latitude=latitude, longitude=longitude, precision=precision)
    town_distance = getattr(nearest, "distance_km", None)
    return LocatedPlace(
        latitude=latitude,
        longitude=longitude,
        precision=precision,
        city=nearest.name if town_distance is not None and town_distance <= TOWN_KM else "",
        region=_region_name(nearest),
        country=nearest.country_id,
        timezone=nearest.timezone or DEFAULT_TIMEZONE,
    )


def locate_text(*, text: str) -> LocatedPlace | None:
    """What people typed ("Leeds", "Saint Louis, MO", "53.80,-1.55"); None when it is unknown."""
    point = parse_lat_lon(text)
    if point is not None:
        return locate_point(latitude=point[0], longitude=point[1], exact=True)
    geocoded = locality_geocode(text=text)
    if geocoded is None:
        return None
    latitude, longitude = round_point(geocoded.latitude, geocoded.longitude)
    return LocatedPlace(
        latitude=latitude,
        longitude=longitude,
        precision=geocoded.precision,
        city=geocoded.city if geocoded.precision == Precision.CITY else "",
        region=geocoded.region,
        country=geocoded.country,
        timezone=geocoded.timezone or DEFAULT_TIMEZONE,
    )
