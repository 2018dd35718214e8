"""One's own RSVP page, reached by the private link in every email: the event, one's place
(or number in line), the join link only with a confirmed place, and a way to cancel."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from picketline.events import rsvps
from picketline.events.choices import EventMode, EventStatus, RsvpStatus
from picketline.events.models import Event, Rsvp
from picketline.events.services import event_update
from tests.factories import make_event, make_user

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/secret-room-42"


def _page_url(rsvp) -> str:
    return reverse("events:rsvp", kwargs={"token": rsvps.rsvp_token(rsvp)})


def _hybrid(**fields):
    return make_event(mode=EventMode.HYBRID, join_url=JOIN, **fields)


def test_a_confirmed_person_sees_their_place_the_join_link_and_the_zone(client):
    event = _hybrid(zone="America/Mexico_City", capacity=5)
    rsvp = rsvps.rsvp_create(event=event, user=make_user()).rsvp

    page = client.get(_page_url(rsvp))

    assert page.status_code == 200
    assert "You have a place" in page.text
    assert JOIN in page.text
    assert "America/Mexico_City" in page.text
    assert event.title in page.text
    assert page["Cache-Control"] == "private, no-store"
    assert page["Referrer-Policy"] == "same-origin"
    assert page["X-Robots-Tag"] == "noindex"


def test_someone_waiting_sees_their_number_and_no_join_link(client):
    event = _hybrid(capacity=1)
    rsvps.rsvp_create(event=event, user=make_user())
    rsvps.rsvp_create(event=event, user=make_user())
    third = rsvps.rsvp_create(event=event, user=make_user()).rsvp

    page = client.get(_page_url(third))

    assert "You are number 2 on the waiting list" in page.text
    assert JOIN not in page.text
    assert "Leave the waiting list" in page.text


def test_someone_pending_is_told_to_confirm_and_sees_no_join_link(client):
    event = _hybrid()
    rsvp = rsvps.rsvp_create(event=event, name="Ada", email="ada@example.org").rsvp

    page = client.get(_page_url(rsvp))

    assert "Confirm your email to get a place" in page.text
    assert JOIN not in page.text


def test_a_cancelled_event_hides_the_join_link_and_says_why(client):
    event = _hybrid()
    rsvp = rsvps.rsvp_create(event=event, user=make_user()).rsvp
    event_update(event=event, status=EventStatus.CANCELLED, status_note="The hall flooded.")

    page = client.get(_page_url(rsvp))

    assert "This event has been cancelled." in page.text
    assert "The hall flooded." in page.text
    assert JOIN not in page.text
    assert "Cancel my place" not in page.text


def test_a_postponed_event_shows_a_banner(client):
    event = make_event()
    rsvp = rsvps.rsvp_create(event=event, user=make_user()).rsvp
    event_update(event=event, status=EventStatus.POSTPONED)
    assert "This event has been postponed." in client.get(_page_url(rsvp)).text


def test_cancelling_asks_first_then_cancels(client):
    event = make_event(capacity=5)
    rsvp = rsvps.rsvp_create(event=event, user=make_user()).rsvp
    url = _page_url(rsvp)

    asked = client.post(url)
    assert asked.status_code == 200
    assert "Cancel your place?" in asked.text
    assert 'name="confirm" value="1"' in asked.text
    assert asked["Cache-Control"] == "private, no-store"
    rsvp.refresh_from_db()
    assert rsvp.status == RsvpStatus.CONFIRMED

    done = client.post(url, {"confirm": "1"})
    assert done.status_code == 303
    assert done["Location"] == url
    rsvp.refresh_from_db()
    assert rsvp.status == RsvpStatus.CANCELLED
    page = client.get(url)
    assert "Your answer is cancelled" in page.text
    assert "Cancel my place" not in page.text
    event.refresh_from_db()
    assert event.confirmed_count == 0


def test_the_page_links_the_calendar_file_when_there_is_one(client):
    event = make_event()
    rsvp = rsvps.rsvp_create(event=event, user=make_user()).rsvp
    page = client.get(_page_url(rsvp))
    ics = reverse("events:detail_ics", kwargs={"slug": event.slug})
    assert f'href="{ics}"' in page.text


def test_an_event_that_is_over_offers_no_cancelling(client):
    event = make_event()
    rsvp = rsvps.rsvp_create(event=event, user=make_user()).rsvp
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=3),
        ends_at=timezone.now() - dt.timedelta(hours=1),
    )
    page = client.get(_page_url(rsvp))
    assert "You had a place" in page.text
    assert "Cancel my place" not in page.text


def test_an_unknown_token_is_not_found(client):
    response = client.get(reverse("events:rsvp", kwargs={"token": "f" * 40}))
    assert response.status_code == 404
    assert (
        client.post(
            reverse("events:rsvp", kwargs={"token": "f" * 40}), {"confirm": "1"}
        ).status_code
        == 404
    )
    assert not Rsvp.objects.exists()


def test_an_answer_to_an_event_that_is_over_stays_as_it_was(client):
    event = make_event()
    rsvp = rsvps.rsvp_create(event=event, user=make_user()).rsvp
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=3),
        ends_at=timezone.now() - dt.timedelta(hours=1),
    )
    response = client.post(_page_url(rsvp), {"confirm": "1"})
    assert response.status_code == 200
    assert "There is nothing to cancel" in response.text
    rsvp.refresh_from_db()
    assert rsvp.status == RsvpStatus.CONFIRMED
