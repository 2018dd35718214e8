"""The map page's side list after a place search: the nearest disputes first, where the map
should go, and a link to the whole list; the form itself still goes to the list."""

import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

URL = "/map/nearest/"


@pytest.fixture
def disputes():
    return {
        "leeds": factories.make_dispute(title="Leeds bins", lat=53.7997, lon=-1.5492),
        "bradford": factories.make_dispute(title="Bradford porters", lat=53.795, lon=-1.7594),
        "ended": factories.make_dispute(
            title="Ended in Leeds", lat=53.80, lon=-1.55, status="ended"
        ),
        "london": factories.make_dispute(title="London warehouse", lat=51.5072, lon=-0.1276),
    }


def _titles(html: str) -> list[str]:
    return re.findall(r'<a href="/disputes/[^"]+/" dir="auto">([^<]+)</a>', html)


def test_it_lists_the_nearest_disputes_on_the_map_first(client, disputes):
    response = client.get(URL, {"near": "53.80,-1.55", "near_label": "Leeds", "sort": "distance"})
    assert response.status_code == 200
    html = response.text
    assert _titles(html) == ["Leeds bins", "Bradford porters"]
    assert 'data-lat="53.800000" data-lon="-1.550000"' in html
    assert "Nearest to <bdi>Leeds</bdi>" in html


def test_it_says_where_each_dispute_is(client):
    factories.make_dispute(title="Docks", city="Hull", lat=53.74, lon=-0.33)
    html = client.get(URL, {"near": "53.74,-0.33"}).text
    assert _titles(html) == ["Docks"]
    assert '<span class="hint"><bdi>Hull</bdi>, <bdi>United Kingdom</bdi></span>' in html


def test_it_keeps_to_what_the_map_shows(client, disputes):
    html = client.get(URL, {"near": "53.80,-1.55"}).text
    assert "Ended in Leeds" not in html  # the map shows announced and active disputes
    html = client.get(URL, {"near": "53.80,-1.55", "status": "ended"}).text
    assert _titles(html) == ["Ended in Leeds"]


def test_it_links_to_the_whole_list_around_the_same_place(client, disputes):
    html = client.get(URL, {"near": "53.80,-1.55", "near_label": "Leeds"}).text
    link = re.search(r'class="map-nearest__all" href="([^"]+)"', html)[1]
    assert link.startswith("/disputes/?")
    assert "near=53.80%2C-1.55" in link and "sort=distance" in link


def test_it_says_so_when_nothing_is_near(client, disputes):
    html = client.get(URL, {"near": "40.0,-100.0"}).text
    assert _titles(html) == []
    assert "No disputes within this distance" in html


def test_it_answers_an_unknown_place_with_the_reason(client, disputes, gazetteer):
    response = client.get(URL, {"near": "Nowhereville Upon Nothing"})
    assert response.status_code == 400
    assert "No place called" in response.text


def test_it_asks_for_a_place(client, disputes):
    response = client.get(URL)
    assert response.status_code == 400
    assert "Type a place" in response.text


def test_without_script_the_search_box_still_goes_to_the_list(client):
    html = client.get("/").text
    assert re.search(
        r'<form class="place-search" role="search" method="get" action="/disputes/"', html
    )
    assert 'id="map-nearest"' in html and "hidden" in html
