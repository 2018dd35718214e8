"""The events a person organises, with their status and who is coming."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from picketline.events.rsvps import services as rsvps
from tests import factories
from tests.events.manage.helpers import login, make_organiser

pytestmark = pytest.mark.django_db


def test_it_lists_the_users_events_with_status_and_counts(client):
    organiser = make_organiser()
    published = factories.make_event(organiser=organiser, title="Published rally", capacity=1)
    factories.make_event(organiser=organiser, title="Pending rally", published=False)
    factories.make_event(organiser=factories.make_user(), title="Someone else's")
    for _ in range(2):
        rsvps.rsvp_create(event=published, user=factories.make_user())
    login(client, organiser)
    response = client.get("/events/mine/")
    assert response.status_code == 200
    text = response.text
    assert "Published rally" in text and "Pending rally" in text
    assert "Someone else" not in text
    assert "Waiting for moderation" in text
    row = next(r for r in response.context["rows"] if r["event"] == published)
    assert (row["event"].confirmed_count, row["waiting"]) == (1, 1)


def test_it_sends_anonymous_people_to_log_in(client):
    assert "login" in client.get("/events/mine/")["Location"]


def test_its_queries_do_not_grow_with_the_events(client):
    organiser = make_organiser()
    factories.make_event(organiser=organiser)
    login(client, organiser)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/events/mine/").status_code == 200
        return len(captured)

    one = queries()
    for _ in range(4):
        factories.make_event(organiser=organiser)
    assert queries() == one
