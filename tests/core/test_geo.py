import math

from hypothesis import given
from hypothesis import strategies as st

from picketline.core.geo import bounding_box, coarsen, haversine_km, parse_lat_lon

lats = st.floats(min_value=-89.9, max_value=89.9, allow_nan=False)
lons = st.floats(min_value=-180, max_value=180, allow_nan=False)


def test_it_measures_leeds_to_manchester():
    assert 55 < haversine_km(53.7965, -1.5478, 53.4808, -2.2426) < 60


def test_it_measures_half_the_earth_between_antipodes():
    assert math.isclose(haversine_km(0, 0, 0, 180), math.pi * 6371.0088, rel_tol=1e-9)


def _in_box(box, lat, lon):
    if not box.min_lat <= lat <= box.max_lat:
        return False
    if box.crosses_antimeridian:
        return lon >= box.min_lon or lon <= box.max_lon
    return box.min_lon <= lon <= box.max_lon


@given(lats, lons, st.floats(min_value=0.5, max_value=3000), lats, lons)
def test_it_keeps_every_point_within_the_radius_inside_the_box(lat, lon, radius, plat, plon):
    box = bounding_box(lat, lon, radius)
    if haversine_km(lat, lon, plat, plon) <= radius * 0.999999:
        assert _in_box(box, plat, plon)


def test_it_wraps_the_box_across_the_antimeridian():
    box = bounding_box(-17.7, 179.9, 100)  # Fiji
    assert box.crosses_antimeridian
    assert _in_box(box, -17.7, -179.8)


def test_it_spans_all_longitudes_near_a_pole():
    box = bounding_box(89.5, 10, 200)
    assert (box.min_lon, box.max_lon) == (-180.0, 180.0)


def test_it_parses_coordinates_and_rejects_other_text():
    assert parse_lat_lon("53.8,-1.55") == (53.8, -1.55)
    assert parse_lat_lon(" 53.8 , -1.55 ") == (53.8, -1.55)
    assert parse_lat_lon("Leeds") is None
    assert parse_lat_lon("91,0") is None
    assert parse_lat_lon("nan,0") is None
    assert parse_lat_lon("1,2,3") is None


def test_it_coarsens_to_about_ten_kilometres():
    lat, lon = coarsen(53.796512, -1.547834)
    assert (lat, lon) == (53.8, -1.5)
    assert haversine_km(53.796512, -1.547834, lat, lon) < 10
