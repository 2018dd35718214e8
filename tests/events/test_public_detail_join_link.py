import pytest

from picketline.events.choices import EventMode, RsvpStatus
from picketline.events.rsvps import services as rsvps
from tests import factories

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.net/secret-room-42"


def _online_event(**fields):
    return factories.make_event(mode=EventMode.HYBRID, join_url=JOIN, **fields)


def _html(client, event) -> str:
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    return response.text


def test_it_hides_the_join_link_from_anonymous_readers(client):
    event = _online_event()
    html = _html(client, event)
    assert JOIN not in html
    assert "secret-room" not in html
    assert "given to people whose place is confirmed" in html


def test_it_hides_the_join_link_from_someone_on_the_waiting_list(client):
    event = _online_event(capacity=1)
    rsvps.rsvp_create(event=event, user=factories.make_user(), name="First")
    waiting = factories.make_user()
    result = rsvps.rsvp_create(event=event, user=waiting, name="Second")
    assert result.rsvp.status == RsvpStatus.WAITLISTED
    factories.login(client, waiting)
    assert JOIN not in _html(client, event)


def test_it_shows_the_join_link_to_a_confirmed_attendee(client):
    event = _online_event()
    person = factories.make_user()
    assert rsvps.rsvp_create(event=event, user=person, name="A").rsvp.status == "confirmed"
    factories.login(client, person)
    assert f'href="{JOIN}"' in _html(client, event)


def test_it_shows_the_join_link_to_the_organiser(client):
    organiser = factories.make_user()
    event = _online_event(organiser=organiser)
    factories.login(client, organiser)
    assert f'href="{JOIN}"' in _html(client, event)


def test_it_never_puts_the_join_link_in_the_calendar_file(client):
    event = _online_event()
    response = client.get(f"/events/{event.slug}.ics")
    assert response.status_code == 200
    assert JOIN not in response.content.decode()
