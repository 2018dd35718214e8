import pytest

from tests.browser.conftest import DESKTOP, PHONE, wait_for_map

pytestmark = pytest.mark.browser

VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])


def _markers(page):
    wait_for_map(page)
    return page.locator(".leaflet-marker-icon").count()


@VIEWPORTS
def test_it_shows_the_disputes_as_markers(open_page, strike_wave, viewport):
    tab = open_page(viewport=viewport)
    tab.goto("/")
    assert _markers(tab.page) > 0
    assert "disputes on the map" in tab.page.locator("#map-count").inner_text()
    tab.screenshot(f"map-{'phone' if viewport is PHONE else 'desktop'}")
    assert tab.errors == []
    assert any("tile" in url for url in tab.blocked), "tiles are asked of the tile server"


@VIEWPORTS
def test_it_fits_the_map_in_the_viewport(open_page, strike_wave, viewport):
    tab = open_page(viewport=viewport)
    tab.goto("/")
    box = tab.page.locator("#dispute-map").bounding_box()
    assert box["height"] >= 250
    assert box["height"] <= viewport["height"]
    assert box["x"] + box["width"] <= viewport["width"]


def test_it_opens_a_popup_with_the_dispute(open_page, strike_wave):
    tab = open_page(viewport=DESKTOP)
    tab.goto("/?q=riverside")
    page = tab.page
    page.wait_for_selector("#dispute-map[data-loaded='1']")
    page.locator(".leaflet-marker-icon").first.click()
    popup = page.locator(".map-popup")
    popup.wait_for()
    assert "Riverside warehouse walkout" in popup.inner_text()
    assert "Riverside Logistics" in popup.inner_text()
    # The employer, the town and the country each keep their own direction.
    assert popup.locator("bdi").all_inner_texts() == ["Riverside Logistics", "London", "GB"]
    assert popup.locator(".map-popup__title").get_attribute("dir") == "auto"
    tab.screenshot("map-popup-desktop")
    popup.locator("a.map-popup__link").click()
    page.wait_for_url("**/disputes/riverside-warehouse-walkout/")
