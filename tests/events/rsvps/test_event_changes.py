"""When the organisers move or cancel an event, everyone coming or waiting is emailed once,
with their own link to cancel."""

import datetime as dt

import pytest
from django.core import mail

from picketline.events.choices import EventMode, EventStatus
from picketline.events.rsvps import selectors as rsvp_selectors
from picketline.events.rsvps import services as rsvps
from picketline.events.services import event_update
from tests.events.rsvps.helpers import mails_to, rsvp_token_in
from tests.factories import make_event, make_user

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/secret-room-42"


def _event_with_people():
    event = make_event(capacity=1, mode=EventMode.HYBRID, join_url=JOIN)
    seated = rsvps.rsvp_create(event=event, user=make_user(email="s@example.org")).rsvp
    waiting = rsvps.rsvp_create(event=event, user=make_user(email="w@example.org")).rsvp
    rsvps.rsvp_create(event=event, name="Pending", email="p@example.org")
    gone = rsvps.rsvp_create(event=event, user=make_user(email="gone@example.org")).rsvp
    rsvps.rsvp_cancel(rsvp=gone)
    return event, seated, waiting


def test_a_new_time_is_told_once_to_each_person_coming_or_waiting(send_now):
    event, seated, waiting = _event_with_people()
    with send_now():
        event_update(
            event=event,
            starts_at=event.starts_at + dt.timedelta(hours=2),
            ends_at=event.ends_at + dt.timedelta(hours=2),
        )

    assert sorted(m.to[0] for m in mail.outbox) == ["s@example.org", "w@example.org"]
    (to_seated,) = mails_to("s@example.org")
    (to_waiting,) = mails_to("w@example.org")
    assert to_seated.subject.startswith("Changed:")
    assert "What changed: the time." in to_seated.body
    assert rsvp_token_in(to_seated) == rsvp_selectors.rsvp_token(seated)
    assert JOIN in to_seated.body
    assert to_seated.attachments[0][0] == "event.ics"
    assert "still on the waiting list, number 1" in to_waiting.body
    assert rsvp_token_in(to_waiting) == rsvp_selectors.rsvp_token(waiting)
    assert JOIN not in to_waiting.body


def test_a_cancellation_is_told_once_each_with_the_reason(send_now):
    event, seated, waiting = _event_with_people()
    with send_now():
        event_update(event=event, status=EventStatus.CANCELLED, status_note="The hall flooded.")

    assert sorted(m.to[0] for m in mail.outbox) == ["s@example.org", "w@example.org"]
    for message, rsvp in (
        (mails_to("s@example.org")[0], seated),
        (mails_to("w@example.org")[0], waiting),
    ):
        assert message.subject.startswith("Cancelled:")
        assert "The hall flooded." in message.body
        assert JOIN not in message.body
        assert rsvp_token_in(message) == rsvp_selectors.rsvp_token(rsvp)


def test_a_change_nobody_needs_to_know_sends_nothing(send_now):
    event, _seated, _waiting = _event_with_people()
    with send_now():
        event_update(event=event, description="Now with tea.")
    assert mail.outbox == []
