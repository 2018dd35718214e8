"""The nearest search must agree with a brute-force great-circle computation, on any data."""

import math

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from picketline.core.geo import haversine_km, round_point
from picketline.disputes.models import Dispute, Site
from picketline.disputes.selectors import disputes_near
from tests.factories import make_dispute

centres = st.tuples(
    st.floats(min_value=-85, max_value=85, allow_nan=False),
    st.floats(min_value=-180, max_value=180, allow_nan=False),
)


def _points_around(draw_centre, radius_km):
    """Points scattered around the centre, some inside the radius and some outside."""
    spread = math.degrees(radius_km / 6371.0) * 2
    return st.lists(
        st.tuples(
            st.floats(min_value=-spread, max_value=spread, allow_nan=False),
            st.floats(min_value=-spread, max_value=spread, allow_nan=False),
        ),
        min_size=1,
        max_size=25,
    )


@st.composite
def scenarios(draw):
    lat, lon = draw(centres)
    radius = draw(st.floats(min_value=1, max_value=2000, allow_nan=False))
    offsets = draw(_points_around((lat, lon), radius))
    points = []
    for dlat, dlon in offsets:
        plat = max(-90.0, min(90.0, lat + dlat))
        plon = (lon + dlon + 180) % 360 - 180
        points.append((plat, plon))
    far = draw(st.lists(st.tuples(st.floats(-90, 90), st.floats(-180, 180)), max_size=5))
    return lat, lon, radius, points + far


def _seed(points):
    """Stores the points as the services do: at the registry's coordinate precision."""
    points = [round_point(lat, lon) for lat, lon in points]
    disputes = Dispute.objects.bulk_create(
        Dispute(title=f"d{i}", slug=f"d{i}") for i in range(len(points))
    )
    Site.objects.bulk_create(
        Site(
            dispute=d,
            latitude=lat,
            longitude=lon,
            public_latitude=lat,
            public_longitude=lon,
        )
        for d, (lat, lon) in zip(disputes, points, strict=True)
    )
    return disputes


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(scenarios())
def test_it_finds_exactly_the_disputes_a_brute_force_scan_finds(scenario):
    lat, lon, radius, points = scenario
    with transaction.atomic():
        disputes = _seed(points)
        expected = {}
        lat, lon = round_point(lat, lon)
        for d, (plat, plon) in zip(disputes, [round_point(*p) for p in points], strict=True):
            distance = haversine_km(lat, lon, plat, plon)
            if distance <= radius:
                expected[d.pk] = distance
        found = {d.pk: d.distance_km for d in disputes_near(lat=lat, lon=lon, radius_km=radius)}
        # Points within a micrometre of the edge may fall either way through float rounding.
        edge = {pk for pk, dist in expected.items() if abs(dist - radius) < 1e-6}
        assert set(found) - edge - set(expected) == set()
        assert set(expected) - edge - set(found) == set()
        for pk in set(found) & set(expected):
            assert math.isclose(found[pk], expected[pk], rel_tol=1e-9, abs_tol=1e-6)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_it_orders_by_distance_to_the_nearest_site():
    near = make_dispute(title="Near", lat=53.80, lon=-1.55)
    far = make_dispute(title="Far", lat=53.48, lon=-2.24)
    make_dispute(title="Elsewhere", lat=40.4, lon=-3.7)
    found = list(disputes_near(lat=53.79, lon=-1.54, radius_km=100).order_by("distance_km"))
    assert [d.pk for d in found] == [near.pk, far.pk]
    assert found[0].distance_km < 2 < 40 < found[1].distance_km < 60


@pytest.mark.django_db
def test_it_counts_a_dispute_once_however_many_sites_are_near():
    from picketline.disputes.services import site_create

    dispute = make_dispute(lat=53.80, lon=-1.55)
    site_create(dispute=dispute, latitude=53.81, longitude=-1.56)
    found = list(disputes_near(lat=53.8, lon=-1.55, radius_km=10))
    assert [d.pk for d in found] == [dispute.pk]
    assert found[0].distance_km < 1


@pytest.mark.django_db
def test_it_uses_the_coarsened_point_of_a_sensitive_dispute():
    dispute = make_dispute(lat=53.7965, lon=-1.5478, sensitive=True)
    found = disputes_near(lat=53.8, lon=-1.5, radius_km=0.5)
    assert [d.pk for d in found] == [dispute.pk]
    assert list(disputes_near(lat=53.7965, lon=-1.5478, radius_km=0.5)) == []
