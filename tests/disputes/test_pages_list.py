import re

import pytest
from django.test import RequestFactory

from picketline.core.formats import distance_unit_for
from picketline.disputes import services
from picketline.places import selectors as place_selectors
from picketline.places.selectors import PlaceCandidate, PlaceResolution
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/disputes/"


def _titles(response) -> list[str]:
    return _titles_html(response.text)


def _titles_html(html: str) -> list[str]:
    return re.findall(r'class="result__title"><a [^>]*>([^<]+)</a>', html)


def test_it_lists_disputes_with_what_people_need_to_know(client):
    factories.make_dispute(
        title="Bin workers' strike",
        employer="Leeds City Council",
        union="GMB",
        workers_involved=1200,
        workers_approximate=True,
        city="Leeds",
    )
    response = client.get(URL)
    assert response.status_code == 200
    html = response.text
    assert "Bin workers&#x27; strike" in html
    assert "badge--status-active" in html and ">Active<" in html
    assert ">Strike<" in html
    assert "Leeds City Council" in html
    assert "GMB" in html
    assert "<bdi>Leeds</bdi>, <bdi>United Kingdom</bdi>" in html
    assert "about 1,200" in html
    assert "<time datetime=" in html


def test_near_a_place_it_names_every_employer_union_and_town_of_a_result(client):
    dispute = factories.make_dispute(
        title="Bus drivers", employer="First Bus", union="Unite", city="Leeds"
    )
    dispute.employers.add(factories.make_organisation(name="Arriva", kind="employer"))
    dispute.unions.add(factories.make_organisation(name="GMB"))
    services.site_create(
        dispute=dispute, city="Dublin", country="IE", latitude=53.35, longitude=-6.26
    )
    html = client.get(URL, {"near": "53.8,-1.55", "radius_km": "50"}).text
    assert _titles_html(html) == ["Bus drivers"]
    assert "<bdi>Arriva</bdi>, <bdi>First Bus</bdi>" in html
    assert "<bdi>GMB</bdi>, <bdi>Unite</bdi>" in html
    # Every site's town and country, not only those near the place.
    assert (
        "<bdi>Leeds</bdi>, <bdi>Dublin</bdi>, <bdi>United Kingdom</bdi>, <bdi>Ireland</bdi>" in html
    )


def test_it_shows_every_status_by_default(client):
    factories.make_dispute(title="Still going")
    factories.make_dispute(title="All over", status="ended")
    assert sorted(_titles(client.get(URL))) == ["All over", "Still going"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "ended"}, ["Hospital"]),
        ({"kind": "lockout"}, ["Docks"]),
        ({"employer": "port-authority"}, ["Docks"]),
        ({"union": "Nurses United"}, ["Hospital"]),
        ({"q": "docks"}, ["Docks"]),
        ({"country": "es"}, ["Docks"]),
        ({"sector": "health"}, ["Hospital"]),
        ({"demand": "staffing"}, ["Hospital"]),
    ],
)
def test_it_filters(client, query, expected):
    factories.make_dispute(
        title="Hospital",
        status="ended",
        union="Nurses United",
        sector="health",
        demands=["staffing"],
    )
    factories.make_dispute(
        title="Docks",
        kind="lockout",
        employer="Port Authority",
        country="ES",
        city="Bilbao",
    )
    assert _titles(client.get(URL, query)) == expected


def test_it_offers_the_countries_that_have_disputes(client):
    factories.make_dispute(country="ES", city="Bilbao")
    html = client.get(URL, {"country": "es"}).text
    assert '<option value="ES" selected>Spain</option>' in html


def test_it_keeps_several_countries_in_a_text_box(client):
    factories.make_dispute(country="ES", city="Bilbao")
    factories.make_dispute(country="GB")
    factories.make_dispute(country="FR", city="Lyon")
    response = client.get(URL, {"country": "GB,es"})
    assert len(_titles(response)) == 2
    assert 'name="country" id="f-country" value="GB,ES"' in response.text


def test_it_keeps_the_chosen_filters_in_the_form(client):
    html = client.get(URL, {"kind": "lockout", "q": "docks"}).text
    assert 'value="lockout" checked' in html
    assert 'name="q" id="f-q" value="docks"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"country": "Britain"}, "Use two-letter country codes"),
        ({"date_from": "last week"}, "Enter a valid date."),
        ({"date_from": "2026-03-10", "date_to": "2026-03-01"}, "before its start"),
        ({"sort": "distance"}, "Sorting by distance needs a place"),
        ({"status": "striking"}, "Select a valid choice"),
        ({"radius_km": "-5", "near": "53.8,-1.5"}, "greater than or equal to 0.1"),
        ({"near": "Atlantis under the sea"}, "No place called"),
    ],
)
def test_it_answers_bad_filters_with_400_and_the_reason(client, query, message):
    factories.make_dispute()
    response = client.get(URL, query)
    assert response.status_code == 400
    assert message in response.text
    assert 'id="filter-errors"' in response.text
    assert 'aria-invalid="true"' in response.text or "field--invalid" in response.text
    assert _titles(response) == []


def test_it_pages_by_25_keeping_the_filters(client):
    for n in range(30):
        factories.make_dispute(title=f"Strike {n:02}", kind="strike")
    factories.make_dispute(title="A lockout", kind="lockout")
    first = client.get(URL, {"kind": "strike"})
    assert len(_titles(first)) == 25
    assert "Page 1 of 2" in first.text
    assert 'href="?kind=strike&amp;page=2"' in first.text
    second = client.get(URL, {"kind": "strike", "page": "2"})
    assert len(_titles(second)) == 5
    assert "A lockout" not in second.text
    assert 'href="?kind=strike&amp;page=1"' in second.text


def test_it_shows_the_last_page_for_a_page_past_the_end(client):
    factories.make_dispute(title="Only one")
    response = client.get(URL, {"page": "99"})
    assert response.status_code == 200
    assert _titles(response) == ["Only one"]


def test_it_sorts_by_distance_and_shows_it(client):
    factories.make_dispute(title="Leeds", lat=53.7997, lon=-1.5492)
    factories.make_dispute(title="Bradford", lat=53.7950, lon=-1.7594)
    factories.make_dispute(title="Madrid", lat=40.4168, lon=-3.7038, country="ES")
    response = client.get(URL, {"near": "53.79,-1.75"})
    assert _titles(response) == ["Bradford", "Leeds"]
    assert "km away" in response.text
    assert "Showing results within 100 km" in response.text


def test_it_names_the_place_chosen_in_the_search_box(client):
    factories.make_dispute(title="Leeds")
    response = client.get(URL, {"near": "53.80,-1.55", "near_label": "Leeds, England"})
    assert "<strong><bdi>Leeds, England</bdi></strong>" in response.text


def test_it_offers_the_other_places_with_the_same_name(client, monkeypatch):
    factories.make_dispute(title="Leeds", lat=53.7997, lon=-1.5492)
    alabama = PlaceCandidate(
        geonameid=4067927,
        name="Leeds",
        label="Leeds, Alabama, United States",
        country="US",
        latitude=33.54817,
        longitude=-86.54444,
        population=11773,
    )

    def resolve(*, text):
        return PlaceResolution(
            text=text,
            point=(53.79648, -1.54785),
            label="Leeds, England, United Kingdom",
            alternatives=[alabama],
        )

    monkeypatch.setattr(place_selectors, "place_resolve", resolve)
    monkeypatch.setattr("picketline.places.near.place_resolve", resolve)
    response = client.get(URL, {"near": "Leeds"})
    assert response.status_code == 200
    assert "<strong><bdi>Leeds, England, United Kingdom</bdi></strong>" in response.text
    assert "did you mean:" in response.text
    assert "near=33.54817%2C-86.54444" in response.text
    assert "><bdi>Leeds, Alabama, United States</bdi></a>" in response.text
    assert _titles(response) == ["Leeds"]


def test_it_links_to_the_filtered_list_in_every_format(client):
    factories.make_dispute()
    html = client.get(URL, {"kind": "strike", "page": "1"}).text
    # No status chosen: the feeds' own default (announced and active), said beside the links.
    for path in ("/disputes.geojson", "/disputes.ics", "/disputes.csv", "/disputes.atom"):
        assert f'href="{path}?kind=strike"' in html


def test_its_downloads_keep_the_chosen_statuses(client):
    factories.make_dispute(status="ended")
    html = client.get(URL, {"status": "ended"}).text
    assert 'href="/disputes.geojson?status=ended"' in html


def test_it_keeps_its_query_count_flat(client, django_assert_max_num_queries):
    for n in range(30):
        factories.make_dispute(employer=f"Employer {n}", union=f"Union {n}", demands=["pay"])
    with django_assert_max_num_queries(9):
        response = client.get(URL, {"near": "53.8,-1.5", "radius_km": "50"})
    assert len(_titles(response)) == 25


# --- kilometres or miles -------------------------------------------------------------------


def _request(accept_language="", language="en"):
    request = RequestFactory().get(URL, headers={"accept-language": accept_language})
    request.LANGUAGE_CODE = language
    return request


@pytest.mark.parametrize(
    ("accept_language", "language", "unit"),
    [
        ("en-US,en;q=0.9", "en", "mi"),
        ("en-GB", "en", "mi"),
        ("en-LR", "en", "mi"),
        ("en-MM", "en", "mi"),
        ("en-IE,en-US;q=0.5", "en", "km"),  # the first English tag decides
        ("en", "en", "km"),
        ("", "en", "km"),
        ("en-US", "es", "km"),
        ("ar,en-US;q=0.5", "ar", "km"),
        ("", "en-us", "mi"),
    ],
)
def test_it_picks_the_distance_unit_from_the_language_and_region(accept_language, language, unit):
    assert distance_unit_for(_request(accept_language, language)) == unit


def test_it_shows_distances_in_miles_to_american_readers(client):
    factories.make_dispute(title="Leeds", lat=53.7997, lon=-1.5492)
    html = client.get(URL, {"near": "53.7,-1.5"}, headers={"accept-language": "en-US"}).text
    assert re.search(r"\d+(\.\d)? mi away", html)
    assert "(62 mi)" in html


def test_the_counts_of_the_list_and_the_map_follow_the_registry_at_once(client):
    from picketline.disputes.models import Dispute

    factories.make_dispute(title="First strike", status="active")
    factories.make_dispute(title="Second strike", status="active")
    assert "2 disputes" in client.get("/disputes/?status=active").content.decode()
    assert "2 disputes on the map" in client.get("/").content.decode()
    factories.make_dispute(title="Third strike", status="active")
    assert "3 disputes" in client.get("/disputes/?status=active").content.decode()
    assert "3 disputes on the map" in client.get("/").content.decode()
    Dispute.objects.filter(title="First strike").update(status="ended")
    assert "2 disputes" in client.get("/disputes/?status=active&page=1").content.decode()
    assert "2 disputes on the map" in client.get("/").content.decode()
