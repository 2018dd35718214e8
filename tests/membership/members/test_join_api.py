"""POST /api/v1/organisations/{id_or_slug}/members: the same join, from an organisation's site."""

import json

import pytest
from django.core import mail

from picketline.membership.members.models import Membership
from tests.membership import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    organisation = helpers.make_network()
    helpers.make_chapter(organisation, name="Leeds")
    return organisation


def _post(client, organisation, body, **headers):
    return client.post(
        f"/api/v1/organisations/{organisation.slug}/members",
        data=json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


BODY = {
    "name": "Ada Picket",
    "email": "ada@example.org",
    "place": "53.80,-1.55",
    "agree": True,
    "consent": True,
}


def test_it_accepts_a_join_and_emails_the_confirmation(client, network, send_now):
    plan = helpers.make_plan(network, name="Standard")
    with send_now():
        response = _post(client, network, {**BODY, "plan": "Standard"})
    assert response.status_code == 202
    assert response.json() == {"status": "pending"}
    membership = Membership.objects.get()
    assert (membership.status, membership.plan, membership.source) == ("pending", plan, "api")
    assert membership.chapter.name == "Leeds"
    assert "/members/confirm/" in mail.outbox[0].body


def test_it_takes_a_chapter_by_slug(client, network):
    other = helpers.make_chapter(network, name="Manchester", point=helpers.MANCHESTER)
    assert _post(client, network, {**BODY, "chapter": other.slug}).status_code == 202
    assert Membership.objects.get().chapter == other


@pytest.mark.parametrize("field", ["name", "email", "place", "agree", "consent"])
def test_a_missing_field_is_a_problem_naming_it_and_nothing_is_stored(client, network, field):
    body = dict(BODY)
    del body[field]
    response = _post(client, network, body)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert field in response.json()["errors"]
    assert not Membership.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("field", ["agree", "consent"])
def test_not_agreeing_is_a_problem_naming_it(client, network, field):
    response = _post(client, network, {**BODY, field: False})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not Membership.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("chapter", "atlantis"), ("plan", "Gold")])
def test_an_unknown_chapter_or_plan_is_a_problem(client, network, field, value):
    response = _post(client, network, {**BODY, field: value})
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Membership.objects.exists()


def test_an_unknown_organisation_is_404(client, db):
    response = client.post(
        "/api/v1/organisations/nobody/members",
        data=json.dumps(BODY),
        content_type="application/json",
    )
    assert response.status_code == 404


def test_it_is_rate_limited_per_address(client, network, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "join": "1/hour"}
    assert _post(client, network, BODY).status_code == 202
    response = _post(client, network, {**BODY, "email": "bo@example.org"})
    assert response.status_code == 429
    assert response["Retry-After"]
    assert Membership.objects.count() == 1


def test_the_answer_reveals_nothing_about_existing_members(client, network):
    helpers.make_member(network, email="ada@example.org")
    response = _post(client, network, BODY)
    assert response.status_code == 202
    assert response.json() == {"status": "pending"}
    assert Membership.objects.count() == 1
