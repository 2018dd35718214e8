"""On a phone: from an organisation's page, find the chapter nearest to where you are, and go
to it; the page and the map fit, with no script error and nothing refused by the CSP."""

import pytest
from playwright.sync_api import expect

from picketline.organisations.models import Organisation
from tests import factories
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser


def test_a_supporter_finds_the_nearest_chapter_on_a_phone(open_page, transactional_db):
    network = factories.make_organisation(
        name="Care Workers Network", kind=Organisation.Kind.NETWORK
    )
    for name, lat, lon in [
        ("Manchester", 53.4808, -2.2426),
        ("Leeds", 53.7965, -1.5478),
        ("Bradford", 53.795, -1.7594),
        ("Madrid", 40.4168, -3.7038),
    ]:
        factories.make_chapter(network, name=name, lat=lat, lon=lon)

    tab = open_page(viewport=PHONE)
    page = tab.page
    assert tab.goto(network.get_absolute_url()).status == 200
    expect(page.locator("#chapters-map")).to_have_attribute("data-loaded", "4")
    page.get_by_label("Your town, or coordinates").fill("53.80,-1.55")
    page.get_by_role("button", name="Find the nearest chapter").click()

    rows = page.locator(".chapter-row .result__title")
    expect(rows).to_have_text(["Leeds", "Bradford", "Manchester"])
    expect(page.locator(".chapter-row").first).to_contain_text("0.2 mi away")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    tab.screenshot("nearest-chapter-phone", full_page=True)

    rows.first.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("Leeds")
    expect(page.locator("#chapter-map")).to_have_attribute("data-loaded", "1")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert tab.errors == []
