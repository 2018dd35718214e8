"""The admin lists ballots read-only, and has no page for votes or the roll."""

from html import escape

import pytest
from django.contrib import admin

from picketline.ballots.models import Ballot, CountedVote, SealedVote, Voter
from tests import factories
from tests.ballots.helpers import make_list_ballot

pytestmark = pytest.mark.django_db


def test_ballots_are_read_only_and_votes_and_rolls_have_no_admin(client):
    ballot = make_list_ballot(voters=1)
    for model in (SealedVote, CountedVote, Voter):
        assert not admin.site.is_registered(model)
    factories.login(client, factories.make_admin())
    listing = client.get("/admin/ballots/ballot/")
    assert listing.status_code == 200
    assert escape(ballot.question) in listing.content.decode()
    page = client.get(f"/admin/ballots/ballot/{ballot.pk}/change/").content.decode()
    assert "voter1@example.org" not in page
    assert ballot.seal_salt not in page
    assert (
        client.post(f"/admin/ballots/ballot/{ballot.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Ballot.objects.filter(pk=ballot.pk).exists()
