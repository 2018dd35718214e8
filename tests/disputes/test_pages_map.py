import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

URL = "/"


def test_it_is_the_home_page():
    assert reverse("disputes:map") == URL


def test_it_counts_the_disputes_people_can_still_support(client):
    factories.make_dispute(title="Active one")
    factories.make_dispute(title="Announced one", status="announced")
    factories.make_dispute(title="Over", status="ended")
    response = client.get(URL)
    assert response.status_code == 200
    assert "2 disputes on the map" in response.text


def test_it_says_one_dispute_in_the_singular(client):
    factories.make_dispute()
    assert "1 dispute on the map" in client.get(URL).text


def test_it_ticks_announced_and_active_when_no_status_is_chosen(client):
    html = client.get(URL).text
    assert re.search(r'value="active" checked', html)
    assert re.search(r'value="announced" checked', html)
    assert not re.search(r'value="ended" checked', html)


def test_it_asks_the_feed_for_the_same_filters(client):
    factories.make_dispute(kind="strike")
    factories.make_dispute(kind="lockout")
    response = client.get(URL, {"kind": "lockout", "sector": "transport"})
    assert "0 disputes on the map" in response.text
    assert 'data-geojson-url="/disputes.geojson?kind=lockout&amp;sector=transport"' in response.text


def test_it_links_to_the_list_for_browsers_without_javascript(client):
    html = client.get(URL, {"kind": "strike"}).text
    noscript = html[html.index("<noscript>") : html.index("</noscript>")]
    assert 'href="/disputes/?kind=strike"' in noscript


def test_it_gives_the_map_the_configured_tiles(client, settings):
    settings.TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.TILE_ATTRIBUTION = "Tiles © Example"
    html = client.get(URL).text
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-tile-attribution="Tiles © Example"' in html


def test_it_has_a_place_search_that_lists_disputes_by_distance(client):
    html = client.get(URL).text
    form = html[html.index('<form class="place-search"') :]
    form = form[: form.index("</form>")]
    assert 'action="/disputes/"' in form
    assert 'name="near"' in form
    assert 'name="sort" value="distance"' in form


def test_it_answers_a_bad_filter_with_400_and_says_what_is_wrong(client):
    response = client.get(URL, {"country": "Britain"})
    assert response.status_code == 400
    assert "Use two-letter country codes" in response.text
    assert "0 disputes on the map" in response.text


def test_it_keeps_its_query_count_flat(client, django_assert_max_num_queries):
    for n in range(20):
        factories.make_dispute(employer=f"Employer {n}", union="Same union")
    with django_assert_max_num_queries(6):
        client.get(URL)


def test_it_stays_within_its_200_kb_compressed_budget(client):
    for _ in range(5):
        factories.make_dispute()
    html = client.get(URL).content
    total = len(gzip.compress(html))
    assets = re.findall(rb'(?:src|href)="/static/([^"]+\.(?:js|css))"', html)
    assert len(assets) >= 6  # Leaflet, the cluster plugin and our own files are all counted
    for asset in assets:
        total += len(gzip.compress(Path(finders.find(asset.decode())).read_bytes()))
    assert total < 200 * 1024
