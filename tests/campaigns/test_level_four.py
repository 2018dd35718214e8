"""Level 4, one struggle: a dispute reaches it when it belongs to a campaign in which disputes
in at least two countries have adopted every common demand and acted together in a shared
day of action or event. The dispute's badge says why."""

import datetime as dt

import pytest
from django.core.cache import cache

from picketline.campaigns import services
from picketline.campaigns.selectors import campaign_one_struggle
from picketline.solidarity.levels.selectors import solidarity_level
from tests import factories
from tests.campaigns.helpers import add_demand, adopt, dispute_in, join, make_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    campaign = make_campaign(title="Aurora car workers")
    add_demand(campaign, "Equal pay", position=1)
    add_demand(campaign, "Permanent jobs", position=2)
    return campaign


def adopt_all(campaign, dispute, status="raised"):
    for demand in campaign.demands.all():
        adopt(campaign, dispute, demand, status)


def shared_day(*disputes, published=True):
    day = factories.make_day_of_action(title="Global day", disputes=list(disputes))
    if not published:
        day.published_at = None
        day.save(update_fields=["published_at"])
    return day


def level(dispute) -> int:
    cache.clear()
    return solidarity_level(dispute).level


def test_it_is_not_reached_by_disputes_of_one_country(campaign):
    first, second = dispute_in("DE"), dispute_in("DE")
    join(campaign, first, second)
    adopt_all(campaign, first)
    adopt_all(campaign, second)
    shared_day(first, second)
    assert campaign_one_struggle(campaign.pk) is None
    assert level(first) < 4


def test_it_is_reached_by_two_countries_that_adopted_and_acted_together(campaign):
    berlin, valencia, lyon = dispute_in("DE"), dispute_in("ES"), dispute_in("FR")
    join(campaign, berlin, valencia, lyon)
    adopt_all(campaign, berlin, "won")
    adopt_all(campaign, valencia)
    shared_day(berlin, valencia)

    struggle = campaign_one_struggle(campaign.pk)
    assert struggle.countries == ["DE", "ES"]
    assert struggle.actions == ["Global day"]
    # Every dispute of the campaign is part of the one struggle, Lyon too.
    for dispute in (berlin, valencia, lyon):
        reached = solidarity_level(dispute)
        assert reached.level == 4
    evidence = dict(solidarity_level(lyon).evidence)[4]
    assert "Aurora car workers" in evidence
    assert "Germany" in evidence and "Spain" in evidence
    assert "<bdi>Global day</bdi>" in evidence


def test_it_is_not_reached_without_a_joint_action(campaign):
    berlin, valencia = dispute_in("DE"), dispute_in("ES")
    join(campaign, berlin, valencia)
    adopt_all(campaign, berlin)
    adopt_all(campaign, valencia)
    shared_day(berlin)  # only one of them takes part
    factories.make_day_of_action(title="Another day", disputes=[valencia])
    assert campaign_one_struggle(campaign.pk) is None
    assert level(berlin) < 4


def test_an_unpublished_day_is_no_joint_action(campaign):
    berlin, valencia = dispute_in("DE"), dispute_in("ES")
    join(campaign, berlin, valencia)
    adopt_all(campaign, berlin)
    adopt_all(campaign, valencia)
    shared_day(berlin, valencia, published=False)
    assert campaign_one_struggle(campaign.pk) is None


def test_it_is_not_reached_when_one_country_has_not_adopted_every_demand(campaign):
    berlin, valencia = dispute_in("DE"), dispute_in("ES")
    join(campaign, berlin, valencia)
    adopt_all(campaign, berlin)
    adopt(campaign, valencia, campaign.demands.first())
    shared_day(berlin, valencia)
    assert campaign_one_struggle(campaign.pk) is None
    assert level(berlin) < 4


def test_a_shared_event_is_a_joint_action(campaign):
    berlin, valencia = dispute_in("DE"), dispute_in("ES")
    join(campaign, berlin, valencia)
    adopt_all(campaign, berlin)
    adopt_all(campaign, valencia)
    event = factories.make_event(title="Online assembly of both plants")
    event.disputes.add(berlin, valencia)
    assert campaign_one_struggle(campaign.pk).actions == ["Online assembly of both plants"]


def test_local_events_of_one_day_in_two_countries_are_a_joint_action(campaign):
    berlin, valencia = dispute_in("DE"), dispute_in("ES")
    join(campaign, berlin, valencia)
    adopt_all(campaign, berlin)
    adopt_all(campaign, valencia)
    day = shared_day()
    for dispute in (berlin, valencia):
        event = factories.make_event(title=f"Rally {dispute.pk}", starts_in=dt.timedelta(days=3))
        event.day_of_action = day
        event.save(update_fields=["day_of_action"])
        event.disputes.add(dispute)
    assert "Global day" in campaign_one_struggle(campaign.pk).actions


def test_the_badge_follows_a_change_to_the_matrix(campaign, client):
    berlin, valencia = dispute_in("DE"), dispute_in("ES")
    join(campaign, berlin, valencia)
    adopt_all(campaign, berlin)
    adopt_all(campaign, valencia)
    shared_day(berlin, valencia)
    assert solidarity_level(berlin).level == 4
    # Kept in the cache under the campaigns' version: a change to the matrix moves it.
    services.demand_adoption_set(
        campaign=campaign,
        dispute=valencia,
        demand=campaign.demands.first(),
        by=None,
        adopted=False,
    )
    assert solidarity_level(berlin).level < 4
    page = client.get(berlin.get_absolute_url()).content.decode()
    assert "Part of the campaign" not in page
