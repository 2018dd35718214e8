import json

import pytest
from django.core.cache import cache

from picketline.events.choices import EventMode, EventVisibility
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/events.geojson"
JOIN = "https://meet.example.net/secret-room-42"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _collection(client, query="") -> dict:
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def test_it_is_a_feature_collection_of_points_with_public_properties(client):
    organisation = factories.make_organisation(name="Bakers Union")
    day = factories.make_day_of_action()
    event = factories.make_event(
        title="Rally",
        organisation=organisation,
        day_of_action=day,
        mode=EventMode.HYBRID,
        join_url=JOIN,
    )
    data = _collection(client)
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [-0.1276, 51.5072]}
    properties = feature["properties"]
    assert properties["id"] == event.pk
    assert properties["slug"] == event.slug
    assert properties["title"] == "Rally"
    assert properties["url"] == event.get_absolute_url()
    assert properties["timezone"] == "Europe/London"
    assert properties["when"].endswith("(Europe/London, GMT)")
    assert properties["starts_at"].startswith(event.starts_at.date().isoformat())
    assert properties["mode"] == "hybrid"
    assert properties["status"] == "scheduled"
    assert properties["locality"] == "London"
    assert properties["country"] == "GB"
    assert properties["organiser"] == "Bakers Union"
    assert properties["day_of_action"] == day.slug
    assert "secret-room" not in json.dumps(data)


def test_it_leaves_out_online_unlisted_and_unpublished_events(client):
    factories.make_event(title="Shown")
    factories.make_event(title="Online", mode=EventMode.ONLINE, latitude=None, longitude=None)
    factories.make_event(title="Unlisted", visibility=EventVisibility.UNLISTED)
    factories.make_event(title="Unpublished", published=False)
    titles = [f["properties"]["title"] for f in _collection(client)["features"]]
    assert titles == ["Shown"]


def test_it_takes_the_day_filter(client):
    day = factories.make_day_of_action()
    factories.make_event(title="On the day", day_of_action=day)
    factories.make_event(title="Another")
    titles = [f["properties"]["title"] for f in _collection(client, f"day={day.slug}")["features"]]
    assert titles == ["On the day"]


def test_near_adds_the_distance(client):
    factories.make_event(latitude=53.80, longitude=-1.55)
    (feature,) = _collection(client, "near=53.80,-1.50&radius_km=10")["features"]
    assert 2 < feature["properties"]["distance_km"] < 5


def test_bad_filters_are_a_problem_document(client):
    response = client.get(f"{URL}?mode=underwater")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "mode" in json.loads(response.content)["errors"]


@pytest.mark.parametrize("hours", [2, 30])
@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_its_time_labels_are_the_event_pages(client, hours, language):
    from django.utils import translation

    from picketline.events.formats import event_when

    event = factories.make_event(zone="America/Mexico_City", hours=hours)
    response = client.get(URL, headers={"accept-language": language})
    (feature,) = json.loads(response.content)["features"]
    with translation.override(language):
        assert feature["properties"]["when"] == event_when(event)
