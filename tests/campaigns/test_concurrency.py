"""Coordinators working at once, from separate connections: a cell of the matrix set twice at
the same moment is one row holding one of the answers; a dispute added twice joins once."""

import pytest
from django.core.exceptions import ValidationError

from picketline.campaigns import services
from picketline.campaigns.models import CampaignDispute, DemandAdoption
from tests.campaigns.helpers import add_demand, dispute_in, join, make_campaign
from tests.concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_cell_set_by_many_at_once_is_one_row():
    campaign = make_campaign()
    dispute = dispute_in("DE")
    join(campaign, dispute)
    demand = add_demand(campaign)
    statuses = ["raised", "won", "partly_won", "lost"] * 2

    outcomes = race(
        [
            lambda status=status: services.demand_adoption_set(
                campaign=campaign,
                dispute=dispute,
                demand=demand,
                by=None,
                adopted=True,
                status=status,
            )
            for status in statuses
        ]
    )

    assert all(isinstance(outcome, DemandAdoption) for outcome in outcomes)
    cell = DemandAdoption.objects.get()
    assert cell.status in statuses


def test_a_dispute_added_by_many_at_once_joins_once():
    campaign = make_campaign()
    dispute = dispute_in("ES")

    outcomes = race(
        [
            lambda: services.campaign_dispute_add(campaign=campaign, dispute=dispute, by=None)
            for _ in range(6)
        ],
        refused=ValidationError,
    )

    assert sum(isinstance(o, CampaignDispute) for o in outcomes) == 1
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 5
    assert CampaignDispute.objects.count() == 1
