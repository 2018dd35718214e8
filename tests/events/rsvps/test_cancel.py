"""Cancelling frees the seat for the first person waiting, who is emailed, exactly once."""

import pytest
from django.core import mail

from picketline.events.choices import RsvpStatus
from picketline.events.models import Rsvp
from picketline.events.rsvps import selectors as rsvp_selectors
from picketline.events.rsvps import services as rsvps
from tests.events.rsvps.helpers import mails_to
from tests.factories import make_event, make_user

pytestmark = pytest.mark.django_db


def _full_event_with_two_waiting():
    event = make_event(capacity=1)
    seated = rsvps.rsvp_create(event=event, user=make_user(email="seated@example.org")).rsvp
    first = rsvps.rsvp_create(event=event, user=make_user(email="first@example.org")).rsvp
    second = rsvps.rsvp_create(event=event, user=make_user(email="second@example.org")).rsvp
    return event, seated, first, second


def test_the_first_person_waiting_takes_the_seat_and_is_emailed_once(send_now):
    event, seated, first, second = _full_event_with_two_waiting()

    with send_now():
        rsvps.rsvp_cancel(rsvp=seated)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RsvpStatus.CONFIRMED
    assert first.promoted_at is not None
    assert second.status == RsvpStatus.WAITLISTED
    assert rsvp_selectors.waitlist_position(second) == 1
    promoted = mails_to("first@example.org")
    assert len(promoted) == 1
    assert "A place is free, and it is yours" in promoted[0].subject
    assert promoted[0].attachments[0][0] == "event.ics"
    assert mails_to("second@example.org") == []
    event.refresh_from_db()
    assert event.confirmed_count == 1


def test_cancelling_twice_promotes_nobody_the_second_time(send_now):
    _event, seated, _first, second = _full_event_with_two_waiting()

    with send_now():
        rsvps.rsvp_cancel(rsvp=seated)
    with send_now():
        again = rsvps.rsvp_cancel(rsvp=seated)

    assert again.existing is True
    second.refresh_from_db()
    assert second.status == RsvpStatus.WAITLISTED
    assert len(mails_to("first@example.org")) == 1
    assert mails_to("second@example.org") == []


def test_someone_leaving_the_waiting_list_frees_no_seat(send_now):
    event, _seated, first, second = _full_event_with_two_waiting()

    with send_now():
        rsvps.rsvp_cancel(rsvp=first)

    second.refresh_from_db()
    assert second.status == RsvpStatus.WAITLISTED
    assert rsvp_selectors.waitlist_position(second) == 1
    assert mail.outbox == []
    event.refresh_from_db()
    assert event.confirmed_count == 1


def test_cancelling_through_the_page_promotes_the_next_person(client, send_now):
    _event, seated, first, _second = _full_event_with_two_waiting()
    url = f"/events/rsvp/{rsvp_selectors.rsvp_token(seated)}/"

    with send_now():
        client.post(url, {"confirm": "1"})
    with send_now():
        client.post(url, {"confirm": "1"})

    assert Rsvp.objects.get(pk=first.pk).status == RsvpStatus.CONFIRMED
    assert len(mails_to("first@example.org")) == 1
