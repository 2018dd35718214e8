import pytest

from picketline.events.choices import EventStatus, EventVisibility
from picketline.events.models import Event
from picketline.events.rsvps import services as rsvps
from tests import factories
from tests.api.helpers import body, problem

pytestmark = pytest.mark.django_db


def test_it_shows_an_event_by_id_and_by_slug(client):
    event = factories.make_event(title="Rally")
    by_id = body(client.get(f"/api/v1/events/{event.pk}"))
    by_slug = body(client.get(f"/api/v1/events/{event.slug}"))
    assert by_id == by_slug
    assert by_id["title"] == "Rally"
    assert by_id["id"] == event.pk


def test_it_shows_an_unlisted_event_by_its_slug(client):
    event = factories.make_event(title="Members only", visibility=EventVisibility.UNLISTED)
    assert body(client.get(f"/api/v1/events/{event.slug}"))["title"] == "Members only"


def test_it_does_not_show_an_unlisted_event_by_its_id(client):
    # Ids count up: answering to them would list every unlisted event to anyone counting.
    event = factories.make_event(visibility=EventVisibility.UNLISTED)
    problem(client.get(f"/api/v1/events/{event.pk}"), 404)


def test_it_is_a_404_for_an_unpublished_event(client):
    event = factories.make_event(published=False)
    for key in (event.pk, event.slug):
        document = problem(client.get(f"/api/v1/events/{key}"), 404)
        assert document["type"] == "urn:picketline:problem:not-found"


def test_it_is_a_404_for_an_unknown_event(client):
    problem(client.get("/api/v1/events/no-such-event"), 404)


def test_it_shows_a_cancelled_event_with_its_reason(client):
    event = factories.make_event()
    Event.objects.filter(pk=event.pk).update(
        status=EventStatus.CANCELLED, status_note="The hall flooded."
    )
    item = body(client.get(f"/api/v1/events/{event.pk}"))
    assert item["status"] == "cancelled"
    assert item["status_note"] == "The hall flooded."


def test_it_counts_places_left_and_the_waiting_list(client):
    event = factories.make_event(capacity=1)
    for _ in range(3):
        rsvps.rsvp_create(event=event, user=factories.make_user())
    item = body(client.get(f"/api/v1/events/{event.pk}"))
    assert item["places_left"] == 0
    assert item["waiting"] == 2
