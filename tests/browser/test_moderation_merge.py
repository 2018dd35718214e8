"""A moderator at a desk: a duplicate report merged into its dispute, and rejections in bulk."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import DESKTOP, log_in

pytestmark = pytest.mark.browser

SOURCE = "https://unite.example.org/news/northgate-buses-walkout"


def _moderator_tab(open_page):
    moderator = factories.make_moderator(with_device=False)
    secret = factories.make_totp_device(moderator)
    tab = open_page(viewport=DESKTOP)
    log_in(tab, moderator, secret=secret, path="/moderation/")
    assert tab.page.url.endswith("/moderation/")
    return tab


def test_it_merges_a_report_into_the_likely_duplicate(open_page, transactional_db):
    dispute = factories.make_dispute(
        title="Northgate bus drivers' strike",
        employer="Northgate Buses Ltd",
        union="Unite",
        lat=53.7997,
        lon=-1.5492,
        city="Leeds",
    )
    factories.make_dispute(title="Bradford hospital porters", lat=53.7950, lon=-1.7594)
    factories.make_submission(
        employer="Northgate Buses",
        unions="Unite",
        point=(53.7999, -1.5490),
        sources=[SOURCE],
    )
    tab = _moderator_tab(open_page)
    page = tab.page
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("^Northgate Buses — ")).click()

    # What was reported, and beside it what is already published that looks like it.
    content = page.locator(".moderation-item__content")
    duplicates = page.locator(".moderation-item__duplicates")
    candidate = duplicates.locator(".candidate").first
    expect(candidate).to_contain_text("Northgate bus drivers' strike")
    expect(duplicates.locator(".candidate")).to_have_count(1)  # not the porters in Bradford
    left, right = content.bounding_box(), duplicates.bounding_box()
    assert abs(left["y"] - right["y"]) < 5, "side by side"
    assert left["x"] + left["width"] <= right["x"]
    tab.screenshot("moderation-merge-desktop")

    with page.expect_navigation():
        candidate.get_by_role("button", name="Merge into this dispute").click()
    assert page.url.endswith("/moderation/")
    assert "Merged “Northgate Buses" in page.locator("main").inner_text()
    assert "Nothing waits for review here" in page.locator("main").inner_text()

    tab.goto(dispute.get_absolute_url())
    sources = page.locator(".sources")
    expect(sources.get_by_role("link", name=SOURCE)).to_have_attribute("href", SOURCE)
    assert "reporter@example.org" not in page.content()
    tab.screenshot("dispute-after-merge-desktop", full_page=True)
    assert tab.errors == []


def test_it_rejects_two_reports_at_once_with_one_reason(open_page, transactional_db):
    spam, _ = factories.make_submission(employer="Totally Real Employer")
    joke, _ = factories.make_submission(employer="Nobody Inc", point=(51.5, -0.12), city="London")
    _kept, kept_item = factories.make_submission(employer="Leeds Cleaning Services")
    tab = _moderator_tab(open_page)
    page = tab.page
    assert page.locator(".queue-table tbody tr").count() == 3

    for employer in ("Totally Real Employer", "Nobody Inc"):
        row = page.locator(".queue-table tbody tr", has_text=employer)
        row.locator("input[type=checkbox][name=items]").check()
    page.fill("#bulk-reason", "Not a workplace dispute.")
    tab.screenshot("moderation-bulk-reject-desktop")
    with page.expect_navigation():
        page.get_by_role("button", name="Reject selected").click()
    main = page.locator("main")
    expect(main).to_contain_text("2 rejected.")
    rows = page.locator(".queue-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Leeds Cleaning Services")

    with page.expect_navigation():
        page.locator(".queue-tabs").get_by_role("link", name=re.compile("Decided")).click()
    decided = page.locator(".queue-table tbody tr")
    expect(decided).to_have_count(2)
    for row in decided.all():
        expect(row).to_contain_text("Rejected")
    spam.refresh_from_db()
    joke.refresh_from_db()
    assert spam.dispute_id is None and joke.dispute_id is None
    kept_item.refresh_from_db()
    assert kept_item.status == "pending"
    tab.screenshot("moderation-decided-desktop")
    assert tab.errors == []
