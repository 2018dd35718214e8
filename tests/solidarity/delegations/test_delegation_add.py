"""Coordinators record delegations, and only they (or moderators) can."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape

from picketline.core.audit import audit_entries_for
from picketline.solidarity.delegations.services import delegation_add
from picketline.solidarity.models import Delegation
from tests.factories import login, make_coordinator, make_dispute, make_user

pytestmark = pytest.mark.django_db


def test_a_coordinator_records_a_delegation(client):
    dispute = make_dispute()
    coordinator = make_coordinator(dispute)
    login(client, coordinator)
    response = client.post(
        f"/disputes/{dispute.slug}/manage/delegations/add/",
        {
            "kind": "visited",
            "date": timezone.localdate().isoformat(),
            "group_name": "Teachers' branch <b>North</b>",
            "country": "gb",
        },
    )
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert delegation.group_name == "Teachers' branch North"
    assert delegation.country == "GB"
    assert delegation.added_by == coordinator
    entry = audit_entries_for(dispute).get(action="dispute.delegation_added")
    assert entry.user == coordinator
    page = client.get(dispute.get_absolute_url()).content.decode()
    assert escape("Teachers' branch North") in page


def test_bad_input_stores_nothing(client):
    dispute = make_dispute()
    login(client, make_coordinator(dispute))
    response = client.post(
        f"/disputes/{dispute.slug}/manage/delegations/add/",
        {"kind": "teleported", "date": "not a date", "group_name": "", "country": "Britain"},
    )
    assert response.status_code == 400
    assert not Delegation.objects.exists()


def test_a_dispute_cannot_send_a_delegation_to_itself():
    dispute = make_dispute()
    with pytest.raises(ValidationError):
        delegation_add(
            dispute=dispute,
            user=None,
            kind="sent",
            date=timezone.localdate(),
            group_name="Ourselves",
            from_dispute=dispute,
        )
    assert not Delegation.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "supporter", "other_coordinator"])
def test_only_the_disputes_coordinators_and_moderators_record_them(client, who):
    dispute = make_dispute()
    if who == "supporter":
        login(client, make_user())
    elif who == "other_coordinator":
        login(client, make_coordinator(make_dispute()))
    response = client.post(
        f"/disputes/{dispute.slug}/manage/delegations/add/",
        {"kind": "visited", "date": timezone.localdate().isoformat(), "group_name": "X"},
    )
    assert response.status_code == (302 if who == "anonymous" else 403)
    assert not Delegation.objects.exists()
