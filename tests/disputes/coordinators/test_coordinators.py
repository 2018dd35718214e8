"""Coordinators take each other off a dispute; the last one cannot leave it alone."""

import pytest

from picketline.core.audit import audit_entries_for
from picketline.organisations.models import Invitation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispute():
    return factories.make_dispute()


def _remove(dispute, user):
    return f"/disputes/{dispute.slug}/manage/coordinators/{user.pk}/remove/"


def test_it_lists_coordinators_and_pending_invitations(client, dispute):
    first = factories.make_coordinator(dispute, username="ana")
    factories.make_coordinator(dispute, username="ben")
    factories.login(client, first)
    client.post(f"/disputes/{dispute.slug}/manage/invite/", {"email": "cleo@example.org"})
    page = client.get(f"/disputes/{dispute.slug}/manage/").text
    assert "<strong>ana</strong>" in page and "(you)" in page and "<strong>ben</strong>" in page
    assert "cleo@example.org" in page
    invitation = Invitation.objects.get()
    assert f"/manage/invitations/{invitation.pk}/revoke/" in page


def test_it_refuses_an_invitation_to_a_bad_address(client, dispute):
    factories.login(client, factories.make_coordinator(dispute))
    response = client.post(f"/disputes/{dispute.slug}/manage/invite/", {"email": "not-an-email"})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.text
    assert not Invitation.objects.exists()


def test_a_coordinator_removes_another(client, dispute):
    ana = factories.make_coordinator(dispute)
    ben = factories.make_coordinator(dispute)
    factories.login(client, ana)
    assert "Remove" in client.get(_remove(dispute, ben)).text
    response = client.post(_remove(dispute, ben))
    assert response.status_code == 302
    assert list(dispute.coordinators.all()) == [ana]
    entry = audit_entries_for(dispute).get(action="dispute.coordinator_removed")
    assert entry.user == ana and entry.data == {"user": ben.pk}
    factories.login(client, ben)
    assert client.get(f"/disputes/{dispute.slug}/manage/").status_code == 403


def test_the_last_coordinator_cannot_leave_alone(client, dispute):
    ana = factories.make_coordinator(dispute)
    factories.login(client, ana)
    response = client.post(_remove(dispute, ana), follow=True)
    assert "only coordinator" in response.text
    assert list(dispute.coordinators.all()) == [ana]


def test_a_coordinator_leaves_when_someone_else_stays(client, dispute):
    ana = factories.make_coordinator(dispute)
    factories.make_coordinator(dispute)
    factories.login(client, ana)
    response = client.post(_remove(dispute, ana))
    assert response["Location"] == "/my/disputes/"
    assert not dispute.coordinators.filter(pk=ana.pk).exists()


def test_a_moderator_removes_the_last_coordinator(client, dispute):
    ana = factories.make_coordinator(dispute)
    factories.login(client, factories.make_moderator())
    assert client.post(_remove(dispute, ana)).status_code == 302
    assert not dispute.coordinators.exists()
