"""Every RSVP email carries the person's private link (to see or cancel their answer); the
confirmation brings the calendar invite; the join link goes only to people with a place."""

import icalendar
import pytest
from django.core import mail
from django.utils import translation

from picketline.core.templatetags.display_tags import isolate
from picketline.events.choices import EventMode
from picketline.events.models import Rsvp
from picketline.events.rsvps import notices
from picketline.events.rsvps import selectors as rsvp_selectors
from picketline.events.rsvps import services as rsvps
from tests.events.rsvps.helpers import confirm_token, mails_to, rsvp_token_in
from tests.factories import make_event, make_user

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/secret-room-42"


def _online(**fields):
    return make_event(mode=EventMode.ONLINE, join_url=JOIN, **fields)


def _assert_private_link(message, rsvp):
    assert rsvp_token_in(message) == rsvp_selectors.rsvp_token(rsvp)


def test_the_confirm_link_email_has_both_links_and_no_join_link(send_now):
    event = _online()
    with send_now():
        rsvp = rsvps.rsvp_create(event=event, name="Ada", email="ada@example.org").rsvp

    (message,) = mail.outbox
    assert message.subject == f"Confirm your place: {event.title}"
    assert f"Hello {isolate('Ada')}," in message.body
    assert confirm_token(message)
    assert "48 hours" in message.body
    _assert_private_link(message, rsvp)
    assert JOIN not in message.body
    assert message.attachments == []


def test_a_confirmed_place_comes_with_the_invite_and_the_join_link(send_now):
    event = _online(zone="Asia/Tokyo")
    with send_now():
        rsvp = rsvps.rsvp_create(event=event, user=make_user(email="u@example.org")).rsvp

    (message,) = mail.outbox
    assert message.subject == f"You are coming: {event.title}"
    assert JOIN in message.body
    assert "Asia/Tokyo" in message.body
    _assert_private_link(message, rsvp)
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype.split(";")[0]) == ("event.ics", "text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [event.title]
    assert JOIN not in content


def test_someone_waiting_gets_their_number_and_no_join_link(send_now):
    event = _online(capacity=1)
    rsvps.rsvp_create(event=event, user=make_user())
    with send_now():
        rsvp = rsvps.rsvp_create(event=event, user=make_user(email="w@example.org")).rsvp

    (message,) = mails_to("w@example.org")
    assert "waiting list, number 1" in message.body
    assert JOIN not in message.body
    assert message.attachments == []
    _assert_private_link(message, rsvp)


def test_a_reminder_names_the_hours_and_carries_the_links(send_now):
    event = _online()
    rsvp = rsvps.rsvp_create(event=event, user=make_user(email="u@example.org")).rsvp
    rsvp.reminded_hours = 1
    with send_now():
        notices.rsvp_reminder(rsvp)

    (message,) = mail.outbox
    assert message.subject == f"Reminder: {event.title}"
    assert "starts within 1 hour." in message.body
    assert JOIN in message.body
    _assert_private_link(message, rsvp)


def test_a_message_from_the_organisers_carries_each_persons_own_link(send_now):
    event = _online(capacity=1)
    seated = rsvps.rsvp_create(event=event, user=make_user(email="s@example.org")).rsvp
    waiting = rsvps.rsvp_create(event=event, user=make_user(email="w@example.org")).rsvp
    with send_now():
        told = notices.attendees_message(
            event, subject="Bring 100% of your banners", body="See you at the gate.", waiting=True
        )

    assert told == 2
    for address, rsvp in (("s@example.org", seated), ("w@example.org", waiting)):
        (message,) = mails_to(address)
        assert message.subject == "Bring 100% of your banners"
        assert message.body.startswith("See you at the gate.")
        assert JOIN not in message.body
        _assert_private_link(message, rsvp)


def test_an_email_is_written_in_the_language_it_was_answered_in(send_now):
    event = make_event()
    rsvp = rsvps.rsvp_create(event=event, user=make_user(email="u@example.org")).rsvp
    Rsvp.objects.filter(pk=rsvp.pk).update(language="es")
    rsvp.refresh_from_db()
    with send_now():
        notices.rsvp_reminder(rsvp)

    with translation.override("es"):
        spanish_when = notices.event_when(event)
    with translation.override("en"):
        english_when = notices.event_when(event)
    (message,) = mail.outbox
    assert spanish_when != english_when
    assert spanish_when in message.body
