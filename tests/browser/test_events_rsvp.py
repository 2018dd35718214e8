"""Answering a full event on a phone: the waiting list, and one's number in it."""

import re

import pytest
from django.core import mail

from picketline.events.models import Rsvp
from picketline.events.rsvps import services as rsvps
from tests import factories
from tests.browser.conftest import PHONE, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def emails_sent_at_once(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "email"],
        }
    }
    mail.outbox.clear()


def _full_event():
    event = factories.make_event(title="Strike fund social", capacity=1)
    rsvps.rsvp_create(event=event, user=factories.make_user())
    return event


def _fits(tab) -> bool:
    return tab.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_an_account_joins_the_waiting_list_and_sees_its_number(open_page, transactional_db):
    event = _full_event()
    user = factories.make_user()
    tab = open_page(viewport=PHONE)
    log_in(tab, user)

    tab.goto(event.get_absolute_url())
    page = tab.page
    assert "Full: you can join the waiting list." in page.inner_text("#rsvp")
    with page.expect_navigation():
        page.click("#rsvp button[type=submit]")

    assert "You are number 1 on the waiting list" in page.inner_text("h1")
    assert _fits(tab)
    tab.screenshot("rsvp-waiting-list-phone", full_page=True)
    assert tab.errors == []


@pytest.mark.parametrize("locale", ["en-GB", "ar"])
def test_someone_without_an_account_confirms_by_email(
    open_page, transactional_db, emails_sent_at_once, locale
):
    event = _full_event()
    tab = open_page(viewport=PHONE, locale=locale)
    page = tab.page

    tab.goto(event.get_absolute_url())
    page.locator("#rsvp").scroll_into_view_if_needed()
    tab.screenshot(f"rsvp-section-{locale}-phone")
    page.fill("#id_name", "Ada")
    page.fill("#id_email", "ada@example.org")
    with page.expect_navigation():
        page.click("#rsvp button[type=submit]")
    assert page.locator("h1").count() == 1
    assert _fits(tab)

    link = re.search(r"http://\S+/events/rsvp/confirm/\S+/", mail.outbox[-1].body)[0]
    tab.goto("/events/" + link.split("/events/", 1)[1])
    assert Rsvp.objects.get(email="ada@example.org").status == "pending"
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    assert Rsvp.objects.get(email="ada@example.org").status == "waitlisted"
    assert _fits(tab)
    tab.screenshot(f"rsvp-confirmed-{locale}-phone", full_page=True)

    # Leaving the waiting list asks first, on the same private page.
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert Rsvp.objects.get(email="ada@example.org").status == "cancelled"
    assert tab.errors == []
