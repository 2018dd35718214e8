"""Great-circle geometry without a GIS stack, identical in Python and in SQL."""

import math
from dataclasses import dataclass

from django.db.models import F, FloatField, Func

EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344
# About a centimetre. Coordinates are stored and queried at this precision, which also keeps
# the distance arithmetic clear of float underflow (PostgreSQL raises on it; SQLite does not).
COORDINATE_DECIMALS = 7


def round_point(lat: float, lon: float) -> tuple[float, float]:
    return round(lat, COORDINATE_DECIMALS), round(lon, COORDINATE_DECIMALS)


@dataclass(frozen=True)
class BoundingBox:
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float
    # A box that crosses the antimeridian has min_lon > max_lon.

    @property
    def crosses_antimeridian(self) -> bool:
        return self.min_lon > self.max_lon


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_km: float) -> BoundingBox:
    """The smallest latitude/longitude box that holds every point within radius_km.

    Near the poles, or for a radius that reaches one, the box spans every longitude.
    """
    angular = radius_km / EARTH_RADIUS_KM
    min_lat = lat - math.degrees(angular)
    max_lat = lat + math.degrees(angular)
    if min_lat <= -90 or max_lat >= 90:
        return BoundingBox(max(min_lat, -90.0), min(max_lat, 90.0), -180.0, 180.0)
    # Widest longitude reach at this latitude (the tangent point of the circle).
    dlon = math.degrees(math.asin(min(1.0, math.sin(angular) / math.cos(math.radians(lat)))))
    if dlon >= 180:
        return BoundingBox(min_lat, max_lat, -180.0, 180.0)
    min_lon, max_lon = lon - dlon, lon + dlon
    if min_lon < -180:
        min_lon += 360
    if max_lon > 180:
        max_lon -= 360
    return BoundingBox(min_lat, max_lat, min_lon, max_lon)


class GreatCircleKm(Func):
    """The haversine distance in km from a fixed point to two float columns: `haversine_km`'s
    arithmetic, in the SQL that Django's `Radians`, `Sin`, `Power`, `Least` … composed give,
    which SQLite and PostgreSQL both run.

    One expression rather than that tree of twenty-odd: the tree took about a millisecond to
    resolve and compile, twice in a search (its value and the radius test), which was most of
    what the nearest search spent outside the database. `tests/core/test_geo_sql.py` holds its
    SQL and parameters to the tree's."""

    output_field = FloatField()

    def __init__(self, lat: float, lon: float, lat_field: str, lon_field: str):
        lat, lon = round_point(lat, lon)
        self.point = (lat, lon)
        super().__init__(F(lat_field), F(lon_field))

    def as_sql(self, compiler, connection, least="LEAST", **extra_context):
        (lat, lat_params), (lon, lon_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        phi1 = math.radians(self.point[0])
        # Written and parenthesised as the composed functions write it, parameters in order.
        half_dphi = f"((RADIANS({lat}) - %s) / %s)"
        half_dlmb = f"((RADIANS({lon}) - %s) / %s)"
        a = (
            f"(POWER(SIN({half_dphi}), %s) + "
            f"((%s * COS(RADIANS({lat}))) * POWER(SIN({half_dlmb}), %s)))"
        )
        sql = f"(%s * ASIN({least}(%s, SQRT({a}))))"
        lmb1 = math.radians(self.point[1])
        params = (
            2 * EARTH_RADIUS_KM,
            1.0,
            *lat_params,
            phi1,
            2.0,
            2,
            math.cos(phi1),
            *lat_params,
            *lon_params,
            lmb1,
            2.0,
            2,
        )
        return sql, params

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, least="MIN", **extra_context)


def distance_km_expression(lat: float, lon: float, lat_field: str, lon_field: str) -> Func:
    """The haversine distance from (lat, lon) to two float columns, as a database expression."""
    return GreatCircleKm(lat, lon, lat_field, lon_field)


def parse_lat_lon(text: str) -> tuple[float, float] | None:
    """ "53.8,-1.55" (or with a space) as a (lat, lon) pair; None when it is not coordinates."""
    parts = text.replace(";", ",").split(",")
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0].strip()), float(parts[1].strip())
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
        return None
    return round_point(lat, lon)


def coarsen(lat: float, lon: float, *, decimals: int = 1) -> tuple[float, float]:
    """Round to about 11 km (one decimal place): enough for a town, not for a gate."""
    return round(lat, decimals), round(lon, decimals)
