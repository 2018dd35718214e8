import pytest

from picketline.disputes import services
from tests import factories
from tests.api.helpers import body, problem

pytestmark = pytest.mark.django_db

URL = "/api/v1/disputes"
LEEDS = "53.7965,-1.5478"


@pytest.fixture
def places(db):
    return {
        "leeds": factories.make_dispute(title="Leeds", lat=53.7965, lon=-1.5478),
        "bradford": factories.make_dispute(title="Bradford", lat=53.7950, lon=-1.7594),
        "manchester": factories.make_dispute(title="Manchester", lat=53.4808, lon=-2.2426),
        "london": factories.make_dispute(title="London", lat=51.5072, lon=-0.1276),
        "madrid": factories.make_dispute(title="Madrid", lat=40.4168, lon=-3.7038, country="ES"),
    }


def test_it_orders_nearest_first_within_the_radius(client, places):
    page = body(client.get(f"{URL}?near={LEEDS}&radius_km=100"))
    assert [item["title"] for item in page["items"]] == ["Leeds", "Bradford", "Manchester"]
    distances = [item["distance_km"] for item in page["items"]]
    assert distances[0] == 0
    assert distances == sorted(distances)
    assert 13 < distances[1] < 16
    assert 55 < distances[2] < 60


def test_it_widens_with_the_radius(client, places):
    page = body(client.get(f"{URL}?near={LEEDS}&radius_km=400"))
    assert [item["title"] for item in page["items"]] == [
        "Leeds",
        "Bradford",
        "Manchester",
        "London",
    ]


def test_it_uses_the_default_radius_of_100_km(client, places):
    page = body(client.get(f"{URL}?near={LEEDS}"))
    assert page["near"] == {
        "text": LEEDS,
        "latitude": 53.7965,
        "longitude": -1.5478,
        "radius_km": 100.0,
    }
    assert len(page["items"]) == 3


def test_it_measures_each_site_and_keeps_the_nearest_for_the_dispute(client, places):
    services.site_create(
        dispute=places["london"],
        name="Leeds depot",
        city="Leeds",
        country="GB",
        latitude=53.80,
        longitude=-1.55,
    )
    page = body(client.get(f"{URL}?near={LEEDS}&radius_km=50"))
    london = next(item for item in page["items"] if item["title"] == "London")
    assert london["distance_km"] < 1
    site_distances = sorted(site["distance_km"] for site in london["sites"])
    assert site_distances[0] < 1 and site_distances[1] > 250


def test_it_can_sort_near_results_by_newest(client, places):
    page = body(client.get(f"{URL}?near={LEEDS}&radius_km=100&sort=newest"))
    assert [item["title"] for item in page["items"]] == ["Manchester", "Bradford", "Leeds"]


def test_it_says_when_a_place_is_unknown(client, places):
    document = problem(client.get(f"{URL}?near=Qzxqv Nowhere"), 400)
    assert document["type"] == "urn:picketline:problem:unknown-place"
    assert "Qzxqv Nowhere" in document["errors"]["near"][0]


def test_it_rejects_a_radius_out_of_range(client, places):
    document = problem(client.get(f"{URL}?near={LEEDS}&radius_km=0"), 400)
    assert document["type"] == "urn:picketline:problem:invalid-parameters"
    assert set(document["errors"]) == {"radius_km"}


def test_it_needs_near_to_sort_by_distance(client, places):
    document = problem(client.get(f"{URL}?sort=distance"), 400)
    assert set(document["errors"]) == {"sort"}
