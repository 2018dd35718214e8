"""Long menus of names (the events' organisers, countries, disputes) can be searched by typing,
and still send the slug the addresses document."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests import factories
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

TOWNS = ["Leeds", "York", "Hull", "Bradford", "Sheffield", "Wakefield", "Halifax", "Huddersfield"]


def test_typing_narrows_the_organisers_and_chooses_the_one_left(open_page, transactional_db):
    for town in TOWNS:
        union = factories.make_organisation(name=f"{town} Trades Council", kind="other")
        factories.make_event(organiser=factories.make_user(), organisation=union)
    tab = open_page(viewport=PHONE)
    tab.goto("/events/")
    page = tab.page
    page.click("details.filters summary")
    search = page.locator("#f-organiser-search")
    search.fill("trades")
    visible = page.locator("#f-organiser option:not([hidden])").all_inner_texts()
    assert len([text for text in visible if "Trades Council" in text]) == len(TOWNS)
    search.fill("hudd")
    visible = page.locator("#f-organiser option:not([hidden])").all_inner_texts()
    assert [text for text in visible if text.strip()] == ["Any", "Huddersfield Trades Council"]
    slug = page.locator("#f-organiser").input_value()
    assert slug.startswith("huddersfield")
    with page.expect_navigation():
        page.locator(
            "form.filters button[type=submit], main form button[type=submit]"
        ).first.click()
    assert parse_qs(urlsplit(page.url).query)["organiser"] == [slug]
    titles = page.locator(".result__title, .event-row__title").all_inner_texts()
    assert titles, page.url
    tab.screenshot("events-organiser-search-phone")
    assert tab.errors == []
