"""The clustered map's tiles: counts that add up, filters as on the list, caching, query counts."""

import json
import random

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from picketline.core.tiles import GRID, MAX_LATITUDE, Tile, tile_at
from picketline.disputes import map_tiles, services
from picketline.disputes.models import Site
from tests import factories

pytestmark = pytest.mark.django_db

MAP_STATUSES = ("announced", "active")


@pytest.fixture
def registry(db):
    """Disputes around western Europe: some with several sites, some sharing one spot, some
    ended (not on the map by default), one sensitive (shown at its coarse point)."""
    rng = random.Random(15)
    disputes = []
    for n in range(36):
        status = "ended" if n % 7 == 0 else rng.choice(MAP_STATUSES)
        dispute = factories.make_dispute(
            title=f"Dispute {n}",
            status=status,
            kind=rng.choice(["strike", "lockout"]),
            lat=rng.uniform(40.0, 56.0),
            lon=rng.uniform(-8.0, 12.0),
            country=rng.choice(["GB", "FR", "ES"]),
            sensitive=(n == 5),
        )
        disputes.append(dispute)
        for _extra in range(n % 3):
            services.site_create(
                dispute=dispute,
                city="Elsewhere",
                country="FR",
                latitude=rng.uniform(40.0, 56.0),
                longitude=rng.uniform(-8.0, 12.0),
                timezone="Europe/Paris",
            )
    # Five disputes at one spot: a cluster that no zoom can split.
    for n in range(5):
        factories.make_dispute(title=f"Same spot {n}", lat=48.8566, lon=2.3522, country="FR")
    # On a tile border at every zoom: the equator and the prime meridian.
    factories.make_dispute(title="On the border", lat=0.0, lon=0.0, country="GH")
    cache.clear()
    return disputes


def _tile(client, tile: Tile, query: str = "") -> dict:
    response = client.get(f"/map/tiles/{tile.z}/{tile.x}/{tile.y}.json{query}")
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def _direct_count(south, west, north, east, *, top: bool, last: bool, statuses=MAP_STATUSES):
    """Sites of matching disputes in the box, counted straight from the table."""
    sites = Site.objects.filter(
        dispute__status__in=statuses, public_latitude__gte=south, public_longitude__gte=west
    )
    sites = (
        sites.filter(public_latitude__lte=north) if top else sites.filter(public_latitude__lt=north)
    )
    sites = (
        sites.filter(public_longitude__lte=east)
        if last
        else sites.filter(public_longitude__lt=east)
    )
    return sites.count()


def _tiles_in_box(z, x0, x1, y0, y1):
    return [Tile(z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    z=st.integers(min_value=0, max_value=12),
    corner_a=st.tuples(st.floats(-10, 60), st.floats(-20, 20)),
    corner_b=st.tuples(st.floats(-10, 60), st.floats(-20, 20)),
)
def test_it_counts_exactly_the_sites_in_any_box_at_any_zoom(
    client, registry, z, corner_a, corner_b
):
    first, second = tile_at(*corner_a, z), tile_at(*corner_b, z)
    x0, x1 = sorted((first.x, second.x))
    y0, y1 = sorted((first.y, second.y))
    x1, y1 = min(x1, x0 + 3), min(y1, y0 + 3)
    total = 0
    for tile in _tiles_in_box(z, x0, x1, y0, y1):
        data = _tile(client, tile)
        parts = sum(cluster["count"] for cluster in data["clusters"]) + len(data["sites"])
        assert parts == data["count"]
        assert all(cluster["count"] > 1 for cluster in data["clusters"])
        total += data["count"]
    top, bottom = Tile(z, x0, y0), Tile(z, x1, y1)
    expected = _direct_count(
        bottom.south,
        top.west,
        top.north,
        bottom.east,
        top=top.is_top,
        last=bottom.is_last_column,
    )
    assert total == expected


def test_the_whole_world_holds_every_site_on_the_map(client, registry):
    data = _tile(client, Tile(0, 0, 0))
    assert data["count"] == Site.objects.filter(dispute__status__in=MAP_STATUSES).count()


def test_every_site_is_in_exactly_one_tile_and_one_cell(registry):
    for site in Site.objects.all():
        lat, lon = site.public_latitude, site.public_longitude
        for z in (0, 3, 7, 12, 20):
            tile = tile_at(lat, lon, z)
            assert tile.contains(lat, lon)
            size = 2**z
            neighbours = [
                Tile(z, x, y)
                for x in range(max(tile.x - 1, 0), min(tile.x + 2, size))
                for y in range(max(tile.y - 1, 0), min(tile.y + 2, size))
            ]
            assert [t for t in neighbours if t.contains(lat, lon)] == [tile]
            south, west, north, east = tile.cell_bounds(tile.cell_of(lat, lon))
            assert south - 1e-9 <= lat <= north + 1e-9 and west - 1e-9 <= lon <= east + 1e-9


def test_a_cell_of_one_site_is_a_marker_with_its_popup(client):
    factories.make_dispute(
        title="Riverside walkout", employer="Riverside Logistics", lat=51.5, lon=-0.12
    )
    tile = tile_at(51.5, -0.12, 10)
    data = _tile(client, tile)
    assert data["clusters"] == []
    [site] = data["sites"]
    assert site["title"] == "Riverside walkout"
    assert site["employers"] == ["Riverside Logistics"]
    assert site["url"] == "/disputes/riverside-walkout/"
    assert (site["lat"], site["lon"]) == (51.5, -0.12)


def test_a_sensitive_disputes_site_is_not_named(client):
    factories.make_dispute(title="Quiet one", sensitive=True, lat=51.5234567, lon=-0.1234567)
    site = Site.objects.get()
    services.site_update(site=site, name="Back gate")
    data = _tile(client, tile_at(site.public_latitude, site.public_longitude, 8))
    [point] = data["sites"]
    assert point["site_name"] is None
    assert (point["lat"], point["lon"]) == (51.5, -0.1)


def test_sites_at_one_spot_stay_one_cluster_that_lists_its_disputes(client, registry):
    tile = tile_at(48.8566, 2.3522, 20)
    data = _tile(client, tile)
    [cluster] = data["clusters"]
    assert cluster["count"] == 5
    assert cluster["bounds"] == [48.8566, 2.3522, 48.8566, 2.3522]
    assert cluster["label"].startswith("5 places on the map")
    listing = client.get(f"/map/tiles/20/{tile.x}/{tile.y}/{cluster['cell']}.json").json()
    assert listing["count"] == 5
    assert sorted(item["title"] for item in listing["items"]) == [
        f"Same spot {n}" for n in range(5)
    ]
    assert listing["more"] == 0
    assert listing["heading"] == "5 disputes here"


def test_a_clusters_list_counts_disputes_not_sites_and_says_how_many_more(client, monkeypatch):
    dispute = factories.make_dispute(title="Many gates", lat=10.0, lon=10.0)
    for _n in range(3):
        services.site_create(
            dispute=dispute, city="X", country="NG", latitude=10.0, longitude=10.0, timezone="UTC"
        )
    for n in range(3):
        factories.make_dispute(title=f"Neighbour {n}", lat=10.0, lon=10.0)
    tile = tile_at(10.0, 10.0, 5)
    cell = tile.cell_of(10.0, 10.0)
    [cluster] = _tile(client, tile)["clusters"]
    assert cluster["count"] == 7  # sites: four gates of one dispute, three neighbours
    listing = client.get(f"/map/tiles/5/{tile.x}/{tile.y}/{cell}.json").json()
    assert listing["count"] == 4
    assert len(listing["items"]) == 4
    monkeypatch.setattr(map_tiles, "CLUSTER_LIST_LIMIT", 3)
    cache.clear()
    listing = client.get(f"/map/tiles/5/{tile.x}/{tile.y}/{cell}.json").json()
    assert len(listing["items"]) == 3
    assert listing["more"] == 1
    assert listing["more_label"] == "and 1 more dispute"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?status=ended",
        "?status=active,announced,ended",
        "?kind=lockout",
        "?country=FR",
        "?q=spot",
        "?near=48.85,2.35&radius_km=300",
    ],
)
def test_it_filters_like_the_map_data(client, registry, query):
    features = json.loads(client.get(f"/disputes.geojson{query}").getvalue())["features"]
    data = _tile(client, Tile(0, 0, 0), query)
    assert data["count"] == len(features)
    assert data["count"] > 0


def test_it_filters_by_union(client):
    factories.make_dispute(title="Union one", union="Dockers Union", lat=50.0, lon=1.0)
    factories.make_dispute(title="Other", lat=50.0, lon=1.0)
    assert _tile(client, Tile(0, 0, 0), "?union=dockers-union")["count"] == 1
    assert _tile(client, Tile(0, 0, 0))["count"] == 2


def test_a_bad_filter_is_a_problem_document_and_stores_nothing(client):
    response = client.get("/map/tiles/0/0/0.json?status=nonsense")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "status" in response.json()["errors"]
    assert cache.get("anything") is None


@pytest.mark.parametrize(
    "path",
    [
        "/map/tiles/21/0/0.json",
        "/map/tiles/2/4/0.json",
        "/map/tiles/2/0/4.json",
        "/map/tiles/0/0/0/64.json",
        "/map/tiles/-1/0/0.json",
    ],
)
def test_it_answers_404_for_a_tile_or_cell_that_does_not_exist(client, path):
    assert client.get(path).status_code == 404


def test_it_sends_an_etag_and_answers_304_with_only_the_version_query(
    client, registry, django_assert_num_queries
):
    url = "/map/tiles/3/4/2.json"
    response = client.get(url)
    etag = response["ETag"]
    assert etag.startswith('W/"')
    assert "public" in response["Cache-Control"]
    cache.clear()
    with django_assert_num_queries(1):
        again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    # A change to the registry makes a new version at once, so the old ETag no longer matches.
    factories.make_dispute(title="New one", lat=50.0, lon=5.0)
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200


def test_the_tiles_read_the_registry_version_without_counting_the_registry(client, registry):
    _tile(client, Tile(3, 4, 2))
    with CaptureQueriesContext(connection) as queries:
        _tile(client, Tile(3, 4, 3))
    sql = [q["sql"] for q in queries]
    # One read of the version row; the only count is the tile's own, over its box.
    assert len([q for q in sql if "core_dataversion" in q]) == 1
    assert len([q for q in sql if "COUNT(" in q]) == 1


def test_it_serves_tiles_gzipped(client, registry):
    response = client.get("/map/tiles/0/0/0.json", headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"


def test_a_cold_tile_costs_four_queries_whatever_the_registry_holds(
    client, registry, django_assert_num_queries
):
    # The version, the cells, the single sites' popups, their employers.
    with django_assert_num_queries(4):
        data = _tile(client, Tile(2, 2, 1))
    assert data["sites"] and data["clusters"]
    for n in range(20):
        factories.make_dispute(title=f"More {n}", lat=45.0 + n / 10, lon=2.0, employer=f"E{n}")
    cache.clear()
    with django_assert_num_queries(4):
        _tile(client, Tile(2, 2, 1))
    # Cached: only the version's row is read.
    with django_assert_num_queries(1):
        _tile(client, Tile(2, 2, 1))


def test_a_tile_with_only_clusters_costs_two_queries(client, django_assert_num_queries):
    for n in range(3):
        factories.make_dispute(title=f"Here {n}", lat=10.0, lon=10.0)
    with django_assert_num_queries(2):
        data = _tile(client, Tile(0, 0, 0))
    assert [cluster["count"] for cluster in data["clusters"]] == [3]


def test_it_labels_clusters_in_the_readers_language(client):
    for n in range(3):
        factories.make_dispute(title=f"Here {n}", lat=10.0, lon=10.0)
    english = _tile(client, Tile(0, 0, 0))["clusters"][0]["label"]
    spanish = client.get("/map/tiles/0/0/0.json", headers={"Accept-Language": "es"}).json()
    assert english.startswith("3 places")
    assert spanish["clusters"][0]["label"].startswith("3")


def test_the_map_page_asks_for_tiles_with_its_filters(client):
    html = client.get("/?kind=lockout").content.decode()
    assert 'data-tiles-url="/map/tiles/{z}/{x}/{y}.json?kind=lockout"' in html
    assert 'data-cluster-url="/map/tiles/{z}/{x}/{y}/{cell}.json?kind=lockout"' in html
    assert 'data-fit="1"' in html
    assert 'data-fit="1"' not in client.get("/").content.decode()


def test_the_edges_of_the_world_belong_to_the_outermost_tiles():
    assert Tile(0, 0, 0).contains(MAX_LATITUDE, 180.0)
    assert Tile(0, 0, 0).contains(-MAX_LATITUDE, -180.0)
    assert not Tile(0, 0, 0).contains(MAX_LATITUDE + 0.01, 0)
    # On a border, a point belongs to the tile to its north and east.
    assert Tile(1, 1, 0).contains(0.0, 0.0)
    assert not Tile(1, 1, 1).contains(0.0, 0.0)
    assert not Tile(1, 0, 0).contains(0.0, 0.0)
    assert Tile(1, 0, 1).cell_of(-MAX_LATITUDE + 1e-9, -1e-9) == GRID * GRID - 1
