"""A supporter on a phone, whose browser reads Farsi, reads a charter right to left beside the
original and endorses it; the map of endorsements by country draws without any script of
another site."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from picketline.charters.models import Endorsement
from picketline.places.models import Country
from tests.browser.conftest import PHONE
from tests.charters import helpers

pytestmark = pytest.mark.browser


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_supporter_reads_in_farsi_and_endorses_on_a_phone(open_page, transactional_db, settings):
    Country.objects.create(code="IR", name="Iran", latitude=35.69, longitude=51.42)
    Country.objects.create(code="FR", name="France", latitude=48.85, longitude=2.35)
    charter = helpers.make_charter(slug="workers")
    helpers.endorse_person(charter, email="first@example.org", country="FR")
    # From here emails leave at once, as a worker would send them.
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "email"],
        }
    }
    tab = open_page(viewport=PHONE, locale="fa-IR")
    page = tab.page
    tab.goto("/charters/workers/")
    farsi = page.locator('section[lang="fa"]')
    expect(farsi).to_contain_text(helpers.TRANSLATIONS["fa"][1].split("\n")[0])
    assert farsi.evaluate("e => getComputedStyle(e).direction") == "rtl"
    original = page.locator('section[lang="en"]')
    assert original.evaluate("e => getComputedStyle(e).direction") == "ltr"
    expect(page.locator("#charter-map")).to_have_attribute("data-loaded", "1")
    assert _fits(page)
    tab.screenshot("charter-farsi-phone", full_page=True)

    page.fill("#id_name", "Reza Karimi")
    page.fill("#id_email", "reza@example.org")
    page.select_option("#id_country", "IR")
    with page.expect_navigation():
        page.get_by_role("button", name="Endorse the charter").last.click()
    expect(page.locator("h1")).to_have_text("Check your email")
    assert Endorsement.objects.get(email="reza@example.org").status == "pending"
    link = re.search(r"http://\S+/charter-endorsements/\S+/", mail.outbox[-1].body).group(0)
    tab.goto(urlsplit(link).path)
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm my endorsement").click()
    expect(page.locator("main")).to_contain_text("your endorsement is counted")
    endorsement = Endorsement.objects.get(email="reza@example.org")
    assert (endorsement.status, endorsement.show_name) == ("counted", False)
    # Counted, without the name they did not ask to show; the map has a second country.
    expect(page.locator("#charter-map")).to_have_attribute("data-loaded", "2")
    expect(page.locator("main")).not_to_contain_text("Reza Karimi")
    assert _fits(page)
    assert tab.errors == []
