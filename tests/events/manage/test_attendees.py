"""The organiser's dashboard: counts, who is coming and the waiting list in order, for the
event's organisers only, never cached."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from picketline.events.rsvps import services as rsvps
from tests import factories
from tests.events.manage.helpers import login, make_organiser

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return make_organiser()


@pytest.fixture
def event(organiser):
    event = factories.make_event(organiser=organiser, capacity=2, title="Rally")
    for name in ("Ana Coming", "Bo Coming", "Cy Waiting", "Di Waiting"):
        rsvps.rsvp_create(event=event, user=factories.make_user(), name=name)
    rsvps.rsvp_create(event=event, name="Ed Pending", email="ed@example.org")
    return event


def _url(event):
    return f"/events/{event.slug}/manage/"


def test_it_lists_the_people_coming_and_waiting_for_the_organiser(client, organiser, event):
    login(client, organiser)
    response = client.get(_url(event))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = response.text
    assert "Ana Coming" in text and "Bo Coming" in text
    assert text.index("Cy Waiting") < text.index("Di Waiting")
    assert [(p, r.name) for p, r in response.context["waiting"]] == [
        (1, "Cy Waiting"),
        (2, "Di Waiting"),
    ]
    assert response.context["counts"] == {
        "confirmed": 2,
        "waitlisted": 2,
        "pending": 1,
        "checked_in": 0,
    }
    assert response.context["seats_left"] == 0
    assert "Ed Pending" not in text
    assert event.rsvps.get(name="Ana Coming").email in text


def test_it_refuses_another_user(client, event):
    login(client, factories.make_user())
    response = client.get(_url(event))
    assert response.status_code == 403
    assert "Ana Coming" not in response.text


def test_it_sends_anonymous_people_to_log_in(client, event):
    response = client.get(_url(event))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_moderator_may_manage_it(client, moderator, event):
    login(client, moderator)
    assert client.get(_url(event)).status_code == 200


def test_the_day_of_actions_organisers_may_manage_its_events(client):
    caller = make_organiser()
    day = factories.make_day_of_action(organiser=caller)
    event = factories.make_event(organiser=factories.make_user(), day_of_action=day)
    login(client, caller)
    assert client.get(_url(event)).status_code == 200


def test_its_organiser_manages_it_before_it_is_published(client, organiser):
    event = factories.make_event(organiser=organiser, published=False)
    login(client, organiser)
    response = client.get(_url(event))
    assert response.status_code == 200
    assert "Waiting for moderation" in response.text


def test_an_unknown_event_is_404(client, organiser):
    login(client, organiser)
    assert client.get("/events/no-such-event/manage/").status_code == 404


def test_it_refuses_post(client, organiser, event):
    login(client, organiser)
    assert client.post(_url(event)).status_code == 405


def test_the_check_in_sheet_lists_the_people_coming_by_name(client, organiser, event):
    login(client, organiser)
    response = client.get(f"/events/{event.slug}/sheet/")
    assert response.status_code == 200
    assert "page-print-checkin" in response.text
    assert [r.name for r in response.context["attendees"]] == ["Ana Coming", "Bo Coming"]
    assert "Cy Waiting" not in response.text


def test_the_check_in_sheet_is_for_organisers_only(client, event):
    login(client, factories.make_user())
    assert client.get(f"/events/{event.slug}/sheet/").status_code == 403


def test_its_queries_do_not_grow_with_the_people(client, organiser, event):
    login(client, organiser)
    client.get(_url(event))
    with CaptureQueriesContext(connection) as few:
        client.get(_url(event))
    for _ in range(6):
        rsvps.rsvp_create(event=event, user=factories.make_user())
    with CaptureQueriesContext(connection) as many:
        client.get(_url(event))
    assert len(many) == len(few)
