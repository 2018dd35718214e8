"""The matrix: one cell per dispute of the campaign and common demand, in a fixed number of
queries; the database refuses a second cell and a status on a demand not adopted."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from picketline.campaigns import services
from picketline.campaigns.models import CampaignDispute, DemandAdoption
from picketline.campaigns.selectors import campaign_matrix
from picketline.core.models import AuditEntry
from tests.campaigns.helpers import add_demand, adopt, dispute_in, join, make_campaign

pytestmark = pytest.mark.django_db


def test_it_builds_a_row_per_dispute_and_a_cell_per_demand():
    campaign = make_campaign()
    berlin, valencia = dispute_in("DE", title="Berlin plant"), dispute_in("ES", title="Valencia")
    join(campaign, valencia, berlin)
    pay = add_demand(campaign, "Equal pay", position=1)
    hours = add_demand(campaign, "Shorter hours", position=2)
    adopt(campaign, berlin, pay, "won", date=dt.date(2026, 3, 1), source_url="https://e.org/1")
    services.demand_adoption_set(
        campaign=campaign, dispute=valencia, demand=hours, by=None, adopted=False
    )

    matrix = campaign_matrix(campaign, language="en")

    assert [d.demand.text for d in matrix.demands] == ["Equal pay", "Shorter hours"]
    assert [(row.dispute.title, row.country) for row in matrix.rows] == [
        ("Berlin plant", "DE"),
        ("Valencia", "ES"),
    ]
    berlin_row, valencia_row = matrix.rows
    assert [(c.adopted, c.status, c.symbol) for c in berlin_row.cells] == [
        (True, "won", "✔"),
        (False, "", "\u2013"),
    ]
    assert berlin_row.cells[0].adoption.source_url == "https://e.org/1"
    assert [c.label for c in valencia_row.cells] == ["Not adopted", "Not adopted"]
    assert matrix.countries == ["DE", "ES"]


def test_it_reads_the_matrix_in_the_same_queries_however_large(django_assert_num_queries):
    campaign = make_campaign()
    demand = add_demand(campaign)
    first = dispute_in("DE")
    join(campaign, first)
    adopt(campaign, first, demand)
    with django_assert_num_queries(5):
        campaign_matrix(campaign, language="en")
    for n in range(6):
        dispute = dispute_in(["ES", "FR", "BR"][n % 3])
        join(campaign, dispute)
        other = add_demand(campaign, f"Demand {n}", position=n + 2)
        adopt(campaign, dispute, other, "partly_won")
    with django_assert_num_queries(5):
        matrix = campaign_matrix(campaign, language="en")
    assert len(matrix.rows) == 7 and len(matrix.demands) == 7


def test_setting_a_cell_again_changes_it_and_is_audited():
    campaign = make_campaign()
    dispute = dispute_in("DE")
    join(campaign, dispute)
    demand = add_demand(campaign)
    adopt(campaign, dispute, demand, "raised")
    adopt(campaign, dispute, demand, "lost", date=dt.date(2026, 5, 1))
    cell = DemandAdoption.objects.get()
    assert (cell.status, cell.date) == ("lost", dt.date(2026, 5, 1))
    assert AuditEntry.objects.filter(action="campaign.demand_status_set").count() == 2


def test_the_database_refuses_a_second_cell_for_the_same_dispute_and_demand():
    campaign = make_campaign()
    dispute = dispute_in("DE")
    join(campaign, dispute)
    demand = add_demand(campaign)
    membership = CampaignDispute.objects.get()
    DemandAdoption.objects.create(membership=membership, demand=demand)
    with pytest.raises(IntegrityError), transaction.atomic():
        DemandAdoption.objects.create(membership=membership, demand=demand)


@pytest.mark.parametrize(
    ("adopted", "status", "date"),
    [
        (False, "won", None),  # a status on a demand not adopted
        (False, "", dt.date(2026, 1, 1)),  # a date on a demand not adopted
        (True, "", None),  # adopted, with no status
        (True, "sort_of", None),  # a status that does not exist
    ],
)
def test_the_database_refuses_a_status_that_does_not_fit(adopted, status, date):
    campaign = make_campaign()
    dispute = dispute_in("DE")
    join(campaign, dispute)
    demand = add_demand(campaign)
    membership = CampaignDispute.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        DemandAdoption.objects.create(
            membership=membership, demand=demand, adopted=adopted, status=status, date=date
        )


def test_the_database_refuses_a_dispute_joining_twice():
    campaign = make_campaign()
    dispute = dispute_in("DE")
    join(campaign, dispute)
    with pytest.raises(IntegrityError), transaction.atomic():
        CampaignDispute.objects.create(campaign=campaign, dispute=dispute)


@pytest.mark.parametrize(
    "fields",
    [
        {"adopted": True, "status": ""},
        {"adopted": True, "status": "maybe"},
        {"adopted": False, "status": "won"},
        {"adopted": False, "date": dt.date(2026, 1, 1)},
        {"adopted": True, "status": "won", "source_url": "not a link"},
    ],
)
def test_bad_cells_are_refused_and_nothing_is_stored(fields):
    campaign = make_campaign()
    dispute = dispute_in("DE")
    join(campaign, dispute)
    demand = add_demand(campaign)
    audited = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        services.demand_adoption_set(
            campaign=campaign, dispute=dispute, demand=demand, by=None, **fields
        )
    assert not DemandAdoption.objects.exists()
    assert AuditEntry.objects.count() == audited


def test_a_cell_needs_the_dispute_and_the_demand_of_the_same_campaign():
    campaign, other = make_campaign(), make_campaign(title="Another")
    dispute, outsider = dispute_in("DE"), dispute_in("ES")
    join(campaign, dispute)
    join(other, outsider)
    foreign_demand = add_demand(other)
    own_demand = add_demand(campaign)
    with pytest.raises(ValidationError):
        adopt(campaign, dispute, foreign_demand)
    with pytest.raises(ValidationError):
        adopt(campaign, outsider, own_demand)
    assert not DemandAdoption.objects.exists()


def test_taking_a_dispute_out_removes_its_row():
    campaign = make_campaign()
    dispute = dispute_in("DE")
    join(campaign, dispute)
    adopt(campaign, dispute, add_demand(campaign))
    services.campaign_dispute_remove(campaign=campaign, dispute=dispute, by=None)
    assert not DemandAdoption.objects.exists()
    assert campaign_matrix(campaign, language="en").rows == []
