import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

PAGES = {
    "map": "/",
    "list": "/disputes/",
    # Date fields are wide by nature; with errors shown they once pushed past a phone screen.
    "list-with-errors": "/disputes/?date_from=2026-01-01&date_to=yesterday&radius_km=-5",
    "dispute": None,  # filled in from the data
    "open-data": "/data/",
    "login": "/accounts/login/",
    "not-found": "/no/such/page/",
}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("locale", ["en-GB", "ar"])
def test_it_never_scrolls_sideways(open_page, strike_wave, viewport, locale):
    tab = open_page(viewport=viewport, locale=locale)
    for name, path in PAGES.items():
        tab.goto(path or strike_wave["london"].get_absolute_url())
        width = tab.page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], name
        if name in {"open-data", "login"}:
            size = "phone" if viewport is PHONE else "desktop"
            tab.screenshot(f"{name}-{locale}-{size}")
    assert tab.errors == []


def test_it_shows_where_the_keyboard_is(open_page, strike_wave):
    tab = open_page(viewport=PHONE)
    tab.goto("/")
    page = tab.page
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.bounding_box()["y"] >= 0  # it comes into view when focused
    outline = skip.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
