"""A supporter on a phone signs an appeal, adds a paragraph of their own, confirms by the
emailed link, and is counted in their country; the page fits the phone's width."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from picketline.appeals.models import Signature
from tests.appeals.helpers import make_appeal, sign
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_supporter_signs_an_appeal_on_a_phone(open_page, transactional_db, settings):
    appeal = make_appeal(targets=2)
    sign(appeal, email="first@example.org", country="FR")
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "email"],
        }
    }
    tab = open_page(viewport=PHONE)
    page = tab.page
    tab.goto(appeal.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Keep the plants open")
    assert _fits(page)
    tab.screenshot("appeal-phone", full_page=True)

    page.fill("#id_name", "Lucía Romero")
    page.fill("#id_email", "lucia@example.org")
    page.select_option("#id_country", "ES")
    page.fill("#id_paragraph", "Desde Valencia, con los trabajadores.")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign the appeal").click()
    expect(page.locator("h1")).to_have_text("Check your email")
    assert Signature.objects.get(email="lucia@example.org").status == "pending"
    link = re.search(r"http://\S+/appeal-signatures/\S+/", mail.outbox[-1].body).group(0)
    tab.goto(urlsplit(link).path)
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm my signature").click()
    expect(page.locator("main")).to_contain_text("your signature counts")
    expect(page.locator("main")).to_contain_text("2 signatures")
    expect(page.locator("main")).to_contain_text("Spain")
    expect(page.locator("main")).not_to_contain_text("lucia@example.org")
    assert _fits(page)
    assert tab.errors == []
