import datetime as dt

import pytest

from picketline.events.models import Event
from tests import factories
from tests.api.helpers import body, problem, walk

pytestmark = pytest.mark.django_db

URL = "/api/v1/events"


@pytest.fixture
def twelve(db):
    """Twelve events, some starting at the same moment and some at the same place."""
    events = [
        factories.make_event(
            title=f"Event {n}",
            starts_in=dt.timedelta(days=1 + n % 4),
            latitude=53.0 + (n % 3) / 100,
            longitude=-1.5,
        )
        for n in range(12)
    ]
    # Ties on the sort key must be broken by id, or pages would skip and repeat.
    moment = events[0].starts_at
    Event.objects.filter(pk__in=[e.pk for e in events[3:8]]).update(starts_at=moment)
    return events


@pytest.mark.parametrize(
    "query", ["limit=5", "limit=1", "limit=4&near=53.0,-1.5&radius_km=100", "limit=3&past=1"]
)
def test_it_walks_every_page_without_duplicates_or_gaps(client, twelve, query):
    items = walk(client, f"{URL}?{query}")
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids))
    assert set(ids) == {e.pk for e in twelve}
    one_page = body(client.get(f"{URL}?{query.replace('limit=', 'x=')}&limit=100"))["items"]
    assert ids == [item["id"] for item in one_page]


def test_it_keeps_the_filters_in_the_next_link(client, twelve):
    page = body(client.get(f"{URL}?limit=2&country=GB"))
    assert "country=GB" in page["next"]
    assert "cursor=" in page["next"]


def test_it_refuses_a_cursor_it_did_not_make(client, twelve):
    document = problem(client.get(f"{URL}?cursor=not-a-cursor"), 400)
    assert document["type"] == "urn:picketline:problem:invalid-cursor"


def test_it_refuses_a_cursor_of_the_other_order(client, twelve):
    page = body(client.get(f"{URL}?limit=2"))
    cursor = page["next_cursor"]
    document = problem(client.get(f"{URL}?near=53.0,-1.5&cursor={cursor}"), 400)
    assert "cursor" in document["errors"]
