"""A supporter on a phone, whose browser reads Farsi, endorses the charter in its Farsi
translation (/charters/<slug>/fa/) and signs an appeal written in Farsi, both right to left,
confirming each by the emailed link; each is then counted, and their email appears on neither
public page."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from picketline.appeals.models import Signature
from picketline.charters.models import Endorsement
from picketline.places.models import Country
from tests.appeals.helpers import make_appeal
from tests.browser.conftest import PHONE
from tests.charters import helpers as charters

pytestmark = pytest.mark.browser

EMAIL = "shirin@example.org"
APPEAL = {
    "title": "کارخانه‌ها را باز نگه دارید",
    "summary": "به هیئت‌مدیره نامه بنویسید.",
    "subject": "کارخانه‌ها را باز نگه دارید",
    "body": "از شما می‌خواهیم همهٔ کارخانه‌ها را باز نگه دارید و با اتحادیه‌ها مذاکره کنید.",
    "language": "fa",
}
PARAGRAPH = "از تهران، همراه با کارگران خودروسازی."


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _direction(locator) -> str:
    return locator.evaluate("e => getComputedStyle(e).direction")


def _follow_emailed_link(tab, pattern: str, button: str):
    link = re.search(pattern, mail.outbox[-1].body).group(0)
    assert mail.outbox[-1].to == [EMAIL]
    tab.goto(urlsplit(link).path)
    with tab.page.expect_navigation():
        tab.page.get_by_role("button", name=button).click()


@pytest.fixture
def emails_sent_at_once(settings):
    # Emails leave at once, as a worker would send them.
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "email"],
        }
    }


def test_a_supporter_on_a_phone_endorses_and_signs_in_farsi(
    open_page, transactional_db, emails_sent_at_once
):
    Country.objects.create(code="IR", name="Iran", latitude=35.69, longitude=51.42)
    charter = charters.make_charter(slug="workers")
    appeal = make_appeal(targets=2, **APPEAL)
    tab = open_page(viewport=PHONE, locale="fa-IR")
    page = tab.page

    # The charter in Farsi: its text runs right to left and the page fits the phone.
    tab.goto(f"/charters/{charter.slug}/fa/")
    farsi = page.locator('section[lang="fa"]')
    title, text = charters.TRANSLATIONS["fa"]
    expect(farsi).to_contain_text(title)
    expect(farsi).to_contain_text(text.split("\n")[0])
    expect(farsi).to_have_attribute("dir", "rtl")
    assert _direction(farsi) == "rtl"
    assert _fits(page)
    tab.screenshot("farsi-charter-phone", full_page=True)

    page.fill("#id_name", "شیرین احمدی")
    page.fill("#id_email", EMAIL)
    page.select_option("#id_country", "IR")
    with page.expect_navigation():
        page.get_by_role("button", name="Endorse the charter").last.click()
    expect(page.locator("h1")).to_have_text("Check your email")
    assert Endorsement.objects.get(email=EMAIL).status == "pending"
    _follow_emailed_link(tab, r"http://\S+/charter-endorsements/\S+/", "Confirm my endorsement")
    expect(page.locator("main")).to_contain_text("your endorsement is counted")
    assert Endorsement.objects.get(email=EMAIL, charter=charter).status == "counted"
    assert _fits(page)

    # The appeal, written in Farsi: title, message and summary right to left.
    tab.goto(appeal.get_absolute_url())
    body = page.locator(".appeal__body")
    expect(body).to_contain_text(APPEAL["body"])
    expect(body).to_have_attribute("lang", "fa")
    assert _direction(body) == "rtl"
    for selector in ("h1", ".appeal__summary"):
        assert _direction(page.locator(f"main {selector}").first) == "rtl", selector
    assert _fits(page)
    tab.screenshot("farsi-appeal-phone", full_page=True)

    page.fill("#id_name", "شیرین احمدی")
    page.fill("#id_email", EMAIL)
    page.select_option("#id_country", "IR")
    page.fill("#id_paragraph", PARAGRAPH)
    # The supporter's paragraph, typed in Farsi, runs right to left as they type it.
    assert _direction(page.locator("#id_paragraph")) == "rtl"
    with page.expect_navigation():
        page.get_by_role("button", name="Sign the appeal").click()
    expect(page.locator("h1")).to_have_text("Check your email")
    assert Signature.objects.get(email=EMAIL).status == "pending"
    _follow_emailed_link(tab, r"http://\S+/appeal-signatures/\S+/", "Confirm my signature")
    expect(page.locator("main")).to_contain_text("your signature counts")
    signature = Signature.objects.get(email=EMAIL, appeal=appeal)
    assert (signature.status, signature.country, signature.paragraph) == (
        "confirmed",
        "IR",
        PARAGRAPH,
    )
    assert _fits(page)

    # Both counted on their public pages, without the supporter's email anywhere.
    tab.goto(appeal.get_absolute_url())
    expect(page.locator("main")).to_contain_text("1 signature")
    expect(page.locator("main")).to_contain_text("Iran")
    assert EMAIL not in page.content()
    tab.goto(f"/charters/{charter.slug}/fa/")
    expect(page.locator("#charter-map")).to_have_attribute("data-loaded", "1")
    assert EMAIL not in page.content()
    assert tab.errors == []
