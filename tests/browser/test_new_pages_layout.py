"""The pages for reporting, moderating, coordinating and one's account fit a phone, in English
and right to left in Arabic, and run without script errors or refused content."""

import pytest

from picketline.disputes import services
from picketline.disputes.submissions.services import submission_status_path
from picketline.moderation.services import item_merge
from tests import factories
from tests.browser.conftest import PHONE, log_in

pytestmark = pytest.mark.browser

# Long words are what push a narrow page sideways: addresses, links and names without spaces.
LONG_URL = (
    "https://www.example-union-news.org/2026/03/northgate-buses-drivers-walk-out-over-split-"
    "shifts-and-unpaid-breaks-at-the-kirkstall-road-depot?utm_source=share&utm_medium=phone"
)
LONG_EMAIL = "strike.committee.northgate.kirkstall.depot@unite-yorkshire-region.example.org"


def _data():
    moderator = factories.make_moderator(with_device=False)
    secret = factories.make_totp_device(moderator)
    dispute = factories.make_dispute(
        title="Northgate bus drivers' strike at the Kirkstall Road depot",
        employer="Northgate Buses Ltd",
        union="Unite",
        lat=53.7997,
        lon=-1.5492,
        with_shift=True,
    )
    services.source_create(dispute=dispute, url=LONG_URL, kind="union")
    coordinator = factories.make_coordinator(dispute, email=LONG_EMAIL)
    factories.invite(dispute, LONG_EMAIL.replace("strike", "picket"), by=coordinator)
    # A report merged into the dispute, whose reporter agreed to be contacted.
    _merged, merged_item = factories.make_submission(
        employer="Northgate Buses", point=(53.7998, -1.5491), email=LONG_EMAIL
    )
    item_merge(item=merged_item, version=merged_item.version, user=moderator, target_pk=dispute.pk)
    # A report still waiting, with a likely duplicate to show beside it.
    pending, pending_item = factories.make_submission(
        employer="Northgate Buses (Kirkstall)",
        point=(53.7999, -1.5490),
        email=LONG_EMAIL,
        sources=[LONG_URL],
        description="Drivers walked out over split shifts. " * 20,
        picket_address="Kirkstall Road depot, main gate",
    )
    return {
        "moderator": moderator,
        "secret": secret,
        "coordinator": coordinator,
        "dispute": dispute,
        "pending": pending,
        "item": pending_item,
    }


def _check(tab, name, path, *, rtl, screenshot):
    page = tab.page
    response = tab.goto(path)
    assert response.status < 400, (name, response.status)
    assert page.locator("html").get_attribute("dir") == ("rtl" if rtl else "ltr"), name
    # What folded sections hold must fit too.
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide"
    if screenshot:
        tab.screenshot(f"{name}-{'ar' if rtl else 'en'}-phone", full_page=True)


@pytest.mark.parametrize("locale", ["en-GB", "ar"])
def test_it_fits_the_new_pages_on_a_phone(open_page, transactional_db, locale):
    data = _data()
    rtl = locale == "ar"
    dispute = data["dispute"]

    def tab_for():
        tab = open_page(viewport=PHONE, locale=locale)
        if rtl:
            tab.context.add_cookies(
                [{"name": "picketline_language", "value": "ar", "url": tab.base}]
            )
        return tab

    anonymous = tab_for()
    _check(anonymous, "add-a-strike", "/add/", rtl=rtl, screenshot=rtl)
    _check(
        anonymous,
        "submission-status",
        submission_status_path(data["pending"]),
        rtl=rtl,
        screenshot=rtl,
    )
    assert anonymous.errors == []

    moderator = tab_for()
    log_in(moderator, data["moderator"], secret=data["secret"], path="/moderation/")
    _check(moderator, "moderation-queue", "/moderation/", rtl=rtl, screenshot=rtl)
    _check(
        moderator,
        "moderation-item",
        f"/moderation/{data['item'].pk}/",
        rtl=rtl,
        screenshot=rtl,
    )
    assert moderator.errors == []

    coordinator = tab_for()
    log_in(coordinator, data["coordinator"])
    manage = f"/disputes/{dispute.slug}/manage/"
    _check(coordinator, "manage", manage, rtl=rtl, screenshot=rtl)
    _check(coordinator, "manage-shift-add", f"{manage}shifts/add/", rtl=rtl, screenshot=False)
    _check(coordinator, "account", "/accounts/", rtl=rtl, screenshot=False)
    _check(coordinator, "two-factor-setup", "/accounts/two-factor/setup/", rtl=rtl, screenshot=rtl)
    # A new token is shown once, whole: a long word in a narrow box.
    _check(coordinator, "api-tokens", "/accounts/tokens/", rtl=rtl, screenshot=False)
    page = coordinator.page
    page.fill("#id_name", "Depot rota spreadsheet")
    with page.expect_navigation():
        page.click("form[action='/accounts/tokens/'] button[type=submit]")
    assert page.locator("#new-token").inner_text().startswith("plt_")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the new token's page is {width}px wide"
    coordinator.screenshot(f"api-tokens-{'ar' if rtl else 'en'}-phone", full_page=True)
    assert coordinator.errors == []
