"""Editing an event: the form opens on the event's own clock, a stale form saves nothing, a
smaller capacity never takes a place away, more places move the waiting list up, and a
cancellation is emailed to everyone coming."""

import datetime as dt

import pytest
from django.core import mail

from picketline.events import services
from picketline.events.manage.forms import EventForm
from picketline.events.models import Event
from picketline.events.rsvps import services as rsvps
from tests import factories
from tests.events.manage.helpers import login, make_organiser

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return make_organiser()


@pytest.fixture
def event(organiser):
    return factories.make_event(organiser=organiser, capacity=2, title="Rally")


def _url(event):
    return f"/events/{event.slug}/edit/"


def _data(event, **changes) -> dict:
    """The form as the page fills it in for `event`, with `changes`."""
    initial = EventForm.initial_from(event)
    data = {
        name: value
        for name, value in initial.items()
        if name not in ("disputes", "sponsors", "organisation")
    }
    data["starts_at"] = initial["starts_at"].strftime("%Y-%m-%dT%H:%M")
    data["ends_at"] = initial["ends_at"].strftime("%Y-%m-%dT%H:%M")
    data.update(
        {
            "disputes": "",
            "sponsors": "",
            "speakers-TOTAL_FORMS": "1",
            "speakers-INITIAL_FORMS": "0",
            "speakers-MIN_NUM_FORMS": "0",
            "speakers-MAX_NUM_FORMS": "10",
            "speakers-0-name": "",
            "speakers-0-role": "",
            "speakers-0-bio": "",
        }
    )
    data.update(changes)
    return {key: "" if value is None else value for key, value in data.items()}


def _coming(event, count):
    return [rsvps.rsvp_create(event=event, user=factories.make_user()) for _ in range(count)]


def test_it_shows_the_times_on_the_events_clock(client, organiser):
    start = dt.datetime(2031, 7, 10, 17, 0, tzinfo=dt.UTC)
    event = services.event_create(
        user=organiser,
        publish=True,
        title="Summer rally",
        organiser_name="Group",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        timezone="America/Mexico_City",
        locality="Mexico City",
    )
    login(client, organiser)
    response = client.get(_url(event))
    assert response.status_code == 200
    assert 'value="2031-07-10T11:00"' in response.text
    assert f'name="version" value="{event.version}"' in response.text


def test_it_saves_a_change(client, organiser, event):
    login(client, organiser)
    response = client.post(_url(event), _data(event, title="Bigger rally", venue="Town Hall"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.venue, event.version) == ("Bigger rally", "Town Hall", 2)


def test_a_stale_form_saves_nothing(client, organiser, event):
    login(client, organiser)
    stale = _data(event, title="My title")
    services.event_update(event=event, user=organiser, venue="Somewhere else")
    response = client.post(_url(event), stale)
    assert response.status_code == 409
    assert "Nothing was saved" in response.text
    event.refresh_from_db()
    assert (event.title, event.venue) == ("Rally", "Somewhere else")


def test_capacity_below_the_people_coming_is_refused(client, organiser, event):
    _coming(event, 2)
    login(client, organiser)
    response = client.post(_url(event), _data(event, capacity="1"))
    assert response.status_code == 400
    assert "2 people already have a place" in response.context["form"].errors["capacity"][0]
    event.refresh_from_db()
    assert event.capacity == 2


def test_more_places_move_the_waiting_list_up(client, organiser, event, send_now):
    results = _coming(event, 4)
    assert [r.status for r in results] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    login(client, organiser)
    with send_now():
        response = client.post(_url(event), _data(event, capacity="3"))
    assert response.status_code == 302
    statuses = [r.rsvp.__class__.objects.get(pk=r.rsvp.pk).status for r in results]
    assert statuses == ["confirmed", "confirmed", "confirmed", "waitlisted"]
    assert [m.to for m in mail.outbox] == [[results[2].rsvp.email]]


def test_cancelling_emails_everyone_coming_or_waiting(client, organiser, event, send_now):
    results = _coming(event, 3)
    login(client, organiser)
    with send_now():
        response = client.post(
            _url(event), _data(event, status="cancelled", status_note="The hall flooded.")
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.rsvp.email for r in results)
    assert all(m.subject.startswith("Cancelled") for m in mail.outbox)
    assert "The hall flooded." in mail.outbox[0].body
    page = client.get(response["Location"])
    assert "3 people coming or waiting are being emailed" in page.text


def test_a_change_of_title_alone_emails_nobody(client, organiser, event, send_now):
    _coming(event, 1)
    login(client, organiser)
    with send_now():
        response = client.post(_url(event), _data(event, title="New title"))
    assert response.status_code == 302
    assert [m.subject for m in mail.outbox] == []


def test_it_keeps_the_speakers_and_removes_a_cleared_one(client, organiser, event):
    services.event_update(
        event=event, speakers=[{"name": "Ana", "role": "", "bio": ""}, {"name": "Bo"}]
    )
    event.refresh_from_db()
    login(client, organiser)
    data = _data(
        event,
        **{
            "speakers-TOTAL_FORMS": "2",
            "speakers-INITIAL_FORMS": "2",
            "speakers-0-name": "Ana",
            "speakers-1-name": "",
        },
    )
    response = client.post(_url(event), data)
    assert response.status_code == 302
    assert [s.name for s in Event.objects.get(pk=event.pk).speakers.all()] == ["Ana"]


def test_another_user_may_not_edit(client, event):
    login(client, factories.make_user())
    assert client.get(_url(event)).status_code == 403
    assert client.post(_url(event), _data(event, title="Mine now")).status_code == 403
    event.refresh_from_db()
    assert event.title == "Rally"


def test_anonymous_people_are_sent_to_log_in(client, event):
    response = client.get(_url(event))
    assert response.status_code == 302
    assert "login" in response["Location"]
