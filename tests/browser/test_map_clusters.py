"""The clustered map on a phone: clusters drawn from tiles, zooming into one, listing another."""

import pytest

from tests import factories
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

SAME_SPOT = (48.8566, 2.3522)


@pytest.fixture
def crowded(strike_wave):
    """The strike wave, and six disputes whose sites share one spot in Paris."""
    for n in range(6):
        factories.make_dispute(
            title=f"Grève numéro {n}",
            lat=SAME_SPOT[0],
            lon=SAME_SPOT[1],
            city="Paris",
            country="FR",
        )
    return strike_wave


def _zoom(page) -> int:
    return page.evaluate("() => window.picketlineMap.disputeMap.getZoom()")


def _wait_for_zoom_above(page, zoom: int) -> None:
    """Wait until the map has zoomed in past `zoom` and drawn every tile of the new view.

    The zoom is polled from outside the page: the CSP (rightly) forbids the eval in-page
    waits use. The tiles for the new zoom are asked for before the zoom changes, so once it
    has, `data-state` stays "loading" until they are all drawn.
    """
    for _poll in range(100):
        if _zoom(page) > zoom:
            page.wait_for_selector("#dispute-map[data-state='ready']")
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"the map stayed at zoom {zoom}")


def test_it_shows_clusters_that_expand_on_zoom_and_list_their_disputes(open_page, crowded):
    tab = open_page(viewport=PHONE)
    tab.goto("/")
    page = tab.page
    page.wait_for_selector("#dispute-map[data-loaded='11']")
    clusters = page.locator(".map-cluster")
    assert clusters.count() >= 2
    # Each cluster is a button with a label in the reader's language.
    paris = page.locator(".map-cluster[data-count='6']")
    assert paris.get_attribute("role") == "button"
    assert paris.get_attribute("tabindex") == "0"
    assert paris.get_attribute("aria-label").startswith("6 places on the map")
    tab.screenshot("map-clusters-phone")

    # The three disputes in the north of England are one cluster at the world's zoom;
    # choosing it zooms in until they come apart into markers with their own popups.
    north = page.locator(".map-cluster[data-count='3']")
    start = _zoom(page)
    north.focus()
    page.keyboard.press("Enter")
    _wait_for_zoom_above(page, start)
    # Then by tapping, until Leeds stands alone.
    leeds = page.locator('.leaflet-marker-icon[title="Leeds bin workers\' strike"]')
    for _attempt in range(12):
        if leeds.count():
            break
        zoom = _zoom(page)
        page.locator(".map-cluster:not([data-count='6'])").first.click()
        _wait_for_zoom_above(page, zoom)
    leeds.wait_for()
    leeds.click()
    assert "Leeds City Council" in page.locator(".map-popup").inner_text()

    # Six disputes at one spot never come apart: their cluster lists them instead.
    tab.goto("/")
    page.wait_for_selector("#dispute-map[data-loaded='11']")
    page.evaluate(
        f"() => window.picketlineMap.disputeMap.setView([{SAME_SPOT[0]}, {SAME_SPOT[1]}], 15)"
    )
    paris = page.locator(".map-cluster[data-count='6']")
    paris.wait_for()
    paris.click()
    listing = page.locator(".map-cluster-list")
    listing.wait_for()
    assert "6 disputes here" in listing.inner_text()
    titles = listing.locator("li a").all_inner_texts()
    assert sorted(titles) == [f"Grève numéro {n}" for n in range(6)]
    tab.screenshot("map-cluster-list-phone")
    href = listing.locator("li a").first.get_attribute("href")
    listing.locator("li a").first.click()
    page.wait_for_url(f"**{href}")
    assert tab.errors == []
