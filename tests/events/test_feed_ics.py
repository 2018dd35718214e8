import pytest
from icalendar import Calendar

from picketline.events.choices import EventMode, EventVisibility
from tests import factories

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.net/secret-room-42"


def _summaries(client, query="") -> list[str]:
    response = client.get(f"/events.ics?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return [str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT")]


def test_it_holds_the_listed_events_and_never_a_join_link(client):
    factories.make_event(title="Shown", mode=EventMode.HYBRID, join_url=JOIN)
    factories.make_event(title="Unlisted", visibility=EventVisibility.UNLISTED)
    factories.make_event(title="Unpublished", published=False)
    assert _summaries(client) == ["Shown"]
    assert b"secret-room" not in client.get("/events.ics").content


def test_a_whole_day_of_action_subscribes_as_one_calendar(client):
    day = factories.make_day_of_action(title="Bread day")
    factories.make_event(title="Leeds", day_of_action=day, zone="Europe/London")
    factories.make_event(title="Oaxaca", day_of_action=day, zone="America/Mexico_City")
    factories.make_event(title="Elsewhere")
    response = client.get(f"/events.ics?day={day.slug}")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Bread day"
    assert sorted(str(v["SUMMARY"]) for v in calendar.walk("VEVENT")) == ["Leeds", "Oaxaca"]
    zones = sorted(zone["TZID"] for zone in calendar.walk("VTIMEZONE"))
    assert zones == ["America/Mexico_City", "Europe/London"]
    for vevent in calendar.walk("VEVENT"):
        assert "TZID" in vevent["DTSTART"].params


def test_bad_filters_are_400_in_plain_text(client):
    response = client.get("/events.ics?date_from=soon")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "date_from:" in response.content.decode()
