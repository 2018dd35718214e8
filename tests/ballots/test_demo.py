"""`picketline demo-ballots`: a closed ballot with its result and tracker, and an open one on
an offer the `member` login may vote on, loaded once."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from picketline.ballots.models import Ballot, BallotStatus, CountedVote, Voter
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_loads_a_closed_and_an_open_ballot_once(client):
    call_command("demo_ballots")
    call_command("demo_ballots")
    closed = Ballot.objects.get(status=BallotStatus.CLOSED)
    opened = Ballot.objects.get(status=BallotStatus.OPEN)
    assert closed.results["voted_people"] == CountedVote.objects.filter(ballot=closed).count() > 0
    assert closed.results["outcome"] in {"carried", "not_carried", "quorum_not_met"}
    member = Voter.objects.get(ballot=opened, user__username="member")
    assert not member.voted
    page = client.get(closed.get_absolute_url()).content.decode()
    assert "Carried" in page or "No option" in page or "Quorum not met" in page
    assert "@example.org" not in page
    factories.login(client, member.user)
    response = client.get(reverse("ballots:vote_signed_in", kwargs={"pk": opened.pk}))
    assert response.status_code == 200
    assert "revised offer" in response.content.decode()
