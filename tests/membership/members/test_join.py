"""Joining online: the form, the emailed single-use link, and leaving in one click."""

import re

import pytest
from django.core import mail

from picketline.core.models import AuditEntry
from picketline.membership.members.models import Membership
from tests.membership import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    organisation = helpers.make_network(name="Strike Support Network")
    helpers.make_chapter(organisation, name="Leeds", point=helpers.LEEDS)
    helpers.make_chapter(organisation, name="Manchester", point=helpers.MANCHESTER)
    return organisation


def _form(plan, **extra):
    return {
        "name": "Ada Picket",
        "email": "ada@example.org",
        "place": "53.80,-1.55",
        "plan": plan.pk,
        "agree": "on",
        "consent": "on",
        **extra,
    }


def _link(body: str, kind: str) -> str:
    return re.search(rf"http://\S+/members/{kind}/[^/\s]+/", body).group(0)


def test_it_suggests_the_nearest_chapter_and_confirms_by_the_emailed_link(
    client, network, send_now
):
    plan = helpers.make_plan(network)
    with send_now():
        response = client.post(f"/organisations/{network.slug}/join/", _form(plan))
    assert response.status_code == 303
    membership = Membership.objects.get()
    assert membership.status == "pending"
    assert membership.chapter.name == "Leeds"
    assert len(mail.outbox) == 1
    confirm = _link(mail.outbox[0].body, "confirm")
    raw = confirm.rstrip("/").rsplit("/", 1)[1]
    assert raw not in {membership.confirm_token_hash, membership.token_hash}
    # Following the link shows a button; a mail scanner's GET changes nothing.
    assert client.get(confirm).status_code == 200
    assert Membership.objects.get().status == "pending"
    with send_now():
        response = client.post(confirm)
    assert response.status_code == 303
    membership.refresh_from_db()
    assert membership.status == "active"
    assert membership.joined_at and membership.dues_start
    assert AuditEntry.objects.filter(action="membership.joined").count() == 1
    # The link works once.
    assert client.post(confirm).status_code == 404


@pytest.mark.parametrize("missing", ["name", "email", "place", "agree", "consent", "plan"])
def test_it_stores_nothing_when_a_field_is_missing(client, network, missing):
    plan = helpers.make_plan(network)
    data = _form(plan)
    del data[missing]
    response = client.post(f"/organisations/{network.slug}/join/", data)
    assert response.status_code == 400
    assert not Membership.objects.exists()
    assert len(mail.outbox) == 0


def test_it_refuses_a_robot_that_fills_the_honeypot(client, network):
    plan = helpers.make_plan(network)
    response = client.post(f"/organisations/{network.slug}/join/", _form(plan, website="x"))
    assert response.status_code == 400
    assert not Membership.objects.exists()


def test_it_refuses_an_unknown_place_without_a_chapter(client, network, gazetteer):
    plan = helpers.make_plan(network)
    response = client.post(
        f"/organisations/{network.slug}/join/", _form(plan, place="Nowhereville Xyz")
    )
    assert response.status_code == 400
    assert "No place called" in response.content.decode()
    assert not Membership.objects.exists()


def test_joining_again_tells_only_the_owner_of_the_address(client, network, send_now):
    plan = helpers.make_plan(network)
    helpers.make_member(network, plan=plan, email="ada@example.org")
    with send_now():
        response = client.post(f"/organisations/{network.slug}/join/", _form(plan))
    assert response.status_code == 303
    assert Membership.objects.count() == 1
    assert mail.outbox[0].to == ["ada@example.org"]
    assert "already" in mail.outbox[0].subject


def test_a_member_leaves_in_one_click_from_the_link_in_every_email(client, network, send_now):
    plan = helpers.make_plan(network)
    with send_now():
        client.post(f"/organisations/{network.slug}/join/", _form(plan))
    with send_now():
        client.post(_link(mail.outbox[0].body, "confirm"))
    own = _link(mail.outbox[-1].body, "me")
    assert client.get(own).status_code == 200
    response = client.post(own, {"action": "leave"})
    assert response.status_code == 303
    membership = Membership.objects.get()
    assert membership.status == "left" and membership.left_at
    assert AuditEntry.objects.filter(action="membership.left").count() == 1


def test_a_signed_in_member_leaves_from_their_account(client, network):
    user = helpers.factories.make_user()
    membership = helpers.make_member(network, user=user)
    client.force_login(user)
    page = client.get("/my/memberships/")
    assert network.name in page.content.decode()
    response = client.post(f"/my/memberships/{membership.pk}/leave/")
    assert response.status_code == 303
    membership.refresh_from_db()
    assert membership.status == "left"


def test_someone_else_cannot_leave_for_a_member(client, network):
    membership = helpers.make_member(network, user=helpers.factories.make_user())
    client.force_login(helpers.factories.make_user())
    assert client.post(f"/my/memberships/{membership.pk}/leave/").status_code == 404
    membership.refresh_from_db()
    assert membership.status == "active"


def test_joining_is_rate_limited(client, network, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "join": "2/hour"}
    plan = helpers.make_plan(network)
    for n in range(2):
        client.post(f"/organisations/{network.slug}/join/", _form(plan, email=f"a{n}@example.org"))
    response = client.post(f"/organisations/{network.slug}/join/", _form(plan))
    assert response.status_code == 429
    assert Membership.objects.count() == 2
