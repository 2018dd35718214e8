"""Resolving what people type ("Leeds", "Манчестер", "53.8,-1.55") to places, offline.

INTERFACE STUB: the return types below are the contract other apps code against.
"""

from dataclasses import dataclass, field

from picketline.core.geo import parse_lat_lon


@dataclass(frozen=True)
class PlaceCandidate:
    geonameid: int
    name: str  # the place's own name, e.g. "Leeds"
    label: str  # for people: "Leeds, England, United Kingdom"
    country: str  # ISO code
    latitude: float
    longitude: float
    population: int

    @property
    def query(self) -> str:
        """What to put in `near=` to pick exactly this place."""
        return f"{self.latitude:.5f},{self.longitude:.5f}"


@dataclass(frozen=True)
class PlaceResolution:
    text: str
    point: tuple[float, float] | None = None  # (lat, lon) of the chosen place
    label: str = ""  # what was understood, e.g. "Leeds, United Kingdom" or "53.80, -1.55"
    # Other places with the same name, most populous first (the chosen one excluded).
    alternatives: list[PlaceCandidate] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.point is not None


def place_resolve(*, text: str) -> PlaceResolution:
    point = parse_lat_lon(text)
    if point:
        return PlaceResolution(text=text, point=point, label=f"{point[0]:.4f}, {point[1]:.4f}")
    return PlaceResolution(text=text)
