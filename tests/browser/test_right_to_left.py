import pytest

from tests.browser.conftest import DESKTOP, PHONE, wait_for_map

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_it_lays_the_arabic_page_out_right_to_left(open_page, strike_wave, viewport):
    tab = open_page(viewport=viewport, locale="ar")
    tab.goto("/")
    page = tab.page
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    # The site name starts the header, so in Arabic it sits at the right-hand edge.
    name = page.locator(".site-name").bounding_box()
    assert name["x"] + name["width"] > viewport["width"] * 0.6
    first_link = page.locator(".site-nav li").first.bounding_box()
    assert first_link["x"] + first_link["width"] > viewport["width"] * 0.5
    wait_for_map(page)
    assert page.locator(".leaflet-marker-icon").count() > 0
    tab.screenshot(f"map-rtl-{'phone' if viewport is PHONE else 'desktop'}")
    tab.goto("/disputes/")
    tab.screenshot(f"list-rtl-{'phone' if viewport is PHONE else 'desktop'}")
    assert tab.errors == []


def test_it_switches_language_from_the_menu_and_remembers_it(open_page, strike_wave):
    tab = open_page(viewport=PHONE)
    tab.goto("/disputes/")
    page = tab.page
    page.select_option("#language-select", "ar")
    page.click(".language-switcher button")
    page.wait_for_load_state()
    assert page.url.endswith("/disputes/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    tab.goto("/")
    assert page.locator("html").get_attribute("lang") == "ar"
