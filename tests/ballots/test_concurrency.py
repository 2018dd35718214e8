"""Five hundred voters vote at once on PostgreSQL while a hundred replay their links: exactly
500 votes are counted, the 100 replays are refused, and the tally equals the tracker's sums."""

import random
import threading
from collections import Counter

import pytest
from django.db import connection

from picketline.ballots.models import CountedVote, SealedVote, Voter
from picketline.ballots.services import (
    VoteRefused,
    _lock_open,
    ballot_close,
    receipt_hash,
    vote_cast,
)
from tests.ballots.helpers import make_list_ballot, option_ids, tokens

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

VOTERS = 500
REPLAYS = 100
CONNECTIONS = 24


def test_five_hundred_votes_at_once_and_a_hundred_replays():
    ballot = make_list_ballot(voters=VOTERS, options=("Yes", "No", "Abstain"))
    ids = option_ids(ballot)
    links = list(tokens(ballot).values())
    labels = ["Yes", "No", "Abstain"]
    attempts = [(link, labels[n % 3]) for n, link in enumerate(links)]
    # Each replay races its own first vote: both go in the same wave.
    attempts += [(links[n * 5], "No") for n in range(REPLAYS)]
    random.Random(3).shuffle(attempts)
    outcomes = []
    start = threading.Barrier(CONNECTIONS, timeout=60)

    def run(share):
        try:
            start.wait()
            for link, label in share:
                try:
                    receipt = vote_cast(ballot_id=ballot.pk, token=link, choices=[label])
                    outcomes.append(("counted", receipt))
                except VoteRefused as refused:
                    outcomes.append((refused.code, None))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(attempts[n::CONNECTIONS],)) for n in range(CONNECTIONS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)

    codes = Counter(code for code, _receipt in outcomes)
    assert codes == {"counted": VOTERS, "already_voted": REPLAYS}
    receipts = [receipt for code, receipt in outcomes if code == "counted"]
    assert Voter.objects.filter(ballot=ballot, voted=True).count() == VOTERS
    assert SealedVote.objects.filter(ballot=ballot).count() == VOTERS

    results = ballot_close(ballot).results
    tracker = Counter()
    for vote in CountedVote.objects.filter(ballot=ballot):
        for option in vote.choices:
            tracker[option] += vote.weight
    assert {o["id"]: o["votes"] for o in results["options"]} == {
        ids[label]: tracker[ids[label]] for label in labels
    }
    assert sum(tracker.values()) == VOTERS == results["turnout"]
    assert set(CountedVote.objects.values_list("receipt_hash", flat=True)) == {
        receipt_hash(r) for r in receipts
    }


def test_the_close_waits_for_a_vote_in_flight():
    """A vote holds the ballot's lock shared until it commits; the close's exclusive lock
    cannot be had meanwhile (here: it gives up after a short lock timeout), so no vote can
    land after its count."""
    from django.db import OperationalError, connections, transaction

    ballot = make_list_ballot(voters=1)
    held = threading.Event()
    release = threading.Event()

    def vote_in_flight():
        try:
            with transaction.atomic():
                _lock_open(ballot.pk)  # what a vote holds until it commits
                held.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=vote_in_flight)
    thread.start()
    assert held.wait(timeout=30)
    try:
        with pytest.raises(OperationalError), transaction.atomic():
            with connections["default"].cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '300ms'")
            ballot_close(ballot)
    finally:
        release.set()
        thread.join(timeout=30)
    assert ballot_close(ballot).status == "closed"
