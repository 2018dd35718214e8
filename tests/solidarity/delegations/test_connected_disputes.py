"""Disputes are connected by delegations, by an employer or its group, and by a union still in
struggle."""

import pytest
from django.utils import timezone

from picketline.solidarity.delegations.selectors import disputes_connected
from picketline.solidarity.delegations.services import delegation_add
from tests.factories import make_dispute, make_organisation

pytestmark = pytest.mark.django_db


def test_it_connects_disputes_by_delegation_employer_group_and_union():
    group = make_organisation(name="Logistics Group", kind="employer")
    depot = make_organisation(name="Depot North", kind="employer")
    depot.parent = group
    depot.save()
    union = make_organisation(name="Drivers Union")
    here = make_dispute(title="Here", employer=depot, union=union)
    sibling = make_dispute(title="Sibling depot", employer=group)
    comrades = make_dispute(title="Same union", union=union)
    make_dispute(title="Same union but over", union=union, status="ended")
    visitors = make_dispute(title="Visitors")
    delegation_add(
        dispute=here,
        user=None,
        kind="sent",
        date=timezone.localdate(),
        group_name="Visitors' strike committee",
        from_dispute=visitors,
    )
    connections = {c.dispute.title: c.reasons for c in disputes_connected(dispute=here)}
    assert set(connections) == {"Sibling depot", "Same union", "Visitors"}
    assert connections["Visitors"] == ["Sent a delegation here"]
    assert sibling.title in connections and comrades.title in connections


def test_the_dispute_page_shows_connections_as_they_change(client):
    """The page keeps its connections in the cache, under the registry's and the delegations'
    versions: a new delegation, a renamed or ended dispute show at once."""
    from picketline.disputes.models import Dispute
    from picketline.solidarity.delegations.models import Delegation

    union = make_organisation(name="Drivers Union")
    here = make_dispute(title="Here", union=union)
    comrades = make_dispute(title="Comrades", union=union)
    visitors = make_dispute(title="Visitors")
    page = client.get(here.get_absolute_url()).content.decode()
    assert "Comrades" in page and "Visitors" not in page

    delegation = delegation_add(
        dispute=here,
        user=None,
        kind="sent",
        date=timezone.localdate(),
        group_name="Visitors' strike committee",
        from_dispute=visitors,
    )
    Delegation.objects.filter(pk=delegation.pk).update(published_at=timezone.now())
    page = client.get(here.get_absolute_url()).content.decode()
    assert "Visitors" in page and "Sent a delegation here" in page

    Dispute.objects.filter(pk=comrades.pk).update(title="Comrades renamed")
    assert "Comrades renamed" in client.get(here.get_absolute_url()).content.decode()
    Dispute.objects.filter(pk=comrades.pk).update(status="ended")
    assert "Comrades renamed" not in client.get(here.get_absolute_url()).content.decode()
