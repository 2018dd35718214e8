import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from picketline.disputes import services
from picketline.disputes.models import Dispute
from tests import factories

pytestmark = pytest.mark.django_db


def _seed(count: int, *, start: int = 0) -> None:
    for n in range(start, start + count):
        dispute = factories.make_dispute(
            title=f"Dispute {n}",
            employer=f"Employer {n}",
            union=f"Union {n}",
            demands=["pay", "hours"],
            with_shift=True,
            description="Long story.",
        )
        site = services.site_create(
            dispute=dispute, name="Depot", city="York", country="GB", latitude=53.9, longitude=-1.1
        )
        begin = timezone.now() + dt.timedelta(days=3)
        services.shift_create(
            site=site,
            starts_at=begin,
            ends_at=begin + dt.timedelta(hours=2),
            timezone="Europe/London",
            recurrence="weekly",
            repeat_until=(begin + dt.timedelta(weeks=4)).date(),
        )
        services.action_create(
            dispute=dispute,
            starts_at=begin,
            ends_at=begin + dt.timedelta(days=1),
            timezone="Europe/London",
        )


def _count(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        else:
            assert response.content
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/disputes.geojson",
        "/disputes.geojson?near=53.8,-1.5&radius_km=200",
        "/disputes.ics",
        "/disputes.ics?near=53.8,-1.5",
        "/disputes.csv",
        "/disputes.csv?near=53.8,-1.5",
        "/disputes.atom",
    ],
)
def test_it_needs_the_same_number_of_queries_for_three_disputes_as_for_twelve(client, url):
    _seed(3)
    few = _count(client, url)
    _seed(9, start=3)
    many = _count(client, url)
    assert few == many
    assert many <= 7


def test_it_builds_the_geojson_in_four_queries(client):
    _seed(4)
    # The registry version, the sites with their disputes, employer names, union names.
    assert _count(client, "/disputes.geojson") == 4


def test_it_builds_a_dispute_calendar_in_a_fixed_number_of_queries(client):
    _seed(1)
    slug = "dispute-0"
    few = _count(client, f"/disputes/{slug}.ics")
    dispute = Dispute.objects.get(slug=slug)
    begin = timezone.now() + dt.timedelta(days=10)
    for n in range(5):
        services.action_create(
            dispute=dispute,
            starts_at=begin + dt.timedelta(days=n),
            ends_at=begin + dt.timedelta(days=n, hours=8),
            timezone="Europe/London",
        )
    assert _count(client, f"/disputes/{slug}.ics") == few
