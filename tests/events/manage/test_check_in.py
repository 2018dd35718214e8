"""Checking people in on a phone: a tap marks someone as arrived (or undoes it), the list
filters by name without a script, and only people with a place can be checked in."""

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
    return factories.make_event(organiser=organiser, capacity=2)


@pytest.fixture
def people(event):
    return [
        rsvps.rsvp_create(event=event, user=factories.make_user(), name=name).rsvp
        for name in ("Ana Ruiz", "Bo Chen", "Cy Waiting")
    ]


def _toggle(event, rsvp):
    return f"/events/{event.slug}/check-in/{rsvp.pk}/"


def test_it_lists_the_people_coming_with_a_counter(client, organiser, event, people):
    login(client, organiser)
    response = client.get(f"/events/{event.slug}/check-in/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "0 of 2 checked in" in response.text
    assert "Ana Ruiz" in response.text and "Bo Chen" in response.text
    assert "Cy Waiting" not in response.text


def test_it_filters_by_name_without_a_script(client, organiser, event, people):
    login(client, organiser)
    response = client.get(f"/events/{event.slug}/check-in/?q=ruiz")
    assert [r.name for r in response.context["attendees"]] == ["Ana Ruiz"]


def test_a_tap_checks_someone_in_and_goes_back_to_their_row(client, organiser, event, people):
    ana = people[0]
    login(client, organiser)
    response = client.post(_toggle(event, ana), {"present": "1", "q": "an"})
    assert response.status_code == 303
    assert response["Location"] == f"/events/{event.slug}/check-in/?q=an#rsvp-{ana.pk}"
    ana.refresh_from_db()
    assert ana.checked_in_at is not None
    page = client.get(f"/events/{event.slug}/check-in/")
    assert "1 of 2 checked in" in page.text


def test_undo_clears_the_check_in(client, organiser, event, people):
    ana = people[0]
    rsvps.rsvp_check_in(rsvp=ana, user=organiser)
    login(client, organiser)
    client.post(_toggle(event, ana), {"present": "0"})
    ana.refresh_from_db()
    assert ana.checked_in_at is None


def test_the_script_gets_the_new_state_and_the_count(client, organiser, event, people):
    login(client, organiser)
    response = client.post(
        _toggle(event, people[1]), {"present": "1"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 200
    assert response.json() == {"checked_in": True, "count": 1, "total": 2}


def test_someone_waiting_cannot_be_checked_in(client, organiser, event, people):
    waiting = people[2]
    assert waiting.status == "waitlisted"
    login(client, organiser)
    response = client.post(_toggle(event, waiting), {"present": "1"}, follow=True)
    assert "Only people with a place can be checked in." in response.text
    waiting.refresh_from_db()
    assert waiting.checked_in_at is None
    response = client.post(
        _toggle(event, waiting), {"present": "1"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 400


def test_it_refuses_get(client, organiser, event, people):
    login(client, organiser)
    assert client.get(_toggle(event, people[0])).status_code == 405


def test_an_rsvp_of_another_event_is_404(client, organiser, event, people):
    other = factories.make_event(organiser=organiser)
    login(client, organiser)
    assert client.post(_toggle(other, people[0]), {"present": "1"}).status_code == 404


def test_another_user_cannot_check_people_in(client, event, people):
    login(client, factories.make_user())
    assert client.post(_toggle(event, people[0]), {"present": "1"}).status_code == 403
    people[0].refresh_from_db()
    assert people[0].checked_in_at is None
