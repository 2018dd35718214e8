"""Ballot test data: ballots of a list of addresses or of an organisation's members."""

import datetime as dt

from django.utils import timezone

from picketline.ballots.links import voter_token
from picketline.ballots.models import Voter
from picketline.ballots.services import ListedVoter, ballot_create
from tests import factories


def make_list_ballot(
    *, voters=5, options=("Yes", "No"), weights=None, organisation=None, hours=24, **fields
):
    """An open ballot of `voters` listed addresses (voter1@example.org …)."""
    now = timezone.now()
    listed = [
        ListedVoter(
            email=f"voter{n}@example.org",
            name=f"Voter {n}",
            weight=(weights[n - 1] if weights else 1),
        )
        for n in range(1, voters + 1)
    ]
    return ballot_create(
        organisation=organisation or factories.make_organisation(),
        question=fields.pop("question", "Accept the employer's offer?"),
        options=list(options),
        opens_at=fields.pop("opens_at", now - dt.timedelta(minutes=1)),
        closes_at=fields.pop("closes_at", now + dt.timedelta(hours=hours)),
        electorate="list",
        voters=listed,
        weighted=weights is not None,
        **fields,
    )


def tokens(ballot) -> dict[str, str]:
    """Each voter's private token, by email, in the roll's order."""
    return {v.email: voter_token(v) for v in Voter.objects.filter(ballot=ballot).order_by("id")}


def option_ids(ballot) -> dict[str, int]:
    return dict(ballot.options.values_list("label", "id"))
