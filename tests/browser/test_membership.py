"""Membership on a phone: joining a network, and an organiser finding a member in arrears
and recording the cash they paid at a meeting."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from picketline.membership.members.models import Membership
from tests.browser.conftest import PHONE, log_in
from tests.membership import helpers

pytestmark = pytest.mark.browser


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_someone_joins_on_a_phone(open_page, transactional_db, settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "email"],
        }
    }
    network = helpers.make_network(name="Phone Network")
    helpers.make_chapter(network, name="Leeds")
    plan = helpers.make_plan(network, name="Standard")
    tab = open_page(viewport=PHONE)
    page = tab.page
    tab.goto(f"/organisations/{network.slug}/join/")
    assert _fits(page)
    page.fill("#id_name", "Ada Picket")
    page.fill("#id_email", "ada@example.org")
    page.fill("#id_place", "53.80,-1.55")
    page.get_by_label(re.compile("Standard")).check()
    page.get_by_label(re.compile("agree with the organisation")).check()
    page.get_by_label(re.compile("I consent")).check()
    tab.screenshot("membership-join-phone", full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Join").click()
    expect(page.locator("h1")).to_have_text("Check your email")
    link = re.search(r"http://\S+/members/confirm/\S+/", mail.outbox[0].body).group(0)
    tab.goto(urlsplit(link).path)
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm that I am joining").click()
    expect(page.locator("main")).to_contain_text("you are a member now")
    membership = Membership.objects.get()
    assert (membership.status, membership.plan, membership.chapter.name) == (
        "active",
        plan,
        "Leeds",
    )
    assert _fits(page)
    assert tab.errors == []


def test_an_organiser_finds_a_member_in_arrears_and_records_a_payment(open_page, transactional_db):
    network = helpers.make_network(name="Dues Network")
    leeds = helpers.make_chapter(network, name="Leeds")
    plan = helpers.make_plan(network, amount_minor=500)
    paid = helpers.make_member(network, chapter=leeds, plan=plan, name="Paid Up")
    helpers.pay(paid, 500)
    behind = helpers.make_member(network, chapter=leeds, plan=plan, name="Bo Behind")
    organiser = helpers.factories.make_user()
    leeds.organisers.add(organiser)
    secret = helpers.factories.make_totp_device(organiser)
    tab = open_page(viewport=PHONE)
    page = tab.page
    log_in(tab, organiser, secret=secret, path=f"/organisations/{network.slug}/members/")
    page.select_option("#id_standing", "arrears")
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    table = page.locator(".roster-table")
    expect(table).to_contain_text("Bo Behind")
    expect(table).not_to_contain_text("Paid Up")
    with page.expect_navigation():
        page.get_by_role("link", name="Bo Behind").click()
    expect(page.get_by_test_id("standing")).to_contain_text("In arrears")
    page.fill("#id_amount", "5.00")
    page.select_option("#id_method", "cash")
    tab.screenshot("membership-record-payment-phone", full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_test_id("standing")).to_contain_text("In good standing")
    assert behind.dues_entries.get().amount_minor == 500
    assert _fits(page)
    assert tab.errors == []
