import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from picketline.events.rsvps import services as rsvps
from tests import factories

pytestmark = pytest.mark.django_db


def _seed(count: int) -> None:
    union = factories.make_organisation()
    day = factories.make_day_of_action()
    dispute = factories.make_dispute()
    for n in range(count):
        event = factories.make_event(
            capacity=1,
            organisation=union,
            sponsors=[factories.make_organisation()],
            disputes=[dispute],
            day_of_action=day,
            speakers=[{"name": f"Speaker {n}"}, {"name": "Another"}],
        )
        for _ in range(2):
            rsvps.rsvp_create(event=event, user=factories.make_user())


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/events?limit=100",
        "/api/v1/events?limit=100&near=51.5,-0.12&radius_km=50",
        "/api/v1/events?limit=100&country=GB&q=meeting",
    ],
)
def test_it_needs_the_same_queries_for_a_page_of_two_as_for_eight(client, url):
    _seed(2)
    few = _count(client, url)
    _seed(6)
    assert _count(client, url) == few


def test_it_lists_events_in_five_queries(client):
    _seed(3)
    # Events with their organisation and day of action, then speakers, sponsors, disputes
    # and the waiting-list counts, each in one query.
    assert _count(client, "/api/v1/events") == 5
