"""The events map and a day of action's map, tile by tile: counts that add up, filters as on the
list, one cluster's list, and a cold tile's queries."""

import json

import pytest

from picketline.core.tiles import Tile, tile_at
from picketline.events.choices import EventMode
from tests import factories

pytestmark = pytest.mark.django_db

PLACES = [
    ("London", "GB", 51.5072, -0.1276),
    ("Leeds", "GB", 53.7997, -1.5492),
    ("Madrid", "ES", 40.4168, -3.7038),
    ("Lagos", "NG", 6.5244, 3.3792),
]


@pytest.fixture
def events(db):
    day = factories.make_day_of_action(title="Global day")
    made = []
    for n in range(12):
        locality, country, lat, lon = PLACES[n % len(PLACES)]
        made.append(
            factories.make_event(
                title=f"Local event {n}",
                locality=locality,
                country=country,
                latitude=lat + n / 1000,
                longitude=lon,
                day_of_action=day if n % 2 else None,
            )
        )
    factories.make_event(mode=EventMode.ONLINE, latitude=None, longitude=None, title="Online")
    return {"day": day, "events": made}


def _tile(client, tile: Tile, query: str = "") -> dict:
    response = client.get(f"/events/map/tiles/{tile.z}/{tile.x}/{tile.y}.json{query}")
    assert response.status_code == 200, response.content
    return json.loads(response.content)


@pytest.mark.parametrize("query", ["", "?country=GB", "?day={day}&past=on", "?q=event+3"])
def test_the_world_tile_counts_what_the_feed_draws(client, events, query):
    query = query.format(day=events["day"].slug)
    features = client.get(f"/events.geojson{query}").json()["features"]
    assert _tile(client, Tile(0, 0, 0), query)["count"] == len(features) > 0


def test_the_tiles_of_a_zoom_level_add_up_to_every_event_on_the_map(client, events):
    total = sum(_tile(client, Tile(3, x, y))["count"] for x in range(8) for y in range(8))
    assert total == 12


def test_a_day_of_actions_map_holds_its_own_events(client, events):
    data = _tile(client, Tile(0, 0, 0), f"?day={events['day'].slug}&past=on")
    assert data["count"] == 6


def test_a_single_event_is_a_marker_with_its_popup(client, events):
    tile = tile_at(6.5244 + 3 / 1000, 3.3792, 16)
    [point] = _tile(client, tile)["sites"]
    assert point["title"] == "Local event 3"
    assert point["url"] == events["events"][3].get_absolute_url()
    assert "(Europe/London" in point["when"]
    assert point["organiser"] == "Leeds Strike Support"


def test_a_clusters_list_gives_its_events_soonest_first(client, events):
    tile = Tile(0, 0, 0)
    data = _tile(client, tile)
    london = next(c for c in data["clusters"] if c["cell"] == tile.cell_of(51.5072, -0.1276))
    listing = client.get(f"/events/map/tiles/0/0/0/{london['cell']}.json").json()
    assert listing["count"] == london["count"]
    assert [item["title"] for item in listing["items"]][:1] == ["Local event 0"]
    assert listing["items"][0]["details"][1:] == ["London", "GB"]


def test_a_cold_tile_costs_three_queries_and_a_cached_one_one(
    client, events, django_assert_num_queries
):
    tile = tile_at(6.5244 + 3 / 1000, 3.3792, 16)
    # The events' version, the cells, the single events' popups.
    with django_assert_num_queries(3):
        assert _tile(client, tile)["sites"]
    with django_assert_num_queries(1):
        _tile(client, tile)


def test_a_bad_filter_is_a_problem_document(client):
    response = client.get("/events/map/tiles/0/0/0.json?mode=underwater")
    assert response.status_code == 400
    assert "mode" in response.json()["errors"]


def test_the_maps_ask_for_tiles_with_their_filters(client, events):
    html = client.get("/events/map/?country=GB").text
    assert 'data-tiles-url="/events/map/tiles/{z}/{x}/{y}.json?country=GB"' in html
    day = events["day"]
    html = client.get(day.get_absolute_url()).text
    assert (
        f'data-tiles-url="/events/map/tiles/{{z}}/{{x}}/{{y}}.json?day={day.slug}&amp;past=on"'
        in html
    )
