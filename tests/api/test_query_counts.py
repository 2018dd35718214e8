import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from picketline.disputes import services
from tests import factories

pytestmark = pytest.mark.django_db


def _seed(count: int, *, start: int = 0) -> list:
    disputes = []
    for n in range(start, start + count):
        dispute = factories.make_dispute(
            title=f"Dispute {n}",
            employer=f"Employer {n}",
            union=f"Union {n}",
            demands=["pay", "staffing"],
            with_shift=True,
        )
        services.site_create(
            dispute=dispute, name="Depot", city="York", country="GB", latitude=53.9, longitude=-1.1
        )
        disputes.append(dispute)
    return disputes


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/disputes?limit=100",
        "/api/v1/disputes?limit=100&near=53.8,-1.5&radius_km=300",
        "/api/v1/disputes?limit=100&sort=start&union=union-1",
        "/api/v1/organisations?limit=100",
    ],
)
def test_it_needs_the_same_queries_for_a_page_of_three_as_for_twelve(client, url):
    _seed(3)
    few = _count(client, url)
    _seed(9, start=3)
    assert _count(client, url) == few


def test_it_lists_disputes_in_five_queries(client):
    _seed(4)
    # Disputes, then employers, unions, demands and sites, each in one query.
    assert _count(client, "/api/v1/disputes") == 5


def test_it_shows_a_dispute_in_a_fixed_number_of_queries(client):
    [dispute] = _seed(1)
    few = _count(client, f"/api/v1/disputes/{dispute.pk}")
    site = dispute.sites.first()
    begin = timezone.now() + dt.timedelta(days=2)
    for n in range(4):
        services.shift_create(
            site=site,
            starts_at=begin + dt.timedelta(days=n),
            ends_at=begin + dt.timedelta(days=n, hours=2),
            timezone="Europe/London",
        )
        services.action_create(
            dispute=dispute,
            starts_at=begin + dt.timedelta(days=n),
            ends_at=begin + dt.timedelta(days=n, hours=8),
            timezone="Europe/London",
        )
        services.source_create(dispute=dispute, url=f"https://news.example/{n}")
    assert _count(client, f"/api/v1/disputes/{dispute.pk}") == few
    assert few <= 8
