"""An organisation's admin exports or erases one member's data at the member's request: a
two-factor page, audited by membership id, never by name."""

import json

import pytest

from picketline.core.models import AuditEntry
from picketline.membership.dues.models import DuesEntry
from picketline.membership.members.models import Membership
from tests import factories
from tests.membership import helpers

pytestmark = pytest.mark.django_db

NAME = "Ximena Requester"
EMAIL = "ximena.requester@example.net"


@pytest.fixture
def world(client):
    organisation = helpers.make_network(name="Request Network")
    chapter = helpers.make_chapter(organisation)
    plan = helpers.make_plan(organisation)
    member = helpers.make_member(organisation, chapter=chapter, plan=plan, name=NAME, email=EMAIL)
    DuesEntry.objects.create(
        membership=member,
        date=member.dues_start,
        method="cash",
        amount_minor=500,
        currency="GBP",
        note="Ximena paid at the stall",
    )
    admin = helpers.make_admin(organisation)
    factories.login(client, admin)
    base = f"/organisations/{organisation.slug}/members/{member.pk}/"
    return {"member": member, "admin": admin, "base": base, "organisation": organisation}


def test_the_admin_downloads_one_members_data(client, world):
    response = client.get(world["base"] + "data.json")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    document = json.loads(response.content)
    assert document["membership"]["name"] == NAME and document["membership"]["email"] == EMAIL
    assert [e["amount_minor"] for e in document["dues_entries"]] == [500]
    entry = AuditEntry.objects.get(action="membership.exported")
    assert entry.user == world["admin"] and entry.data == {"membership": world["member"].pk}


def test_the_admin_erases_one_member_and_the_ledger_stays(client, world):
    page = client.get(world["base"] + "erase/")
    assert page.status_code == 200 and "cannot be undone" in page.content.decode()
    assert Membership.objects.get(pk=world["member"].pk).name == NAME  # a GET erases nothing

    response = client.post(world["base"] + "erase/")
    assert response.status_code == 303
    member = Membership.objects.get(pk=world["member"].pk)
    assert member.status == "left" and member.name == "" and member.place_name == ""
    assert member.email == f"erased-{member.pk}@erased.invalid"
    entry = member.dues_entries.get()
    assert entry.amount_minor == 500 and entry.note == ""
    audit = AuditEntry.objects.get(action="membership.erased")
    assert audit.user == world["admin"] and audit.data == {"membership": member.pk}
    for row in AuditEntry.objects.all():
        assert "Ximena" not in json.dumps(row.data) + row.reason
    # The member's old link no longer opens their page.
    assert member.token_hash != world["member"].token_hash


def test_organisers_and_treasurers_may_not(client, world):
    chapter = world["member"].chapter
    for person in (helpers.make_organiser(chapter), helpers.make_treasurer(world["organisation"])):
        factories.login(client, person)
        assert client.get(world["base"] + "data.json").status_code == 403
        assert client.post(world["base"] + "erase/").status_code == 403
    assert Membership.objects.get(pk=world["member"].pk).name == NAME
