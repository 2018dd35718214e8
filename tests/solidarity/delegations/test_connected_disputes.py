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
