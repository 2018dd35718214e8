"""The voter's pages, the result and tracker, and the organisers' pages."""

import datetime as dt
import re
from html import escape

import pytest
from django.urls import reverse
from django.utils import timezone

from picketline.ballots.models import Ballot, BallotStatus, SealedVote, Voter
from picketline.ballots.services import ballot_close, receipt_normalise, vote_cast
from picketline.core.models import OutboxEmail
from tests import factories
from tests.ballots.helpers import make_list_ballot, option_ids, tokens

pytestmark = pytest.mark.django_db

SENTINEL_NAME = "Sentinel Voterperson"


def _vote_url(ballot, token):
    return reverse("ballots:vote", kwargs={"pk": ballot.pk, "token": token})


def _organiser(ballot):
    user = factories.make_user()
    ballot.organisation.coordinators.add(user)
    factories.make_totp_device(user)
    return user


def test_the_invitation_carries_a_link_that_opens_the_voters_page(client):
    ballot = make_list_ballot(voters=2, information="The offer: 4% this year, 3% the next.")
    emails = OutboxEmail.objects.filter(address="voter1@example.org")
    assert emails.count() == 1
    link = re.search(r"https?://\S+/ballots/\d+/vote/\S+/", emails.get().body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200
    page = response.content.decode()
    assert escape(ballot.question) in page
    assert "4% this year" in page
    assert response["Cache-Control"] == "private, no-store"
    assert "Voter 1" in emails.get().body
    # Each voter's link is their own.
    other = OutboxEmail.objects.get(address="voter2@example.org").body
    assert link not in other


def test_voting_shows_the_receipt_once_and_a_second_vote_is_refused(client):
    ballot = make_list_ballot(voters=1)
    token = tokens(ballot)["voter1@example.org"]
    yes = option_ids(ballot)["Yes"]
    response = client.post(_vote_url(ballot, token), {"choices": str(yes)})
    assert response.status_code == 200
    receipt = re.search(r'<code id="receipt">([A-Z0-9-]+)</code>', response.content.decode())
    assert receipt and len(receipt_normalise(receipt.group(1))) == 20
    assert response["Cache-Control"] == "private, no-store"
    again = client.post(_vote_url(ballot, token), {"choices": str(yes)})
    assert again.status_code == 409
    assert "already been cast" in again.content.decode()
    assert SealedVote.objects.count() == 1


def test_a_choice_that_is_not_an_option_is_refused_and_nothing_is_stored(client):
    ballot = make_list_ballot(voters=1)
    token = tokens(ballot)["voter1@example.org"]
    response = client.post(_vote_url(ballot, token), {"choices": "999999"})
    assert response.status_code == 400
    assert not SealedVote.objects.exists()
    assert not Voter.objects.filter(voted=True).exists()


def test_an_unknown_link_says_so(client):
    ballot = make_list_ballot(voters=1)
    response = client.get(_vote_url(ballot, "0" * 40))
    assert response.status_code == 404
    assert "not on this ballot" in response.content.decode()


def test_before_the_close_no_role_sees_a_count_and_only_organisers_the_turnout(client):
    ballot = make_list_ballot(voters=3, information="Sentinel offer text")
    vote_cast(ballot_id=ballot.pk, token=tokens(ballot)["voter1@example.org"], choices=["Yes"])
    public = client.get(ballot.get_absolute_url())
    assert public.status_code == 200
    assert "Sentinel offer text" not in public.content.decode()
    assert "1 of 3" not in public.content.decode()
    assert client.get(reverse("ballots:tracker", kwargs={"pk": ballot.pk})).status_code == 404
    organiser = _organiser(ballot)
    factories.login(client, organiser)
    for url in (ballot.get_absolute_url(), ballot.get_manage_url()):
        page = client.get(url).content.decode()
        assert "1 of 3" in page  # the turnout is all the organisers see
        assert "Result" not in page and "Carried" not in page
    factories.login(client, factories.make_admin())
    assert client.get(ballot.get_manage_url()).status_code == 403
    page = client.get(ballot.get_absolute_url()).content.decode()
    assert "1 of 3" not in page and "Sentinel offer text" not in page


def test_after_the_close_the_result_and_the_tracker_are_public(client):
    ballot = make_list_ballot(voters=4, quorum_percent=50)
    links = tokens(ballot)
    receipt = vote_cast(ballot_id=ballot.pk, token=links["voter1@example.org"], choices=["Yes"])
    vote_cast(ballot_id=ballot.pk, token=links["voter2@example.org"], choices=["Yes"])
    vote_cast(ballot_id=ballot.pk, token=links["voter3@example.org"], choices=["No"])
    ballot_close(ballot)
    page = client.get(ballot.get_absolute_url()).content.decode()
    assert "Carried:" in page and "3 of 4 voters" in page
    tracker = reverse("ballots:tracker", kwargs={"pk": ballot.pk})
    found = client.get(tracker, {"receipt": receipt.lower()}).content.decode()
    assert "Your vote was counted" in found and "<bdi>Yes</bdi>" in found
    missing = client.get(tracker, {"receipt": "AAAAABBBBBCCCCCDDDDD"}).content.decode()
    assert "No counted vote has this receipt" in missing
    csv_text = client.get(reverse("ballots:tracker_csv", kwargs={"pk": ballot.pk})).content
    lines = csv_text.decode().strip().splitlines()
    assert lines[0] == "receipt_sha256,choices,weight"
    assert sorted(line.split(",")[1] for line in lines[1:]) == ["No", "Yes", "Yes"]
    for url in (ballot.get_absolute_url(), tracker):
        text = client.get(url).content.decode()
        assert "voter1@example.org" not in text and "Voter 1" not in text


def test_organisers_remind_those_who_have_not_voted_and_close(client):
    ballot = make_list_ballot(voters=3)
    vote_cast(ballot_id=ballot.pk, token=tokens(ballot)["voter1@example.org"], choices=["No"])
    OutboxEmail.objects.all().delete()
    factories.login(client, _organiser(ballot))
    response = client.post(reverse("ballots:remind", kwargs={"pk": ballot.pk}))
    assert response.status_code == 302
    assert set(OutboxEmail.objects.values_list("address", flat=True)) == {
        "voter2@example.org",
        "voter3@example.org",
    }
    client.post(reverse("ballots:close", kwargs={"pk": ballot.pk}))
    assert Ballot.objects.get(pk=ballot.pk).status == BallotStatus.CLOSED


def test_an_organiser_creates_a_ballot_of_a_list(client):
    organisation = factories.make_organisation()
    user = factories.make_user()
    organisation.coordinators.add(user)
    factories.make_totp_device(user)
    factories.login(client, user)
    now = timezone.now()
    response = client.post(
        reverse("ballots:create", kwargs={"slug": organisation.slug}),
        {
            "question": "Accept the offer?",
            "options": "Accept\nReject",
            "max_choices": 1,
            "timezone": "Europe/London",
            "opens_at": (now - dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "electorate": "list",
            "voters": f"a@example.org, {SENTINEL_NAME}\nb@example.org",
            "quorum_percent": 50,
            "threshold": "majority",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    ballot = Ballot.objects.get()
    assert ballot.status == BallotStatus.OPEN
    assert ballot.voters.count() == 2
    assert OutboxEmail.objects.filter(address="a@example.org").exists()


def test_a_bad_ballot_form_stores_nothing(client):
    organisation = factories.make_organisation()
    user = factories.make_user()
    organisation.coordinators.add(user)
    factories.make_totp_device(user)
    factories.login(client, user)
    response = client.post(
        reverse("ballots:create", kwargs={"slug": organisation.slug}),
        {"question": "Strike?", "options": "Only one", "electorate": "list"},
    )
    assert response.status_code == 400
    assert not Ballot.objects.exists()


def test_someone_not_running_the_organisation_cannot_create_a_ballot(client):
    organisation = factories.make_organisation()
    factories.login(client, factories.make_moderator())
    url = reverse("ballots:create", kwargs={"slug": organisation.slug})
    assert client.get(url).status_code == 403


def test_an_organiser_adds_a_scrutineer_who_then_sees_the_turnout(client):
    ballot = make_list_ballot(voters=2)
    vote_cast(ballot_id=ballot.pk, token=tokens(ballot)["voter1@example.org"], choices=["Yes"])
    watcher = factories.make_user(email="watcher@example.org")
    factories.login(client, _organiser(ballot))
    url = reverse("ballots:scrutineer_add", kwargs={"pk": ballot.pk})
    assert client.post(url, {"account": "nobody-here"}).status_code == 400
    assert client.post(url, {"account": "WATCHER@example.org"}).status_code == 302
    factories.login(client, watcher)
    page = client.get(ballot.get_manage_url()).content.decode()
    assert "1 of 2" in page
    assert "Remind those who have not voted" not in page
