"""Every public page reads a fixed number of queries, whatever the data holds.

Each page is counted on a small registry, then again after more of what it shows is added
(disputes, messages, local events, an organisation's disputes and events). Counts are taken on
the second request, as a running site serves them: per-process caches that follow the data's
version (countries, message counts) are filled by the first.
"""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from picketline.events.models import Event
from picketline.solidarity.models import Message
from tests import factories

pytestmark = pytest.mark.django_db

# The queries each page takes (anonymous reader, warm caches), pinned.
PAGE_QUERIES = {
    "map": 1,
    "list": 1,
    "list_filtered": 1,
    "list_near": 1,
    "map_nearest": 2,
    # (one of them the appeals section's: a dispute's appeals with their counts)
    "dispute": 8,
    "event": 5,
    "day": 5,
    # (the resources section adds none: it is kept under the `resources` version)
    "organisation": 10,
    # (one of them the appeals section's; the resources section adds none)
    "campaign": 2,
    "campaigns": 3,
    "campaigns_map": 2,
    "appeal": 3,
}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _queries(client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _disputes(count: int, *, union=None, start: int = 0) -> list:
    return [
        factories.make_dispute(
            title=f"Strike {n}",
            employer=f"Employer {n}",
            union=union if union is not None else f"Union {n}",
            demands=["pay"],
            with_shift=True,
            country="FR" if n % 2 else "GB",
            kind="strike",
        )
        for n in range(start, start + count)
    ]


def _messages(dispute, count: int, *, start: int = 0) -> None:
    now = timezone.now()
    Message.objects.bulk_create(
        Message(
            dispute=dispute,
            body=f"Solidarity {n}",
            sender_name=f"Sender {n}",
            country=["FR", "DE", "BR", "IN", ""][n % 5],
            published_at=now - dt.timedelta(minutes=n),
        )
        for n in range(start, start + count)
    )


def _local_events(day, count: int, *, start: int = 0) -> None:
    starts_at = dt.datetime.combine(day.starts_on, dt.time(12), tzinfo=dt.UTC)
    Event.objects.bulk_create(
        Event(
            title=f"Rally {n}",
            slug=f"rally-{n}",
            organiser_name="Local support",
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=2),
            timezone="Europe/Paris",
            venue="Town square",
            locality=f"Town {n % 7}",
            country=["FR", "DE", "GB"][n % 3],
            latitude=45.0 + n / 1000,
            longitude=2.0 + n / 1000,
            day_of_action=day,
            published_at=timezone.now(),
        )
        for n in range(start, start + count)
    )


def _assert_fixed(client, url: str, page: str, grow, assert_queries) -> None:
    before = _queries(client, url)
    grow()
    after = _queries(client, url)
    assert before == after, f"{page}: {before} queries, then {after} with more data"
    with assert_queries(PAGE_QUERIES[page]):
        assert client.get(url).status_code == 200


def test_the_map_page(client, django_assert_num_queries):
    _disputes(2)
    _assert_fixed(client, "/", "map", lambda: _disputes(10, start=2), django_assert_num_queries)


def test_the_list(client, django_assert_num_queries):
    _disputes(2)
    _assert_fixed(
        client, "/disputes/", "list", lambda: _disputes(30, start=2), django_assert_num_queries
    )


def test_the_list_filtered(client, django_assert_num_queries):
    _disputes(2)
    url = "/disputes/?status=active&kind=strike&country=FR"
    _assert_fixed(
        client, url, "list_filtered", lambda: _disputes(30, start=2), django_assert_num_queries
    )


def test_the_list_near_a_place(client, django_assert_num_queries):
    _disputes(2)
    url = "/disputes/?near=53.8,-1.55&radius_km=50&sort=distance"
    _assert_fixed(
        client, url, "list_near", lambda: _disputes(30, start=2), django_assert_num_queries
    )


def test_the_maps_nearest_list(client, django_assert_num_queries):
    _disputes(2)
    url = "/map/nearest/?near=53.8,-1.55&radius_km=50"
    _assert_fixed(
        client, url, "map_nearest", lambda: _disputes(30, start=2), django_assert_num_queries
    )


def test_a_dispute_page_with_many_messages(client, django_assert_num_queries):
    dispute = _disputes(1)[0]
    _messages(dispute, 3)
    _assert_fixed(
        client,
        dispute.get_absolute_url(),
        "dispute",
        lambda: _messages(dispute, 300, start=3),
        django_assert_num_queries,
    )


def test_a_deep_page_of_messages(client, django_assert_num_queries):
    dispute = _disputes(1)[0]
    _messages(dispute, 60)
    url = f"{dispute.get_absolute_url()}?messages_page=3"
    _assert_fixed(
        client, url, "dispute", lambda: _messages(dispute, 300, start=60), django_assert_num_queries
    )


def test_an_event_page(client, django_assert_num_queries):
    day = factories.make_day_of_action()
    _local_events(day, 3)
    event = Event.objects.get(slug="rally-1")
    _assert_fixed(
        client,
        event.get_absolute_url(),
        "event",
        lambda: _local_events(day, 200, start=3),
        django_assert_num_queries,
    )


def test_a_day_of_action_with_many_local_events(client, django_assert_num_queries):
    day = factories.make_day_of_action()
    _local_events(day, 3)
    _assert_fixed(
        client,
        day.get_absolute_url(),
        "day",
        lambda: _local_events(day, 300, start=3),
        django_assert_num_queries,
    )


def _resources(owner, count: int, *, start: int = 0) -> None:
    """Public resources (video links, in two languages each) for the library's section."""
    from tests.resources.helpers import make_resource

    for n in range(start, start + count):
        lead = make_resource(
            owner, title=f"Video {n}", kind="video", link=f"https://video.example.org/{n}"
        )
        make_resource(
            owner,
            title=f"Vídeo {n}",
            kind="video",
            language="es",
            link=f"https://video.example.org/es/{n}",
            translation_of=lead,
        )


def test_an_organisation_page(client, django_assert_num_queries):
    union = factories.make_organisation(name="General Workers", kind="union")
    _disputes(2, union=union)
    _resources(union, 1)

    def grow():
        _disputes(20, union=union, start=2)
        for n in range(5):
            factories.make_chapter(union, name=f"Chapter {n}", lat=50 + n, lon=n)
        _resources(union, 6, start=1)

    _assert_fixed(client, union.get_absolute_url(), "organisation", grow, django_assert_num_queries)
    assert "Video 6" in client.get(union.get_absolute_url()).content.decode()


def _campaign_grows(campaign, count: int, *, start: int = 0) -> None:
    """More disputes in more countries, more common demands (translated) and a matrix where
    every dispute adopted every demand, and a day of action they share."""
    from picketline.campaigns import services as campaigns

    disputes = _disputes(count, start=start)
    for dispute in disputes:
        campaigns.campaign_dispute_add(campaign=campaign, dispute=dispute, by=None)
    for n in range(start, start + count):
        campaigns.common_demand_save(
            campaign=campaign,
            by=None,
            text=f"Demand {n}",
            language="en",
            position=n + 1,
            translations={"es": f"Reivindicación {n}", "ar": f"مطلب {n}"},
        )
    for dispute in campaign.disputes.all():
        for demand in campaign.demands.all():
            campaigns.demand_adoption_set(
                campaign=campaign,
                dispute=dispute,
                demand=demand,
                by=None,
                adopted=True,
                status="won",
            )
    factories.make_day_of_action(title=f"Day {start}", disputes=disputes)


@pytest.fixture
def campaign():
    from picketline.campaigns import services as campaigns

    campaign = campaigns.campaign_create(
        by=None, title="One struggle", language="en", sectors=["transport", "health"]
    )
    _campaign_grows(campaign, 2)
    _resources(campaign, 1)
    return campaign


def test_a_campaign_page(client, campaign, django_assert_num_queries):
    def grow():
        _campaign_grows(campaign, 6, start=2)
        _resources(campaign, 6, start=1)

    _assert_fixed(client, campaign.get_absolute_url(), "campaign", grow, django_assert_num_queries)
    assert "Video 6" in client.get(campaign.get_absolute_url()).content.decode()


def test_the_campaigns_list(client, campaign, django_assert_num_queries):
    from picketline.campaigns import services as campaigns

    def grow():
        for n in range(8):
            campaigns.campaign_create(
                by=None, title=f"Campaign {n}", language="en", sectors=["education"]
            )
        _campaign_grows(campaign, 4, start=2)

    _assert_fixed(client, "/campaigns/", "campaigns", grow, django_assert_num_queries)


def test_the_campaigns_map(client, campaign, django_assert_num_queries):
    _assert_fixed(
        client,
        "/campaigns/map/",
        "campaigns_map",
        lambda: _campaign_grows(campaign, 6, start=2),
        django_assert_num_queries,
    )


def test_an_appeal_page_with_many_signatures(client, campaign, django_assert_num_queries):
    from tests.appeals.helpers import make_appeal, sign

    appeal = make_appeal(campaign=campaign, targets=2)
    sign(appeal, email="first@example.org", country="FR")

    def grow():
        for n in range(30):
            sign(
                appeal, email=f"s{n}@example.org", name=f"S {n}", country=["DE", "ES", "BR"][n % 3]
            )

    _assert_fixed(client, appeal.get_absolute_url(), "appeal", grow, django_assert_num_queries)
