"""The ballots' pages against every role that matters to them.

`tests/test_permissions.py` reads PUBLIC_NAMES and PRIVATE_NAMES from here, so a new URL of
ballots fails there until it is classified here. A ballot is its organisation's: the site's
moderators and admins run none and see no turnout (they are checked like anyone else).
"""

import pytest
from django.urls import reverse

from picketline.ballots.models import BallotStatus, Scrutineer, Voter
from picketline.ballots.services import ballot_close
from tests import factories
from tests.ballots.helpers import make_list_ballot

# Public: the result, tracker and list once closed; the voter's page behind its private link.
# Before the close the tracker is a 404, and the ballot's page shows no count to anyone and the
# information put to the vote only to its voters and organisers.
PUBLIC_NAMES = {
    "ballots:detail",
    "ballots:tracker",
    "ballots:tracker_csv",
    "ballots:organisation",
    "ballots:vote",
}
# Checked in tests/ballots/test_api.py against every role.
API_OPERATIONS = {
    ("post", "/api/v1/organisations/{id_or_slug}/ballots"),
    ("get", "/api/v1/ballots/{ballot_id}"),
    ("post", "/api/v1/ballots/{ballot_id}/votes"),
    ("post", "/api/v1/ballots/{ballot_id}/close"),
    ("get", "/api/v1/ballots/{ballot_id}/tracker"),
}
PRIVATE_NAMES = {
    "ballots:create",
    "ballots:manage",
    "ballots:remind",
    "ballots:close",
    "ballots:scrutineer_add",
    "ballots:vote_signed_in",
}

ROLES = [
    "anonymous",
    "supporter",
    "organiser",
    "other_organiser",
    "scrutineer",
    "voter",
    "moderator",
    "admin",
]


def _roles(default, **given):
    return {role: given.get(role, default) for role in ROLES}


MATRIX = {
    "create": _roles(403, anonymous=302, organiser=200),
    "manage": _roles(403, anonymous=302, organiser=200, scrutineer=200),
    "remind": _roles(405),
    "close": _roles(405),
    "scrutineer_add": _roles(405),
    "vote_signed_in": _roles(404, anonymous=302, voter=200),
    "detail": _roles(200),
    "tracker": _roles(404),
    "tracker_csv": _roles(404),
    "organisation": _roles(200),
}
POSTS = {
    "scrutineer_add": _roles(403, anonymous=302, organiser=400),
    "remind": _roles(403, anonymous=302, organiser=302),
    "close": _roles(403, anonymous=302, organiser=302),
}


@pytest.fixture
def world(db):
    people = {
        "anonymous": None,
        "supporter": factories.make_user(),
        "organiser": factories.make_user(),
        "other_organiser": factories.make_user(),
        "scrutineer": factories.make_user(),
        "voter": factories.make_user(),
        "moderator": factories.make_moderator(),
        "admin": factories.make_admin(),
    }
    for role in ("organiser", "other_organiser", "scrutineer", "voter"):
        factories.make_totp_device(people[role])
    ballot = make_list_ballot(voters=2)
    ballot.organisation.coordinators.add(people["organiser"])
    factories.make_organisation().coordinators.add(people["other_organiser"])
    Scrutineer.objects.create(ballot=ballot, user=people["scrutineer"])
    Voter.objects.filter(ballot=ballot, email="voter1@example.org").update(user=people["voter"])
    return people, ballot


def _url(name, ballot):
    if name in ("create", "organisation"):
        return reverse(f"ballots:{name}", kwargs={"slug": ballot.organisation.slug})
    return reverse(f"ballots:{name}", kwargs={"pk": ballot.pk})


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_as_it_should(client, world, role):
    people, ballot = world
    if people[role] is not None:
        factories.login(client, people[role])
    got = {name: client.get(_url(name, ballot)).status_code for name in MATRIX}
    assert got == {name: expected[role] for name, expected in MATRIX.items()}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisers_remind_and_close(client, world, role):
    people, ballot = world
    if people[role] is not None:
        factories.login(client, people[role])
    got = {name: client.post(_url(name, ballot)).status_code for name in POSTS}
    assert got == {name: expected[role] for name, expected in POSTS.items()}
    closed = ballot.__class__.objects.get(pk=ballot.pk).status == BallotStatus.CLOSED
    assert closed is (role == "organiser")


@pytest.mark.parametrize("role", ROLES)
def test_after_the_close_the_result_and_tracker_are_everyones(client, world, role):
    people, ballot = world
    ballot_close(ballot)
    if people[role] is not None:
        factories.login(client, people[role])
    for name in ("detail", "tracker", "tracker_csv"):
        assert client.get(_url(name, ballot)).status_code == 200
