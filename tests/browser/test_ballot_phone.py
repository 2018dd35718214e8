"""A voter on a phone opens the link emailed to them, reads the offer, votes, keeps the receipt,
and after the close finds their vote on the tracker."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from picketline.ballots.models import CountedVote, SealedVote
from picketline.ballots.services import ballot_close, receipt_hash
from tests.ballots.helpers import make_list_ballot
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

OFFER = "Pay: 4% from April. Hours: the weekend rota is withdrawn."


@pytest.fixture
def emails_sent_at_once(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "email"],
        }
    }


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_voter_votes_from_the_emailed_link_and_finds_the_vote_on_the_tracker(
    open_page, transactional_db, emails_sent_at_once
):
    ballot = make_list_ballot(voters=3, options=("Accept", "Reject"), information=OFFER)
    invitation = next(m for m in mail.outbox if m.to == ["voter2@example.org"])
    link = re.search(r"http://\S+/ballots/\d+/vote/\S+/", invitation.body).group(0)

    tab = open_page(viewport=PHONE)
    page = tab.page
    tab.goto(urlsplit(link).path)
    expect(page.locator("main")).to_contain_text(OFFER)
    assert _fits(page)
    tab.screenshot("ballot-vote-phone", full_page=True)
    page.get_by_label("Reject").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Cast my vote").click()
    expect(page.locator("h1")).to_have_text("Your vote is cast")
    receipt = page.locator("#receipt").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{5}(-[A-Z0-9]{5}){3}", receipt)
    assert _fits(page)
    tab.screenshot("ballot-receipt-phone", full_page=True)
    assert SealedVote.objects.filter(ballot=ballot).count() == 1

    # The link again: the vote is in; a second is not offered.
    tab.goto(urlsplit(link).path)
    expect(page.locator("main")).to_contain_text("already been cast")
    assert page.get_by_role("button", name="Cast my vote").count() == 0

    ballot_close(ballot)
    tab.goto(f"/ballots/{ballot.pk}/")
    expect(page.locator(".ballot__results")).to_contain_text("Reject")
    tab.goto(f"/ballots/{ballot.pk}/tracker/")
    page.fill("#receipt", receipt)
    with page.expect_navigation():
        page.get_by_role("button", name="Find my vote").click()
    found = page.locator("[role=status]")
    expect(found).to_contain_text("Your vote was counted")
    expect(found).to_contain_text("Reject")
    expect(found).to_contain_text(receipt_hash(receipt))
    assert CountedVote.objects.get(ballot=ballot).receipt_hash == receipt_hash(receipt)
    assert _fits(page)
    assert "voter2@example.org" not in page.content()
    tab.screenshot("ballot-tracker-phone", full_page=True)
    assert tab.errors == []
