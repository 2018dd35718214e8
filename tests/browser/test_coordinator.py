"""A strike committee member on their phone: picket shifts, and joining through an invitation."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import PHONE, log_in

pytestmark = pytest.mark.browser

STRONG_PASSWORD = "picket-lines-at-dawn-7431"


def test_it_adds_a_weekly_picket_shift_shown_in_local_time(open_page, transactional_db):
    dispute = factories.make_dispute(
        title="Leeds bus depot strike", employer="Northgate Buses Ltd", city="Leeds"
    )
    coordinator = factories.make_coordinator(dispute)
    # The phone is set to Tokyo time; the picket is in Leeds and is shown on Leeds' clock.
    tab = open_page(viewport=PHONE, timezone_id="Asia/Tokyo")
    log_in(tab, coordinator)
    page = tab.page
    tab.goto(dispute.get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("link", name="Manage this dispute").click()
    assert urlsplit(page.url).path == f"/disputes/{dispute.slug}/manage/"
    with page.expect_navigation():
        page.get_by_role("link", name="Add a picket shift").click()

    today = timezone.localdate()
    tuesday = today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)
    page.fill("#id_starts_at", f"{tuesday.isoformat()}T06:00")
    page.fill("#id_ends_at", f"{tuesday.isoformat()}T09:00")
    page.select_option("#id_timezone", "Europe/London")
    page.fill("#id_notes", "Depot gate, bring a flask")
    page.select_option("#id_recurrence", "weekly")
    page.fill("#id_repeat_until", (tuesday + dt.timedelta(weeks=6)).isoformat())
    tab.screenshot("manage-shift-add-phone", full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Add the shift").click()
    assert urlsplit(page.url).path == f"/disputes/{dispute.slug}/manage/"
    expect(page.locator("main")).to_contain_text("The picket shift has been added.")
    expect(page.locator("#shifts .manage-item")).to_have_count(1)
    expect(page.locator("#shifts")).to_contain_text("until")

    tab.goto(dispute.get_absolute_url())
    shift = page.locator(".shift").first
    text = shift.inner_text()
    assert f"Tue {tuesday.day} {tuesday:%b}, 06:00\u201309:00" in text
    assert re.search(r"\(Europe/London, (GMT|BST)\)", text), text
    assert "Depot gate, bring a flask" in text
    tab.screenshot("dispute-new-shift-phone", full_page=True)
    assert tab.errors == []


def test_someone_who_signs_up_through_an_invitation_sets_up_two_factors_first(
    open_page, transactional_db
):
    dispute = factories.make_dispute(title="Leeds bus depot strike", city="Leeds")
    coordinator = factories.make_coordinator(dispute)
    _invitation, token = factories.invite(dispute, "new.striker@example.org", by=coordinator)
    tab = open_page(viewport=PHONE)
    tab.goto(f"/invitations/{token}/")
    page = tab.page
    expect(page.locator("h1")).to_have_text("Invitation to coordinate a dispute")
    assert page.input_value("#id_email") == "new.striker@example.org"
    page.fill("#id_username", "newstriker")
    page.fill("#id_password1", STRONG_PASSWORD)
    page.fill("#id_password2", STRONG_PASSWORD)
    tab.screenshot("invitation-sign-up-phone", full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Create the account and accept").click()

    manage = f"/disputes/{dispute.slug}/manage/"
    url = urlsplit(page.url)
    assert url.path == "/accounts/two-factor/setup/"
    assert f"next={manage}" in url.query.replace("%2F", "/")
    expect(page.locator("h1")).to_have_text("Set up two-factor authentication")
    expect(page.locator("#totp-secret")).not_to_be_empty()
    welcome = page.locator("main").get_by_text("You are now a coordinator")
    expect(welcome).to_be_visible()
    tab.screenshot("invitation-two-factor-setup-phone", full_page=True)

    # The dispute's pages show contact details: they open once the second factor is on.
    tab.goto(manage)
    assert urlsplit(page.url).path == "/accounts/two-factor/setup/"
    secret = page.inner_text("#totp-secret").replace(" ", "")
    page.fill("#id_code", factories.totp_code(secret))
    with page.expect_navigation():
        page.get_by_role("button", name="Turn on two-factor authentication").click()
    with page.expect_navigation():
        page.get_by_role("link", name="I have saved them: continue").click()
    assert urlsplit(page.url).path == manage
    expect(page.locator("#coordinators")).to_contain_text("newstriker")
    assert tab.errors == []
