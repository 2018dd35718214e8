"""A campaign's page on a phone, in English and right to left in Arabic: the page itself never
scrolls sideways; the matrix does, inside its own region, with the workplace column staying in
view; the map shows the campaign's disputes; no script error or refused content."""

import pytest

from picketline.campaigns import services
from tests.browser.conftest import PHONE
from tests.campaigns.helpers import add_demand, adopt, dispute_in, join, make_campaign

pytestmark = pytest.mark.browser


def _campaign():
    campaign = make_campaign(title="Aurora car workers across borders", sectors=["manufacturing"])
    disputes = [
        dispute_in(country, title=f"Aurora {country} plant strike")
        for country in ("DE", "ES", "BR", "FR")
    ]
    join(campaign, *disputes)
    demands = [
        add_demand(
            campaign,
            f"Common demand number {n}: a living wage for agency and contract workers too",
            position=n,
            translations={"ar": f"المطلب المشترك رقم {n}: أجر يكفي للعيش"},
        )
        for n in range(1, 7)
    ]
    statuses = ["raised", "won", "partly_won", "lost"]
    for i, dispute in enumerate(disputes):
        for j, demand in enumerate(demands):
            if (i + j) % 5:
                adopt(campaign, dispute, demand, statuses[(i + j) % 4])
            else:
                services.demand_adoption_set(
                    campaign=campaign, dispute=dispute, demand=demand, by=None, adopted=False
                )
    return campaign


@pytest.mark.parametrize("locale", ["en-GB", "ar"])
def test_the_matrix_scrolls_inside_its_region_with_the_workplaces_in_view(
    open_page, transactional_db, locale
):
    campaign = _campaign()
    rtl = locale == "ar"
    tab = open_page(viewport=PHONE, locale=locale)
    if rtl:
        tab.context.add_cookies([{"name": "picketline_language", "value": "ar", "url": tab.base}])
    response = tab.goto(campaign.get_absolute_url())
    assert response.status == 200
    page = tab.page
    assert page.locator("html").get_attribute("dir") == ("rtl" if rtl else "ltr")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide"
    region = page.locator(".campaign-matrix")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "the matrix fits: no test"

    first_cell = page.locator(".campaign-matrix__table tbody th").first
    before = first_cell.bounding_box()
    # Scroll the matrix to its far end (leftwards in a right-to-left page).
    scrolled = region.evaluate(
        "el => { el.scrollLeft = getComputedStyle(el).direction === 'rtl'"
        " ? -el.scrollWidth : el.scrollWidth; return el.scrollLeft; }"
    )
    assert scrolled != 0
    after = first_cell.bounding_box()
    assert abs(after["x"] - before["x"]) < 2, (before, after)
    last_header = page.locator(".campaign-matrix__table thead th").last
    assert last_header.is_visible()

    # The map drew a marker for each dispute.
    page.wait_for_function("document.getElementById('campaign-map').dataset.loaded === '4'")
    tab.screenshot(f"campaign-{'ar' if rtl else 'en'}-phone", full_page=True)
    assert tab.errors == []
