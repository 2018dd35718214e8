import pytest

from tests import factories
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_it_shows_a_picket_shift_in_its_own_time_zone(open_page, strike_wave, viewport):
    # The browser is in Tokyo; the picket is in London and says so.
    tab = open_page(viewport=viewport, timezone_id="Asia/Tokyo")
    tab.goto(strike_wave["london"].get_absolute_url())
    shift = tab.page.locator(".shift").first
    text = shift.inner_text()
    tuesday = strike_wave["tuesday"]
    assert f"Tue {tuesday.day} {tuesday:%b}, 06:00\u201309:00" in text
    assert "(Europe/London, GMT)" in text or "(Europe/London, BST)" in text
    tab.page.wait_for_selector("#site-map .leaflet-marker-icon")
    tab.screenshot(f"dispute-{'phone' if viewport is PHONE else 'desktop'}", full_page=True)
    assert tab.errors == []


def test_it_draws_a_sensitive_dispute_as_an_area_not_a_pin(open_page, transactional_db):
    dispute = factories.make_dispute(title="Quiet walkout", sensitive=True, city="Leeds")
    tab = open_page(viewport=PHONE)
    tab.goto(dispute.get_absolute_url())
    page = tab.page
    page.wait_for_selector("#site-map path.leaflet-interactive")
    assert page.locator("#site-map .leaflet-marker-icon").count() == 0
    assert dispute.sites.get().name not in page.content()
    assert "approximate" in page.locator(".notice").inner_text()
    tab.screenshot("dispute-sensitive-phone", full_page=True)
    assert tab.errors == []
