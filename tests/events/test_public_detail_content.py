import pytest
from django.urls import reverse

from picketline.events.choices import EventMode, EventStatus
from picketline.events.services import event_update
from tests import factories

pytestmark = pytest.mark.django_db


def _html(client, event) -> str:
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    return response.text


def test_it_shows_the_organiser_sponsors_speakers_disputes_and_day_of_action(client):
    dispute = factories.make_dispute(title="Bin workers' strike")
    day = factories.make_day_of_action(title="Global day for the bin workers")
    sponsor = factories.make_organisation(name="Trades Council")
    event = factories.make_event(
        disputes=[dispute],
        sponsors=[sponsor],
        day_of_action=day,
        description="Bring a flask.",
        language="en",
        speakers=[{"name": "Rosa Parks", "role": "Organiser", "bio": "Forty years a steward."}],
    )
    html = _html(client, event)
    assert "Leeds Strike Support" in html
    assert "Trades Council" in html
    assert "Rosa Parks" in html and "Forty years a steward." in html
    assert f'href="{dispute.get_absolute_url()}"' in html
    assert f'href="{day.get_absolute_url()}"' in html
    assert 'lang="en" dir="auto"><p>Bring a flask.</p>' in html
    assert f'href="/events/{event.slug}.ics"' in html


def test_it_shows_the_places_left_and_who_is_waiting(client):
    from picketline.events import rsvps

    event = factories.make_event(capacity=1)
    for name in ("A", "B", "C"):
        rsvps.rsvp_create(event=event, user=factories.make_user(), name=name)
    html = _html(client, event)
    assert "Full — waiting list" in html
    assert "<dt>Waiting</dt><dd>2</dd>" in html


def test_a_cancelled_event_says_so_and_why(client):
    event = factories.make_event()
    event_update(event=event, status=EventStatus.CANCELLED, status_note="The hall flooded.")
    html = _html(client, event)
    assert "This event is cancelled." in html
    assert "The hall flooded." in html
    assert "<title>Cancelled:" in html


def test_an_online_event_has_no_map_and_says_online(client):
    event = factories.make_event(mode=EventMode.ONLINE, latitude=None, longitude=None)
    html = _html(client, event)
    assert 'id="event-pin-map"' not in html
    assert "Online." in html


def test_an_in_person_event_has_a_pin(client):
    html = _html(client, factories.make_event())
    assert 'id="event-pin-map"' in html
    assert 'data-lat="51.507200"' in html


def test_the_organiser_gets_a_way_to_manage_it(client):
    organiser = factories.make_user()
    event = factories.make_event(organiser=organiser)
    assert "Manage this event" not in _html(client, event)
    factories.login(client, organiser)
    html = _html(client, event)
    manage = reverse("events:manage", kwargs={"slug": event.slug})
    assert f'href="{manage}"' in html
