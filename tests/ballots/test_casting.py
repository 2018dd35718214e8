"""Creating, opening, casting and closing: one vote per voter, nothing shown before the close."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from picketline.ballots.models import Ballot, BallotStatus, CountedVote, SealedVote, Voter
from picketline.ballots.services import (
    VoteRefused,
    ballot_close,
    ballots_due_run,
    receipt_hash,
    vote_cast,
)
from tests import factories
from tests.ballots.helpers import make_list_ballot, option_ids, tokens

pytestmark = pytest.mark.django_db


def test_a_listed_electorate_opens_with_a_private_link_for_each_voter():
    ballot = make_list_ballot(voters=3)
    assert ballot.status == BallotStatus.OPEN
    hashes = list(Voter.objects.filter(ballot=ballot).values_list("token_hash", flat=True))
    assert len(set(hashes)) == 3 and all(hashes)
    assert ballot.results is None


def test_a_vote_is_counted_once_and_a_second_attempt_is_refused():
    ballot = make_list_ballot(voters=2)
    token = tokens(ballot)["voter1@example.org"]
    receipt = vote_cast(ballot_id=ballot.pk, token=token, choices=["Yes"])
    assert len(receipt) == 20
    with pytest.raises(VoteRefused) as refused:
        vote_cast(ballot_id=ballot.pk, token=token, choices=["No"])
    assert refused.value.code == "already_voted"
    assert SealedVote.objects.filter(ballot=ballot).count() == 1
    assert Voter.objects.filter(ballot=ballot, voted=True).count() == 1


def test_the_stored_vote_shows_neither_the_choice_nor_the_receipt_before_the_close():
    ballot = make_list_ballot(voters=1, options=("Accept", "Reject"))
    receipt = vote_cast(
        ballot_id=ballot.pk, token=tokens(ballot)["voter1@example.org"], choices=["Reject"]
    )
    sealed = SealedVote.objects.get(ballot=ballot).sealed
    ids = option_ids(ballot)
    assert "Reject" not in sealed
    assert receipt_hash(receipt) not in sealed
    assert json.dumps([ids["Reject"]]) not in sealed
    assert not CountedVote.objects.filter(ballot=ballot).exists()
    assert Ballot.objects.get(pk=ballot.pk).results is None


@pytest.mark.parametrize(
    ("choices", "code"),
    [([], "choice"), (["Maybe"], "choice"), (["Yes", "No"], "choice"), (["Yes", "yes"], "choice")],
)
def test_bad_choices_are_refused_and_nothing_is_written(choices, code):
    ballot = make_list_ballot(voters=1)
    with pytest.raises(VoteRefused) as refused:
        vote_cast(ballot_id=ballot.pk, token=tokens(ballot)["voter1@example.org"], choices=choices)
    assert refused.value.code == code
    assert not SealedVote.objects.exists()
    assert not Voter.objects.filter(voted=True).exists()


def test_a_choice_may_be_given_by_the_options_id_or_label():
    ballot = make_list_ballot(voters=2, options=("A", "B", "C"), max_choices=2)
    ids = option_ids(ballot)
    links = tokens(ballot)
    vote_cast(ballot_id=ballot.pk, token=links["voter1@example.org"], choices=[ids["A"], "C"])
    vote_cast(ballot_id=ballot.pk, token=links["voter2@example.org"], choices=["c"])
    closed = ballot_close(ballot)
    votes = {o["label"]: o["votes"] for o in closed.results["options"]}
    assert votes == {"A": 1, "B": 0, "C": 2}


def test_an_unknown_link_is_refused():
    ballot = make_list_ballot(voters=1)
    for token in ("not-a-token", "x" * 500, ""):
        with pytest.raises(VoteRefused) as refused:
            vote_cast(ballot_id=ballot.pk, token=token, choices=["Yes"])
        assert refused.value.code == "unknown_voter"
    assert not SealedVote.objects.exists()


def test_a_link_of_another_ballot_is_refused():
    first = make_list_ballot(voters=1)
    second = make_list_ballot(voters=1)
    with pytest.raises(VoteRefused):
        vote_cast(ballot_id=second.pk, token=tokens(first)["voter1@example.org"], choices=["Yes"])


def test_a_ballot_takes_no_vote_before_it_opens_or_after_it_closes():
    now = timezone.now()
    later = make_list_ballot(
        voters=1, opens_at=now + dt.timedelta(hours=1), closes_at=now + dt.timedelta(hours=2)
    )
    assert later.status == BallotStatus.DRAFT
    with pytest.raises(VoteRefused) as refused:
        vote_cast(ballot_id=later.pk, token="anything", choices=["Yes"])
    assert refused.value.code == "closed"

    ballot = make_list_ballot(voters=1)
    token = tokens(ballot)["voter1@example.org"]
    ballot_close(ballot)
    with pytest.raises(VoteRefused) as refused:
        vote_cast(ballot_id=ballot.pk, token=token, choices=["Yes"])
    assert refused.value.code == "closed"


def test_a_ballot_past_its_closing_time_takes_no_vote_even_before_the_worker_closes_it():
    ballot = make_list_ballot(voters=1)
    token = tokens(ballot)["voter1@example.org"]
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(VoteRefused):
        vote_cast(ballot_id=ballot.pk, token=token, choices=["Yes"])
    assert ballots_due_run() == 1
    assert Ballot.objects.get(pk=ballot.pk).status == BallotStatus.CLOSED


def test_a_draft_opens_when_its_time_comes():
    now = timezone.now()
    ballot = make_list_ballot(
        voters=2, opens_at=now + dt.timedelta(hours=1), closes_at=now + dt.timedelta(hours=3)
    )
    assert ballots_due_run(now) == 0
    assert ballots_due_run(now + dt.timedelta(hours=1)) == 1
    assert Ballot.objects.get(pk=ballot.pk).status == BallotStatus.OPEN
    assert Voter.objects.filter(ballot=ballot, token_hash__isnull=False).count() == 2


def test_the_close_counts_publishes_and_forgets_the_links():
    ballot = make_list_ballot(voters=5, quorum_percent=50)
    links = tokens(ballot)
    receipts = [
        vote_cast(ballot_id=ballot.pk, token=links[f"voter{n}@example.org"], choices=[choice])
        for n, choice in ((1, "Yes"), (2, "Yes"), (3, "No"))
    ]
    closed = ballot_close(ballot, user=factories.make_user())
    results = closed.results
    assert results["turnout"] == 3 and results["roll"] == 5
    assert results["quorum_met"] is True
    assert {o["label"]: (o["votes"], o["carried"]) for o in results["options"]} == {
        "Yes": (2, True),
        "No": (1, False),
    }
    assert results["outcome"] == "carried"
    assert not SealedVote.objects.exists()
    assert set(CountedVote.objects.values_list("receipt_hash", flat=True)) == {
        receipt_hash(r) for r in receipts
    }
    assert not Voter.objects.filter(ballot=ballot, token_hash__isnull=False).exists()
    assert not Voter.objects.filter(ballot=ballot).exclude(token_nonce="").exists()
    # Closing again changes nothing.
    assert ballot_close(closed).results == results


def test_weighted_votes_carry_the_members_each_delegate_represents():
    ballot = make_list_ballot(voters=3, weights=[300, 120, 90], quorum_percent=50)
    links = tokens(ballot)
    vote_cast(ballot_id=ballot.pk, token=links["voter1@example.org"], choices=["Yes"])
    vote_cast(ballot_id=ballot.pk, token=links["voter2@example.org"], choices=["No"])
    results = ballot_close(ballot).results
    assert results["weighted"] is True
    assert results["roll"] == 510 and results["turnout"] == 420
    assert {o["label"]: o["votes"] for o in results["options"]} == {"Yes": 300, "No": 120}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"options": ["Yes"]}, "at least two options"),
        ({"options": ["Yes", "yes"]}, "same label"),
        ({"max_choices": 3}, "from 1 to 2"),
        ({"quorum_percent": 101}, "percentage"),
        ({"closes_at_hours": -1}, "closes after it opens"),
    ],
)
def test_a_bad_ballot_is_refused_and_nothing_is_stored(fields, message):
    now = timezone.now()
    if "closes_at_hours" in fields:
        fields = {"closes_at": now - dt.timedelta(hours=2)}
    with pytest.raises(ValidationError) as refused:
        make_list_ballot(voters=2, **fields)
    assert message in " ".join(refused.value.messages)
    assert not Ballot.objects.exists()
    assert not Voter.objects.exists()


def test_a_list_with_an_address_twice_is_refused():
    from picketline.ballots.services import ListedVoter, ballot_create

    now = timezone.now()
    with pytest.raises(ValidationError, match="twice"):
        ballot_create(
            organisation=factories.make_organisation(),
            question="Strike?",
            options=["Yes", "No"],
            opens_at=now,
            closes_at=now + dt.timedelta(days=1),
            electorate="list",
            voters=[ListedVoter("a@example.org"), ListedVoter("A@example.org ")],
        )
    assert not Ballot.objects.exists()


def test_naive_times_are_refused():
    now = dt.datetime.now()
    with pytest.raises(ValidationError, match="time zone"):
        make_list_ballot(voters=1, opens_at=now, closes_at=now + dt.timedelta(days=1))
