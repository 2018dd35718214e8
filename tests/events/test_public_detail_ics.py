import datetime as dt

import pytest
from icalendar import Calendar

from picketline.events.choices import EventStatus
from picketline.events.services import event_update
from tests.events.helpers import event_at

pytestmark = pytest.mark.django_db


def _calendar(client, event) -> Calendar:
    response = client.get(f"/events/{event.slug}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_it_writes_the_event_in_its_own_zone_with_the_zone_rules(client):
    event = event_at(dt.datetime(2027, 3, 29, 18, 0), "Europe/Madrid", title="Rally")
    calendar = _calendar(client, event)
    zones = [zone["TZID"] for zone in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/Madrid"]
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Europe/Madrid"
    assert vevent.decoded("DTSTART").replace(tzinfo=None) == dt.datetime(2027, 3, 29, 18, 0)
    assert str(vevent["SUMMARY"]) == "Rally"
    assert str(vevent["STATUS"]) == "CONFIRMED"


def test_a_cancelled_event_is_cancelled_in_calendars(client):
    event = event_at(dt.datetime(2027, 3, 29, 18, 0), "Europe/Madrid")
    event_update(event=event, status=EventStatus.CANCELLED)
    (vevent,) = _calendar(client, event).walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"


def test_an_unknown_event_has_no_calendar_file(client):
    assert client.get("/events/no-such-event.ics").status_code == 404
