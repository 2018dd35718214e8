"""From a report typed on a phone to a pin on the map: "Add a strike" and its moderation."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from picketline.places.services import gazetteer_load
from tests import factories
from tests.browser.conftest import PHONE, log_in, wait_for_map

pytestmark = pytest.mark.browser

REPORTER_EMAIL = "reporter.private@example.org"
EDITED_TITLE = "Northgate Buses drivers walk out"


def _report_a_walkout(tab):
    """The reporter fills the form on their phone and sends it; returns the picket's date."""
    page = tab.page
    tab.goto("/add/")
    page.fill("#id_employer", "Northgate Buses Ltd")

    # The place: a typed town, chosen from the suggestions, then the pin put exactly.
    place = page.locator("#id_place_name")
    place.press_sequentially("Leed", delay=40)
    option = page.locator("#place-suggestions option").first
    expect(option).to_have_attribute("value", re.compile(r"^Leeds, "))
    place.fill(option.get_attribute("value"))
    expect(page.locator("#submission-map .leaflet-marker-icon")).to_have_count(1)
    assert page.input_value("#id_latitude").startswith("53.")
    assert page.input_value("#id_pin_moved") == ""
    box = page.locator("#submission-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.3)
    expect(page.locator("#id_pin_moved")).to_have_value("1")
    expect(page.locator("#submission-map-status")).to_contain_text("Pin placed")
    latitude, longitude = (
        float(page.input_value("#id_latitude")),
        float(page.input_value("#id_longitude")),
    )
    assert 53.7 < latitude < 53.9 and -1.7 < longitude < -1.4, (latitude, longitude)

    page.check("input[name=kind][value=walkout]")
    start = timezone.localdate() - dt.timedelta(days=2)
    page.fill("#id_start_date", start.isoformat())
    page.fill(
        "#id_description",
        "Drivers at the Northgate depot walked out over split shifts and unpaid breaks.",
    )

    # The optional part: the union and a weekly picket, in Leeds time.
    more = page.locator("details.submission-more")
    more.locator("summary").click()
    expect(more).to_have_attribute("open", "")
    page.fill("#id_unions", "Unite")
    picket_day = timezone.localdate() + dt.timedelta(days=1)
    page.fill("#id_picket_address", "Depot gate, Kirkstall Road")
    page.fill("#id_picket_starts_at", f"{picket_day.isoformat()}T06:00")
    page.fill("#id_picket_ends_at", f"{picket_day.isoformat()}T09:00")
    page.check("#id_picket_weekly")

    page.fill("#id_submitter_name", "Jo Driver")
    page.fill("#id_submitter_email", REPORTER_EMAIL)
    page.check("#id_contact_consent")
    tab.screenshot("add-a-strike-filled-phone", full_page=True)
    with page.expect_navigation():
        page.click("form.submission-form button[type=submit]")
    page.wait_for_url(re.compile(r"/submissions/[^/]+/\?new=1$"))
    return picket_day


def test_it_takes_a_report_from_a_phone_to_the_map(open_page, transactional_db):
    # Towns of 100,000 people or more: Leeds is there, and it loads in seconds.
    gazetteer_load(min_population=100_000)
    moderator = factories.make_moderator(with_device=False)
    secret = factories.make_totp_device(moderator)

    reporter = open_page(viewport=PHONE)
    picket_day = _report_a_walkout(reporter)
    page = reporter.page
    assert page.locator("h1").inner_text() == "Thank you for your report"
    status = page.locator("main").inner_text()
    assert "Northgate Buses Ltd" in status
    assert "Unite" in status
    assert "06:00" in status and "every week" in status
    assert "Waiting for review" in status
    reporter.screenshot("add-a-strike-thanks-phone", full_page=True)
    assert reporter.errors == []

    # A moderator on their phone: password, then the code, then the queue.
    tab = open_page(viewport=PHONE)
    log_in(tab, moderator, secret=secret, path="/moderation/")
    page = tab.page
    assert page.url.endswith("/moderation/")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("^Northgate Buses Ltd")).click()
    assert REPORTER_EMAIL in page.locator(".private-box").inner_text()
    edit = page.locator("details.action-panel", has_text="Approve with edits")
    edit.locator("summary").click()
    title = page.locator("#edit-title")
    expect(title).to_be_visible()
    assert "Northgate Buses Ltd" in title.input_value()
    title.fill(EDITED_TITLE)
    tab.screenshot("moderation-approve-with-edits-phone", full_page=True)
    with page.expect_navigation():
        edit.get_by_role("button", name="Approve with these edits").click()
    assert page.url.endswith("/moderation/")
    assert "Approved with your edits" in page.locator("main").inner_text()

    # The public side: the map, the list and the dispute's own page.
    tab.goto("/")
    wait_for_map(page)
    assert page.locator("#dispute-map .leaflet-marker-icon").count() == 1
    tab.goto("/disputes/")
    link = page.get_by_role("link", name=EDITED_TITLE)
    expect(link).to_have_count(1)
    with page.expect_navigation():
        link.click()
    assert page.locator("h1").inner_text() == EDITED_TITLE
    text = page.locator("main").inner_text()
    assert "Northgate Buses Ltd" in text
    assert "Unite" in text
    assert f"{picket_day.day} {picket_day:%b}, 06:00\u201309:00" in text
    assert "Europe/London" in text
    assert REPORTER_EMAIL not in page.content()
    assert "Jo Driver" not in page.content()
    tab.screenshot("add-a-strike-published-phone", full_page=True)
    assert tab.errors == []
