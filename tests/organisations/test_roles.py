"""One invitation flow, many roles: each room registers what its role gives, and the flow
refuses what does not fit the role."""

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from picketline.organisations.invitations.roles import role_get
from picketline.organisations.invitations.services import invitation_create
from picketline.organisations.models import Invitation
from tests import factories

pytestmark = pytest.mark.django_db


def test_every_room_registers_its_role():
    assert role_get("coordinator").model == "disputes.Dispute"
    assert role_get("account-holder").model == "organisations.Organisation"
    assert role_get("event-organiser").model == "events.Event"


def test_an_unknown_role_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured):
        role_get("treasurer")


def test_a_role_is_refused_on_the_wrong_kind_of_target():
    union = factories.make_organisation()
    with pytest.raises(TypeError):
        invitation_create(role="coordinator", target=union, email="a@example.org")
    assert not Invitation.objects.exists()


def test_an_employer_has_no_account_holders():
    employer = factories.make_organisation(kind="employer")
    with pytest.raises(ValidationError, match="employer's page has no account holders"):
        factories.invite(employer, "boss@example.org")
    assert not Invitation.objects.exists()


def test_invitations_go_with_what_they_were_for():
    dispute = factories.make_dispute()
    event = factories.make_event(organiser=factories.make_user())
    union = factories.make_organisation()
    for target in (dispute, event, union):
        factories.invite(target, "someone@example.org")
    assert Invitation.objects.count() == 3
    dispute.delete()
    event.delete()
    assert [i.role for i in Invitation.objects.all()] == ["account-holder"]
    union.delete()
    assert not Invitation.objects.exists()


def test_an_invitation_whose_target_is_gone_no_longer_works(client):
    event = factories.make_event(organiser=factories.make_user())
    invitation, raw = factories.invite(event, "host@example.org")
    # A row left pointing at nothing (e.g. deleted outside the ORM) is refused, not a 500.
    Invitation.objects.filter(pk=invitation.pk).update(object_id=event.pk + 1000)
    response = client.get(f"/invitations/{raw}/")
    assert response.status_code == 410
    assert "no longer exists" in response.text
