"""A supporter on their phone sends a message of solidarity and signs up for a picket; a strike
committee member, also on their phone, reads the message and sees who is coming."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from picketline.moderation.services import item_approve, item_for_object
from picketline.solidarity.models import Message
from tests import factories
from tests.browser.conftest import PHONE, log_in

pytestmark = pytest.mark.browser

BODY = "The dockers of Bilbao stand with you. An injury to one is an injury to all!"
MESSAGE_EMAIL = "ane.etxeberria@example.org"
SIGNUP_EMAIL = "sam.okafor@example.org"


def assert_fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{urlsplit(page.url).path} is {width}px wide"


def test_a_supporter_sends_solidarity_and_the_committee_reads_it_and_sees_the_rota(
    open_page, transactional_db
):
    dispute = factories.make_dispute(
        title="Leeds bus depot strike", employer="Northgate Buses Ltd", with_shift=True
    )
    coordinator = factories.make_coordinator(dispute)

    # --- the supporter, not logged in ---------------------------------------------------------
    supporter = open_page(viewport=PHONE)
    page = supporter.page
    supporter.goto(dispute.get_absolute_url())
    messages = page.locator("#messages")
    expect(messages).to_contain_text("No messages yet. Be the first to send one.")
    expect(page.locator(".pickets__headline")).to_have_count(0)
    assert_fits_the_phone(page)

    form = page.locator("form.message-form")
    form.get_by_label("Your name").fill("Ane Etxeberria")
    form.get_by_label("Union, workplace or organisation").fill("Bilbao Dockers' Union")
    form.get_by_label("Country").fill("ES")
    form.get_by_label("Your message").fill(BODY)
    form.get_by_label("Your email").fill(MESSAGE_EMAIL)
    form.get_by_label("The strike committee may contact me by email").check()
    supporter.screenshot("solidarity-message-form-phone", full_page=True)
    with page.expect_navigation():
        form.get_by_role("button", name="Send your message").click()
    assert urlsplit(page.url).path == f"/disputes/{dispute.slug}/messages/thanks/"
    expect(page.locator("h1")).to_have_text("Thank you for your message")
    expect(page.locator("main")).to_contain_text("Moderators will check your message")

    with page.expect_navigation():
        page.get_by_role("link", name=f"Back to {dispute.title}").click()
    # Waiting for the moderators: not on the public page yet.
    expect(messages).to_contain_text("No messages yet.")
    expect(page.locator("#messages .solidarity-message")).to_have_count(0)

    occurrence = page.locator(".picket-occurrence").first
    expect(occurrence).to_contain_text("0 people are coming")
    with page.expect_navigation():
        occurrence.get_by_role("link", name="Join this picket").click()
    expect(page.locator("h1")).to_have_text("Join this picket")
    page.get_by_label("Your name").fill("Sam Okafor")
    page.get_by_label("Your email").fill(SIGNUP_EMAIL)
    page.get_by_label("How many people are coming, you included").fill("2")
    supporter.screenshot("solidarity-picket-signup-phone", full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign up").click()
    expect(page.locator("h1")).to_have_text("You are signed up. Thank you!")
    expect(page.get_by_role("link", name="Cancel my sign-up")).to_be_visible()
    supporter.screenshot("solidarity-picket-signed-up-phone", full_page=True)

    supporter.goto(dispute.get_absolute_url())
    expect(page.locator(".pickets__headline")).to_have_text(
        "2 people are coming to tomorrow's picket."
    )
    expect(page.locator(".picket-occurrence").first).to_contain_text("2 people are coming")
    assert_fits_the_phone(page)
    assert supporter.errors == []

    # --- a coordinator ------------------------------------------------------------------------
    committee = open_page(viewport=PHONE)
    manage = f"/disputes/{dispute.slug}/manage/"
    log_in(committee, coordinator, path=manage)
    cpage = committee.page
    assert urlsplit(cpage.url).path == manage
    expect(cpage.locator("#messages")).to_contain_text("0 published, 1 waiting for moderators.")
    with cpage.expect_navigation():
        cpage.get_by_role("link", name="Read the messages").click()
    assert urlsplit(cpage.url).path == f"/disputes/{dispute.slug}/manage/messages/"
    # The inbox lists a message still waiting for the moderators, with the sender's email.
    row = cpage.locator(".solidarity-message")
    expect(row).to_have_count(1)
    expect(row.locator(".solidarity-message__status")).to_contain_text("Waiting for moderators")
    expect(row.locator(".solidarity-message__from")).to_contain_text("Ane Etxeberria")
    expect(row.locator(".solidarity-message__from")).to_contain_text("Bilbao Dockers' Union")
    expect(row.locator(".solidarity-message__body")).to_contain_text(BODY)
    email = row.get_by_role("link", name=MESSAGE_EMAIL)
    expect(email).to_have_attribute("href", f"mailto:{MESSAGE_EMAIL}")
    assert_fits_the_phone(cpage)
    committee.screenshot("solidarity-inbox-pending-phone", full_page=True)

    # A moderator approves it.
    message = Message.objects.get(dispute=dispute)
    item = item_for_object(message)
    item_approve(item=item, version=item.version, user=factories.make_moderator())

    cpage.reload()
    expect(row.locator(".solidarity-message__status")).to_contain_text("Published")
    expect(row.get_by_role("link", name=MESSAGE_EMAIL)).to_be_visible()
    assert_fits_the_phone(cpage)
    committee.screenshot("solidarity-inbox-phone", full_page=True)

    committee.goto(manage)
    expect(cpage.locator("#messages")).to_contain_text("1 published, 0 waiting for moderators.")
    with cpage.expect_navigation():
        cpage.get_by_role(
            "link", name="See the rota, message volunteers and record attendance"
        ).click()
    assert urlsplit(cpage.url).path == f"/disputes/{dispute.slug}/manage/rota/"
    occurrence = cpage.locator(".rota-occurrence").first
    expect(occurrence.locator(".rota-occurrence__totals")).to_contain_text("2 people coming")
    cells = occurrence.locator(".rota-table tbody tr").first.locator("td")
    expect(cells).to_have_text(["Sam Okafor", SIGNUP_EMAIL, "", "2"])
    assert_fits_the_phone(cpage)
    committee.screenshot("solidarity-rota-phone", full_page=True)
    assert committee.errors == []

    # --- the public page, once approved: the message and who sent it, never the email ---------
    supporter.goto(dispute.get_absolute_url())
    published = page.locator("#messages .solidarity-message")
    expect(published).to_have_count(1)
    expect(published.locator(".solidarity-message__body")).to_contain_text(BODY)
    expect(published.locator(".solidarity-message__from")).to_contain_text("Ane Etxeberria")
    expect(published.locator(".solidarity-message__from")).to_contain_text("Bilbao Dockers' Union")
    content = page.content()
    assert MESSAGE_EMAIL not in content
    assert SIGNUP_EMAIL not in content
    assert_fits_the_phone(page)
    supporter.screenshot("solidarity-dispute-phone", full_page=True)
    assert supporter.errors == []
