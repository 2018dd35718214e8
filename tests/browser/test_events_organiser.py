"""An organiser on a phone: creating an event in the device's time zone, then checking people
in at the door with the list filtering as a name is typed."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from picketline.events.models import Event
from picketline.events.rsvps import services as rsvps
from tests import factories
from tests.browser.conftest import PHONE, log_in

pytestmark = pytest.mark.browser


def test_it_creates_an_event_on_the_devices_clock(open_page, transactional_db):
    organiser = factories.make_user()
    # Creating leads to the dashboard, which lists the people coming: two factors.
    secret = factories.make_totp_device(organiser)
    tab = open_page(viewport=PHONE, timezone_id="America/Mexico_City")
    log_in(tab, organiser, secret=secret, path="/events/new/")
    page = tab.page
    assert urlsplit(page.url).path == "/events/new/"
    expect(page.locator("#event-device-zone")).to_contain_text("America/Mexico_City")
    page.fill("#id_title", "Rally at the gates")
    page.fill("#id_organiser_name", "Solidarity Network")
    page.fill("#id_starts_at", "2031-07-10T18:00")
    page.fill("#id_ends_at", "2031-07-10T20:00")
    page.fill("#id_locality", "Coyoacán")
    page.fill("#id_country", "MX")
    page.fill("#id_speakers-0-name", "Ana")
    tab.screenshot("events-manage-form-phone", full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Create the event").click()
    event = Event.objects.get()
    assert urlsplit(page.url).path == f"/events/{event.slug}/manage/"
    assert event.timezone == "America/Mexico_City"
    assert event.starts_at == dt.datetime(2031, 7, 11, 0, 0, tzinfo=dt.UTC)
    expect(page.locator("main")).to_contain_text("sent to the moderators")
    tab.screenshot("events-manage-dashboard-phone", full_page=True)
    assert tab.errors == []


def test_it_checks_people_in_on_a_phone(open_page, transactional_db):
    organiser = factories.make_user()
    # The check-in page lists the people coming: its organiser uses two factors.
    secret = factories.make_totp_device(organiser)
    event = factories.make_event(organiser=organiser, title="Strike social")
    for name in ("Ana Ruiz", "Bo Chen", "Cy Okafor"):
        rsvps.rsvp_create(event=event, user=factories.make_user(), name=name)
    tab = open_page(viewport=PHONE)
    log_in(tab, organiser, secret=secret, path=f"/events/{event.slug}/check-in/")
    page = tab.page
    expect(page.locator("#check-in-counter")).to_have_text("0 of 3 checked in")
    page.fill("input[name=q]", "ch")
    expect(page.locator(".check-in__row:visible")).to_have_count(1)
    row = page.locator(".check-in__row", has_text="Bo Chen")
    row.get_by_role("button", name="Check in").click()
    expect(page.locator("#check-in-counter")).to_have_text("1 of 3 checked in")
    expect(row.get_by_role("button", name="Undo")).to_be_visible()
    tab.screenshot("events-check-in-phone", full_page=True)
    assert event.rsvps.get(name="Bo Chen").checked_in_at is not None
    row.get_by_role("button", name="Undo").click()
    expect(page.locator("#check-in-counter")).to_have_text("0 of 3 checked in")
    assert event.rsvps.get(name="Bo Chen").checked_in_at is None
    assert tab.errors == []
