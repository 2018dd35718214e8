import pytest
from django.utils import timezone

from picketline.solidarity.delegations.services import delegation_add
from tests import factories
from tests.browser.conftest import DESKTOP

pytestmark = pytest.mark.browser


def test_it_draws_lines_to_a_chosen_disputes_connections(open_page, transactional_db):
    leeds = factories.make_dispute(title="Leeds depot strike", lat=53.7997, lon=-1.5492)
    madrid = factories.make_dispute(
        title="Madrid cleaners", lat=40.4168, lon=-3.7038, city="Madrid", country="ES"
    )
    factories.make_dispute(title="Unconnected", lat=48.8566, lon=2.3522, city="Paris")
    delegation_add(
        dispute=leeds,
        user=None,
        kind="online",
        date=timezone.localdate(),
        group_name="Madrid strike committee",
        from_dispute=madrid,
    )
    tab = open_page(viewport=DESKTOP)
    tab.goto("/?q=leeds")
    page = tab.page
    page.wait_for_selector("#dispute-map[data-loaded='1']")
    page.locator(".leaflet-marker-icon").first.click()
    page.wait_for_selector("#dispute-map[data-connections='1']")
    assert page.locator("path.connection-line").count() == 1
    tab.screenshot("map-connections-desktop")
    page.locator(".leaflet-popup-close-button").click()
    page.wait_for_selector("path.connection-line", state="detached")
    assert tab.errors == []
