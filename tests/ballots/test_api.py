"""The ballots' API: put a question, read it, vote with a token, close, recount."""

import datetime as dt

import pytest
from django.utils import timezone

from picketline.accounts.services import api_token_create
from picketline.ballots.models import Ballot, SealedVote
from picketline.ballots.services import receipt_hash
from picketline.core.models import OutboxEmail
from tests import factories
from tests.ballots.helpers import make_list_ballot, option_ids, tokens

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='ballots')[1]}"}


@pytest.fixture
def organiser_of(db):
    def make(organisation):
        user = factories.make_user()
        organisation.coordinators.add(user)
        factories.make_totp_device(user)
        return user

    return make


def _body(**overrides):
    now = timezone.now()
    body = {
        "question": "Accept the offer?",
        "options": ["Yes", "No"],
        "max_choices": 1,
        "opens_at": (now - dt.timedelta(minutes=1)).isoformat(),
        "closes_at": (now + dt.timedelta(days=1)).isoformat(),
        "electorate": {"kind": "list", "emails": ["a@example.org", "b@example.org"]},
        "quorum": 50,
        "threshold": "majority",
    }
    return body | overrides


def test_an_organiser_puts_a_question_and_the_voters_are_invited(client, organiser_of):
    organisation = factories.make_organisation()
    response = client.post(
        f"/api/v1/organisations/{organisation.slug}/ballots",
        _body(),
        content_type="application/json",
        **_bearer(organiser_of(organisation)),
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert [o["label"] for o in data["options"]] == ["Yes", "No"]
    assert all(isinstance(o["id"], int) for o in data["options"])
    assert data["status"] == "open" and data["results"] is None
    assert data["turnout"] == {"roll": 2, "voted": 0}
    assert OutboxEmail.objects.filter(address="a@example.org", body__contains="/vote/").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"options": ["Yes", "yes"]}, "options"),
        ({"quorum": 150}, "quorum"),
        ({"electorate": {"kind": "members"}}, "record_date"),
        ({"closes_at": "2020-01-01T00:00:00+00:00"}, "closes_at"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_a_bad_ballot_is_refused_and_nothing_is_stored(client, organiser_of, overrides, field):
    organisation = factories.make_organisation()
    response = client.post(
        f"/api/v1/organisations/{organisation.id}/ballots",
        _body(**overrides),
        content_type="application/json",
        **_bearer(organiser_of(organisation)),
    )
    assert response.status_code in (400, 422)
    assert field in str(response.json())
    assert not Ballot.objects.exists()


def test_only_the_organisations_account_holders_put_questions(client):
    organisation = factories.make_organisation()
    url = f"/api/v1/organisations/{organisation.slug}/ballots"
    assert client.post(url, _body(), content_type="application/json").status_code == 401
    moderator = factories.make_moderator()
    response = client.post(url, _body(), content_type="application/json", **_bearer(moderator))
    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_a_vote_by_token_returns_a_receipt_and_a_second_is_refused(client):
    ballot = make_list_ballot(voters=2, options=("Accept", "Reject"))
    token = tokens(ballot)["voter1@example.org"]
    url = f"/api/v1/ballots/{ballot.pk}/votes"
    first = client.post(
        url, {"token": token, "choices": ["Accept"]}, content_type="application/json"
    )
    assert first.status_code == 201
    receipt = first.json()["receipt"]
    again = client.post(
        url,
        {"token": token, "choices": [option_ids(ballot)["Reject"]]},
        content_type="application/json",
    )
    assert again.status_code == 409
    assert again.json()["type"].endswith("vote-already-voted")
    bad = client.post(
        url,
        {"token": tokens(ballot)["voter2@example.org"], "choices": ["Maybe"]},
        content_type="application/json",
    )
    assert bad.status_code == 400
    unknown = client.post(
        url, {"token": "f" * 40, "choices": ["Accept"]}, content_type="application/json"
    )
    assert unknown.status_code == 404
    assert SealedVote.objects.count() == 1

    # Before the close: no result, and no turnout for anyone without a token.
    detail = client.get(f"/api/v1/ballots/{ballot.pk}").json()
    assert detail["results"] is None and detail["turnout"] is None
    assert client.get(f"/api/v1/ballots/{ballot.pk}/tracker").status_code == 404

    organiser = factories.make_user()
    ballot.organisation.coordinators.add(organiser)
    watched = client.get(f"/api/v1/ballots/{ballot.pk}", **_bearer(organiser)).json()
    assert watched["turnout"] == {"roll": 2, "voted": 1}
    closed = client.post(f"/api/v1/ballots/{ballot.pk}/close", **_bearer(organiser))
    assert closed.status_code == 200
    results = closed.json()["results"]
    assert {o["label"]: o["votes"] for o in results["options"]} == {"Accept": 1, "Reject": 0}
    assert results["quorum_met"] is True and results["outcome"] == "carried"

    tracker = client.get(f"/api/v1/ballots/{ballot.pk}/tracker").json()
    assert tracker["count"] == 1 and tracker["next"] is None
    assert tracker["votes"][0]["receipt_hash"] == receipt_hash(receipt)
    assert tracker["votes"][0]["choices"] == [option_ids(ballot)["Accept"]]


def test_only_its_organisers_close_a_ballot(client):
    ballot = make_list_ballot(voters=1)
    url = f"/api/v1/ballots/{ballot.pk}/close"
    assert client.post(url).status_code == 401
    assert client.post(url, **_bearer(factories.make_admin())).status_code == 403
    assert Ballot.objects.get(pk=ballot.pk).status == "open"


def test_the_tracker_pages_through_every_vote(client, monkeypatch):
    from picketline.api import ballots as api

    monkeypatch.setattr(api, "TRACKER_LIMIT", 2)
    ballot = make_list_ballot(voters=5)
    for token in tokens(ballot).values():
        client.post(
            f"/api/v1/ballots/{ballot.pk}/votes",
            {"token": token, "choices": ["Yes"]},
            content_type="application/json",
        )
    from picketline.ballots.services import ballot_close

    ballot_close(ballot)
    seen, url = [], f"/api/v1/ballots/{ballot.pk}/tracker"
    while url:
        page = client.get(url).json()
        seen += [v["receipt_hash"] for v in page["votes"]]
        url = page["next"]
    assert len(seen) == 5 == len(set(seen))
    assert seen == sorted(seen)
