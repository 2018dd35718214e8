"""`distance_km_expression` is one expression, but the same SQL as Django's math functions
composed: the same arithmetic in the same order, so every distance, and every search that
compares with one, stays exactly what it was."""

import math

import pytest
from django.db.models import F, FloatField, Min, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

from picketline.core.geo import EARTH_RADIUS_KM, distance_km_expression, haversine_km, round_point
from picketline.disputes.models import Dispute, Site
from tests import factories

pytestmark = pytest.mark.django_db


def _composed(lat: float, lon: float, lat_field: str, lon_field: str):
    """The expression as it was built from Django's functions."""
    lat, lon = round_point(lat, lon)
    phi1 = math.radians(lat)
    phi2 = Radians(F(lat_field))
    half_dphi = (phi2 - Value(phi1)) / Value(2.0)
    half_dlmb = (Radians(F(lon_field)) - Value(math.radians(lon))) / Value(2.0)
    a = Power(Sin(half_dphi), 2) + Value(math.cos(phi1)) * Cos(phi2) * Power(Sin(half_dlmb), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(
        Least(Value(1.0), Sqrt(a), output_field=FloatField()), output_field=FloatField()
    )


@pytest.mark.parametrize("point", [(53.7965123456, -1.5478), (-33.86, 151.21), (0.0, -180.0)])
def test_it_writes_the_sql_of_the_composed_functions(point):
    for build in (distance_km_expression, _composed):
        sites = Site.objects.annotate(d=build(*point, "public_latitude", "public_longitude"))
        query = sites.filter(d__lte=50).order_by("d").values("id", "d").query
        if build is distance_km_expression:
            ours = query.sql_with_params()
        else:
            assert ours == query.sql_with_params()


def test_it_writes_the_same_sql_through_a_join_and_an_aggregate():
    def search(build):
        distance = build(53.8, -1.55, "sites__public_latitude", "sites__public_longitude")
        disputes = Dispute.objects.annotate(distance_km=Min(distance))
        return disputes.filter(distance_km__lte=50).order_by("distance_km", "-id").query

    assert search(distance_km_expression).sql_with_params() == search(_composed).sql_with_params()


def test_it_measures_what_haversine_km_measures():
    factories.make_dispute(lat=53.4808, lon=-2.2426)
    site = Site.objects.annotate(
        d=distance_km_expression(53.7965, -1.5478, "public_latitude", "public_longitude")
    ).get()
    assert math.isclose(site.d, haversine_km(53.7965, -1.5478, 53.4808, -2.2426), rel_tol=1e-12)
