import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from picketline.places.services import gazetteer_load
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


def _result_titles(page):
    return page.locator(".result__title").all_inner_texts()


def _nearest_titles(page):
    return page.locator(".map-nearest__item > a").all_inner_texts()


def _map_center(page):
    return page.evaluate(
        "() => { const c = window.picketlineMap.disputeMap.getCenter(); return [c.lat, c.lng]; }"
    )


def test_a_place_typed_on_the_map_moves_the_map_and_lists_the_nearest(open_page, strike_wave):
    tab = open_page(viewport=PHONE)
    tab.goto("/")
    page = tab.page
    page.wait_for_selector("#dispute-map[data-loaded='5']")
    before = _map_center(page)
    page.fill("#place-search-input", "51.51,-0.13")
    page.click(".place-search button[type=submit]")
    expect(page.locator(".map-nearest__item").first).to_contain_text("Riverside warehouse walkout")
    assert urlsplit(page.url).path == "/"  # still on the map
    titles = _nearest_titles(page)
    assert titles[0] == "Riverside warehouse walkout"
    assert "Leeds bin workers' strike" not in titles  # farther than the 100 km radius
    # The browser says en-GB, so distances are in miles.
    assert " mi" in page.locator(".map-nearest__item .badge--distance").first.inner_text()
    lat, lon = _map_center(page)
    assert (lat, lon) != before
    assert abs(lat - 51.51) < 0.5 and abs(lon + 0.13) < 0.5, (lat, lon)
    tab.screenshot("map-nearest-phone")

    # The whole list around the same place is one link away.
    with page.expect_navigation():
        page.click(".map-nearest__all")
    assert "near=51.51" in page.url and "sort=distance" in page.url
    assert _result_titles(page)[0] == "Riverside warehouse walkout"
    assert tab.errors == []


def test_without_script_the_place_search_goes_to_the_list(open_page, strike_wave):
    tab = open_page(viewport=PHONE, javascript=False)
    tab.goto("/")
    page = tab.page
    page.fill("#place-search-input", "51.51,-0.13")
    with page.expect_navigation():
        page.click(".place-search button[type=submit]")
    assert urlsplit(page.url).path == "/disputes/"
    assert _result_titles(page)[0] == "Riverside warehouse walkout"


def test_it_widens_the_radius_to_reach_farther_disputes(open_page, strike_wave):
    tab = open_page(viewport=DESKTOP)
    tab.goto("/disputes/?near=53.80,-1.55&radius_km=500&sort=distance")
    titles = _result_titles(tab.page)
    assert titles[:2] == ["Leeds bin workers' strike", "Bradford hospital porters"]
    assert titles.index("Manchester tram drivers") < titles.index("Riverside warehouse walkout")
    tab.screenshot("list-near-desktop")


def test_it_goes_to_the_nearest_disputes_from_near_me(open_page, strike_wave):
    tab = open_page(viewport=PHONE, geolocation={"latitude": 53.79, "longitude": -1.55})
    tab.goto("/")
    page = tab.page
    page.click("[data-near-me]")
    page.wait_for_url("**/disputes/?near=*")
    assert _result_titles(page)[0] == "Leeds bin workers' strike"
    assert "your location" in page.locator(".place-summary").inner_text()


def test_it_shows_filter_errors_without_leaving_the_list(open_page, strike_wave):
    tab = open_page(viewport=DESKTOP)
    tab.goto("/disputes/")
    page = tab.page
    page.fill("#f-date_from", "2026-03-10")
    page.fill("#f-date_to", "2026-03-01")
    page.click(".filters__form button[type=submit]")
    summary = page.locator("#filter-errors")
    summary.wait_for()
    assert "before its start" in summary.inner_text()
    tab.screenshot("list-errors-desktop")
    assert tab.errors == []


def test_it_finds_the_disputes_near_a_named_place(open_page, strike_wave, request):
    try:
        request.getfixturevalue("gazetteer")
    except pytest.FixtureLookupError:
        # Towns of 100,000 people or more: Leeds is there, and it loads in seconds.
        gazetteer_load(min_population=100_000)
    tab = open_page(viewport=PHONE)
    tab.goto("/")
    page = tab.page
    page.fill("#place-search-input", "Leeds")
    page.click(".place-search button[type=submit]")
    expect(page.locator(".map-nearest__title")).to_contain_text("Leeds, England, United Kingdom")
    assert _nearest_titles(page)[:2] == ["Leeds bin workers' strike", "Bradford hospital porters"]
    lat, lon = _map_center(page)
    assert abs(lat - 53.8) < 0.5 and abs(lon + 1.55) < 0.5, (lat, lon)
    tab.screenshot("map-nearest-leeds-phone")
    assert tab.errors == []


def test_it_suggests_places_while_typing(open_page, strike_wave):
    gazetteer_load(min_population=100_000)
    tab = open_page(viewport=DESKTOP)
    tab.goto("/")
    page = tab.page
    page.locator("#place-search-input").press_sequentially("Manch", delay=50)
    options = page.locator("#place-search-suggestions option")
    expect(options.first).to_have_attribute("value", re.compile(r"^Manchester, "))
    label = options.first.get_attribute("value")
    page.fill("#place-search-input", label)
    page.click(".place-search button[type=submit]")
    expect(page.locator(".map-nearest__title")).to_contain_text("Manchester, England")
    assert _nearest_titles(page)[0] == "Manchester tram drivers"
    # The suggestion was sent as its coordinates; the box shows its name again.
    assert page.input_value("#place-search-input") == label
    assert re.search(r"near=53\.4\d*%2C-2\.2", page.get_attribute(".map-nearest__all", "href"))
