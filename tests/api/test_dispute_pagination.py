import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from picketline.disputes.models import Dispute
from tests import factories
from tests.api.helpers import body, problem, walk

pytestmark = pytest.mark.django_db

URL = "/api/v1/disputes"


@pytest.fixture
def twelve(db):
    """Twelve disputes, some sharing a creation time and some without a start date."""
    disputes = []
    same_moment = timezone.now() - dt.timedelta(days=1)
    for n in range(12):
        start = None if n % 4 == 0 else dt.date(2026, 1, 1) + dt.timedelta(days=n % 3)
        dispute = factories.make_dispute(
            title=f"Dispute {n}", start_date=start, lat=53.0 + n / 100, lon=-1.5
        )
        disputes.append(dispute)
    # Ties on the sort key must be broken by id, or pages would skip and repeat.
    Dispute.objects.filter(pk__in=[d.pk for d in disputes[3:8]]).update(created_at=same_moment)
    return disputes


@pytest.mark.parametrize(
    "query",
    ["limit=5", "limit=1", "limit=5&sort=start", "limit=4&near=53.0,-1.5&radius_km=100"],
)
def test_it_walks_every_page_without_duplicates_or_gaps(client, twelve, query):
    items = walk(client, f"{URL}?{query}")
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids))
    assert set(ids) == {d.pk for d in twelve}
    one_page = body(client.get(f"{URL}?{query.replace('limit=', 'x=')}&limit=100"))["items"]
    assert ids == [item["id"] for item in one_page]


def test_it_sorts_by_start_date_with_undated_disputes_last(client, twelve):
    items = walk(client, f"{URL}?sort=start&limit=3")
    starts = [item["start_date"] for item in items]
    dated = [s for s in starts if s is not None]
    assert starts == dated + [None] * (len(starts) - len(dated))
    assert dated == sorted(dated, reverse=True)


def test_it_stays_stable_when_disputes_are_added_while_walking(client, twelve):
    page = body(client.get(f"{URL}?limit=5"))
    seen = [item["id"] for item in page["items"]]
    factories.make_dispute(title="Brand new")
    url = page["next"]
    while url:
        page = body(client.get(url))
        seen.extend(item["id"] for item in page["items"])
        url = page["next"]
    assert len(seen) == len(set(seen)) == 12
    assert set(seen) == {d.pk for d in twelve}


def test_it_keeps_the_filters_in_the_next_link(client, twelve):
    page = body(client.get(f"{URL}?limit=2&status=active&q=dispute"))
    query = parse_qs(urlsplit(page["next"]).query)
    assert query["status"] == ["active"]
    assert query["q"] == ["dispute"]
    assert query["limit"] == ["2"]
    assert query["cursor"] == [page["next_cursor"]]


def test_it_defaults_to_25_and_caps_at_100(client):
    for n in range(27):
        factories.make_dispute(title=f"D{n}")
    page = body(client.get(URL))
    assert len(page["items"]) == 25
    assert page["next"]
    assert len(body(client.get(page["next"]))["items"]) == 2
    for limit in ("0", "101", "ten"):
        document = problem(client.get(f"{URL}?limit={limit}"), 400)
        assert set(document["errors"]) == {"limit"}


@pytest.mark.parametrize(
    "cursor", ["garbage", "e30", "eyJvIjoibmV3ZXN0IiwiayI6WzEsMl19", "%00%01", "x" * 400]
)
def test_it_rejects_a_cursor_it_did_not_make(client, twelve, cursor):
    document = problem(client.get(f"{URL}?cursor={cursor}"), 400)
    assert "cursor" in document["errors"]


def test_it_rejects_a_cursor_from_another_sort_order(client, twelve):
    cursor = body(client.get(f"{URL}?limit=2"))["next_cursor"]
    document = problem(client.get(f"{URL}?limit=2&sort=start&cursor={cursor}"), 400)
    assert document["type"] == "urn:picketline:problem:invalid-cursor"
