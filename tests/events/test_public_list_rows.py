import datetime as dt

import pytest

from picketline.events.choices import EventMode, EventStatus
from picketline.events.rsvps import services as rsvps
from picketline.events.services import event_update
from tests import factories
from tests.events.helpers import event_at

pytestmark = pytest.mark.django_db


def test_a_row_says_when_in_the_events_zone_where_and_who(client):
    event_at(
        dt.datetime(2030, 5, 1, 11, 0),
        "America/Mexico_City",
        title="March",
        locality="Oaxaca",
        country="MX",
        organiser_name="Sección 22",
    )
    html = client.get("/events/").text
    assert "Wed 1 May, 11:00\u201313:00 (America/Mexico_City, CST)" in html
    assert "Oaxaca" in html
    assert "Sección 22" in html
    assert "In person" in html


def test_a_row_says_online_full_and_status(client):
    online = factories.make_event(
        title="Call", mode=EventMode.ONLINE, latitude=None, longitude=None, capacity=1
    )
    rsvps.rsvp_create(event=online, user=factories.make_user(), name="A")
    postponed = factories.make_event(title="Later")
    event_update(event=postponed, status=EventStatus.POSTPONED)
    html = client.get("/events/").text
    assert "Full — waiting list" in html
    assert "<dd><bdi>Online</bdi></dd>" in html
    assert 'badge--event-postponed">Postponed' in html


def test_it_links_to_the_map_and_the_feeds_with_the_same_filters(client):
    factories.make_event()
    html = client.get("/events/?country=GB&page=1").text
    assert 'href="/events/map/?country=GB"' in html
    assert 'href="/events.ics?country=GB"' in html
    assert 'href="/events.geojson?country=GB"' in html
    assert 'data-near-me="/events/"' in html


def test_it_keeps_its_query_count_flat(client, django_assert_max_num_queries):
    for n in range(8):
        factories.make_event(
            organisation=factories.make_organisation(), country="FR" if n else "GB"
        )
    with django_assert_max_num_queries(6):
        assert client.get("/events/").status_code == 200


def test_a_kept_row_follows_places_taken_edits_and_its_organisers_name(client):
    organiser = factories.make_organisation(name="Trades Council")
    event = factories.make_event(title="Rally", capacity=2, organisation=organiser)
    assert "Rally" in client.get("/events/").text
    # Places taken move counters that the events' version leaves out: the row follows anyway.
    rsvps.rsvp_create(event=event, user=factories.make_user(), name="A")
    html = client.get("/events/").text
    assert "<dt>Places left</dt><dd>1</dd>" in html
    rsvps.rsvp_create(event=event, user=factories.make_user(), name="B")
    assert "Full — waiting list" in client.get("/events/").text
    event_update(event=event, title="Rally at noon")
    assert "Rally at noon" in client.get("/events/").text
    organiser.name = "Renamed Council"
    organiser.save()
    assert "Renamed Council" in client.get("/events/").text
