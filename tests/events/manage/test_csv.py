"""The attendees' CSV: everyone coming, then the waiting list in order, and no cell a
spreadsheet would run as a formula."""

import csv
import io

import pytest

from picketline.events.rsvps import services as rsvps
from tests import factories
from tests.events.manage.helpers import login, make_organiser

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return make_organiser()


@pytest.fixture
def event(organiser):
    return factories.make_event(organiser=organiser, capacity=1, zone="Europe/Madrid")


def _rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_it_lists_people_coming_then_waiting(client, organiser, event):
    first = rsvps.rsvp_create(event=event, user=factories.make_user(), name="Ana")
    rsvps.rsvp_check_in(rsvp=first.rsvp, user=organiser)
    rsvps.rsvp_create(event=event, user=factories.make_user(email="bo@example.org"), name="Bo")
    login(client, organiser)
    response = client.get(f"/events/{event.slug}/attendees.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    header, coming, waiting = _rows(response)
    assert header[:4] == ["Status", "Place on the waiting list", "Name", "Email"]
    assert coming[:4] == ["Coming", "", "Ana", first.rsvp.email]
    assert coming[4].endswith(("+01:00", "+02:00"))
    assert coming[5] != ""
    assert waiting[:4] == ["On the waiting list", "1", "Bo", "bo@example.org"]
    assert waiting[5] == ""


def test_it_escapes_what_a_spreadsheet_would_run(client, organiser, event):
    rsvps.rsvp_create(
        event=event, user=factories.make_user(), name='=HYPERLINK("http://evil.example","x")'
    )
    login(client, organiser)
    _header, row = _rows(client.get(f"/events/{event.slug}/attendees.csv"))
    assert row[2] == '\'=HYPERLINK("http://evil.example","x")'


def test_it_is_for_organisers_only(client, event):
    assert "login" in client.get(f"/events/{event.slug}/attendees.csv")["Location"]
    login(client, factories.make_user())
    assert client.get(f"/events/{event.slug}/attendees.csv").status_code == 403
