import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


def test_it_filters_in_place_and_keeps_the_address_shareable(open_page, strike_wave):
    tab = open_page(viewport=PHONE)
    tab.goto("/disputes/")
    page = tab.page
    # A mark on the window survives only if htmx swapped the list instead of reloading the page.
    page.evaluate("window.notReloaded = true")
    page.click(".filters > summary")
    page.check("input[name=kind][value=walkout]")
    tab.screenshot("list-filters-phone")
    page.click(".filters__form button[type=submit]")
    page.wait_for_url("**/disputes/?kind=walkout")  # empty filters stay out of the address
    expect(page.locator(".result")).to_have_count(1)
    assert page.evaluate("window.notReloaded") is True
    assert page.locator(".result__title").inner_text() == "Riverside warehouse walkout"
    assert tab.errors == []


def test_it_pages_through_a_long_list(open_page, strike_wave):
    for n in range(26):
        factories.make_dispute(title=f"Strike at depot {n:02}", lat=52.0, lon=-1.0 + n / 100)
    tab = open_page(viewport=DESKTOP)
    tab.goto("/disputes/?q=depot")
    page = tab.page
    assert page.locator(".result").count() == 25
    page.click("a[rel=next]")
    page.wait_for_url("**/disputes/?q=depot&page=2")
    expect(page.locator(".result")).to_have_count(1)
    assert "Page 2 of 2" in page.locator(".pagination").inner_text()
    tab.screenshot("list-page-2-desktop")
    page.go_back()
    expect(page.locator(".result")).to_have_count(25)
    assert tab.errors == []
