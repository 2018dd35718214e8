import pytest

from picketline.events.choices import EventMode
from tests import factories
from tests.api.helpers import body

pytestmark = pytest.mark.django_db

URL = "/api/v1/events"
LEEDS = "53.7965,-1.5478"


@pytest.fixture
def towns(db):
    for title, lat, lon in [
        ("Manchester", 53.4808, -2.2426),
        ("London", 51.5072, -0.1276),
        ("Leeds", 53.7965, -1.5478),
        ("Bradford", 53.7950, -1.7594),
        ("Madrid", 40.4168, -3.7038),
    ]:
        factories.make_event(title=title, latitude=lat, longitude=lon, locality=title)
    factories.make_event(
        title="Online only",
        mode=EventMode.ONLINE,
        latitude=None,
        longitude=None,
        venue="",
        address="",
        locality="",
        country="",
        join_url="https://meet.example/x",
    )


def test_it_orders_nearest_first_within_the_radius(client, towns):
    page = body(client.get(f"{URL}?near={LEEDS}&radius_km=100"))
    assert [item["title"] for item in page["items"]] == ["Leeds", "Bradford", "Manchester"]
    distances = [item["distance_km"] for item in page["items"]]
    assert distances[0] == 0
    assert 13 < distances[1] < 16
    assert 55 < distances[2] < 60
    assert page["near"] == {
        "text": LEEDS,
        "latitude": 53.7965,
        "longitude": -1.5478,
        "radius_km": 100.0,
    }


def test_it_widens_with_the_radius(client, towns):
    page = body(client.get(f"{URL}?near={LEEDS}&radius_km=400"))
    assert [item["title"] for item in page["items"]] == [
        "Leeds",
        "Bradford",
        "Manchester",
        "London",
    ]


def test_it_leaves_out_events_without_a_place_when_near_is_given(client, towns):
    titles = [item["title"] for item in body(client.get(f"{URL}?near=40.4,-3.7"))["items"]]
    assert titles == ["Madrid"]
    everything = [item["title"] for item in body(client.get(URL))["items"]]
    assert "Online only" in everything


def test_it_finds_a_place_by_name(client, gazetteer):
    factories.make_event(title="Leeds", latitude=53.7965, longitude=-1.5478)
    factories.make_event(title="Madrid", latitude=40.4168, longitude=-3.7038)
    page = body(client.get(f"{URL}?near=Leeds&radius_km=50"))
    assert [item["title"] for item in page["items"]] == ["Leeds"]
    assert page["near"]["text"] == "Leeds"
