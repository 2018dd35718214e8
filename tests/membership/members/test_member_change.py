"""Organisers move a member to another chapter or dues plan from the member's page; audited by
id; a chapter organiser only among the chapters they organise."""

import pytest

from picketline.core.models import AuditEntry
from tests import factories
from tests.membership import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    organisation = helpers.make_network(name="Movers Network")
    leeds = helpers.make_chapter(organisation, name="Leeds")
    york = helpers.make_chapter(organisation, name="York")
    cheap = helpers.make_plan(organisation, name="Low pay", amount_minor=200)
    full = helpers.make_plan(organisation, name="Full", amount_minor=800)
    member = helpers.make_member(organisation, chapter=leeds, plan=cheap, name="Ada Mover")
    return {
        "organisation": organisation,
        "leeds": leeds,
        "york": york,
        "cheap": cheap,
        "full": full,
        "member": member,
    }


def _url(network):
    return f"/organisations/{network['organisation'].slug}/members/{network['member'].pk}/change/"


def test_an_admin_moves_a_member_to_another_chapter_and_plan(client, network):
    admin = helpers.make_admin(network["organisation"])
    factories.login(client, admin)
    page = client.get(
        f"/organisations/{network['organisation'].slug}/members/{network['member'].pk}/"
    )
    assert _url(network) in page.content.decode()
    form = client.get(_url(network)).context["form"]
    assert (
        form["chapter"].value() == network["leeds"].pk
        and form["plan"].value() == network["cheap"].pk
    )

    response = client.post(
        _url(network), {"chapter": network["york"].pk, "plan": network["full"].pk}
    )
    assert response.status_code == 303
    network["member"].refresh_from_db()
    assert (network["member"].chapter, network["member"].plan) == (network["york"], network["full"])
    entry = AuditEntry.objects.get(action="membership.changed")
    assert entry.user == admin
    assert entry.data == {
        "membership": network["member"].pk,
        "changes": {
            "chapter": [network["leeds"].pk, network["york"].pk],
            "plan": [network["cheap"].pk, network["full"].pk],
        },
    }
    assert "Ada" not in str(entry.data)


def test_a_chapter_organiser_keeps_members_among_their_chapters(client, network):
    organiser = helpers.make_organiser(network["leeds"])
    factories.login(client, organiser)
    response = client.post(
        _url(network), {"chapter": network["york"].pk, "plan": network["full"].pk}
    )
    assert response.status_code == 400
    network["member"].refresh_from_db()
    assert (
        network["member"].chapter == network["leeds"] and network["member"].plan == network["cheap"]
    )
    assert not AuditEntry.objects.filter(action="membership.changed").exists()

    response = client.post(
        _url(network), {"chapter": network["leeds"].pk, "plan": network["full"].pk}
    )
    assert response.status_code == 303
    network["member"].refresh_from_db()
    assert network["member"].plan == network["full"]


def test_a_plan_of_another_organisation_is_refused(client, network):
    other_plan = helpers.make_plan(helpers.make_network(name="Elsewhere"))
    factories.login(client, helpers.make_admin(network["organisation"]))
    response = client.post(_url(network), {"chapter": network["leeds"].pk, "plan": other_plan.pk})
    assert response.status_code == 400
    network["member"].refresh_from_db()
    assert network["member"].plan == network["cheap"]


def test_a_payment_is_recorded_from_the_same_page(client, network):
    organiser = helpers.make_organiser(network["leeds"])
    factories.login(client, organiser)
    base = f"/organisations/{network['organisation'].slug}/members/{network['member'].pk}/"
    assert "Record a payment" in client.get(base).content.decode()
    response = client.post(base + "payments/", {"amount": "2.00", "method": "cash"})
    assert response.status_code == 303
    assert network["member"].dues_entries.get().amount_minor == 200
