"""Where a chapter (or a request for one) is, from what someone typed: a town the gazetteer
knows ("Leeds", "Манчестер") or coordinates ("53.80,-1.55"), through the one `near` resolver;
then the gazetteer's nearest town names its city, region, country and time zone."""

from dataclasses import dataclass

from picketline.places.near import near_resolve
from picketline.places.selectors import place_label, place_nearest

# How far from a point the gazetteer's nearest town may be to name it.
_TOWN_RADIUS_KM = 50.0


@dataclass(frozen=True)
class ChapterPlace:
    place_name: str
    latitude: float
    longitude: float
    city: str = ""
    region: str = ""
    country: str = ""
    timezone: str = ""

    def as_fields(self) -> dict:
        return {
            "place_name": self.place_name,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "city": self.city,
            "region": self.region,
            "country": self.country,
            "timezone": self.timezone,
        }


def chapter_place(text: str) -> ChapterPlace:
    """Raises places.near.NearError, whose message says so, for a place nobody knows."""
    point = near_resolve(text)
    town = place_nearest(
        latitude=point.latitude, longitude=point.longitude, radius_km=_TOWN_RADIUS_KM
    )
    if town is None:
        return ChapterPlace(
            place_name=point.label[:200], latitude=point.latitude, longitude=point.longitude
        )
    region = town.region.name if town.region is not None and town.region.has_name else ""
    return ChapterPlace(
        place_name=(point.label if point.place is not None else place_label(town))[:200],
        latitude=point.latitude,
        longitude=point.longitude,
        city=town.name[:120],
        region=region[:120],
        country=town.country_id,
        timezone=town.timezone,
    )
