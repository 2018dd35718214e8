"""Reminders a day and an hour before (EVENT_REMINDER_HOURS): each once, only to people with
a place, however often the reminder run comes round."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from picketline.events.choices import EventStatus
from picketline.events.rsvps import services as rsvps
from picketline.events.services import event_update
from picketline.events.tasks import event_reminders_send
from tests.events.rsvps.helpers import mails_to
from tests.factories import make_event, make_user

pytestmark = pytest.mark.django_db


def _coming(event, email):
    return rsvps.rsvp_create(event=event, user=make_user(email=email)).rsvp


def test_it_reminds_a_day_before_then_an_hour_before_once_each(send_now):
    event = make_event(starts_in=dt.timedelta(days=3))
    rsvp = _coming(event, "a@example.org")
    start = event.starts_at

    counts = []
    for before in (dt.timedelta(hours=30), dt.timedelta(hours=23), dt.timedelta(hours=20)):
        with send_now():
            counts.append(rsvps.reminders_send_due(now=start - before))
    for before in (dt.timedelta(minutes=50), dt.timedelta(minutes=10)):
        with send_now():
            counts.append(rsvps.reminders_send_due(now=start - before))
    with send_now():
        counts.append(rsvps.reminders_send_due(now=start + dt.timedelta(minutes=5)))

    assert counts == [0, 1, 0, 1, 0, 0]
    bodies = [m.body for m in mails_to("a@example.org")]
    assert len(bodies) == 2
    assert "starts within 24 hours" in bodies[0]
    assert "starts within 1 hour." in bodies[1]
    rsvp.refresh_from_db()
    assert rsvp.reminded_hours == 1


def test_someone_answering_late_gets_only_the_nearest_reminder(send_now):
    event = make_event(starts_in=dt.timedelta(days=3))
    _coming(event, "late@example.org")
    with send_now():
        assert rsvps.reminders_send_due(now=event.starts_at - dt.timedelta(minutes=30)) == 1
    with send_now():
        assert rsvps.reminders_send_due(now=event.starts_at - dt.timedelta(minutes=5)) == 0
    assert "starts within 1 hour." in mails_to("late@example.org")[0].body


def test_nobody_waiting_cancelled_or_unconfirmed_is_reminded(send_now):
    event = make_event(capacity=1, starts_in=dt.timedelta(days=3))
    seated = _coming(event, "seated@example.org")
    _coming(event, "waiting@example.org")
    rsvps.rsvp_create(event=event, name="P", email="pending@example.org")
    gone = _coming(make_event(capacity=5, starts_in=dt.timedelta(days=3)), "gone@example.org")
    rsvps.rsvp_cancel(rsvp=gone)

    with send_now():
        sent = rsvps.reminders_send_due(now=event.starts_at - dt.timedelta(hours=2))

    assert sent == 1
    assert [m.to for m in mail.outbox] == [[seated.email]]


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.POSTPONED])
def test_a_cancelled_or_postponed_event_sends_no_reminders(send_now, status):
    # A postponed event keeps its old time until a new one is set: no one is to come then.
    event = make_event(starts_in=dt.timedelta(days=3))
    _coming(event, "a@example.org")
    event_update(event=event, status=status)
    with send_now():
        assert rsvps.reminders_send_due(now=event.starts_at - dt.timedelta(hours=2)) == 0
    assert mail.outbox == []


def test_it_follows_the_configured_hours(settings, send_now):
    settings.EVENT_REMINDER_HOURS = [48]
    event = make_event(starts_in=dt.timedelta(days=3))
    _coming(event, "a@example.org")

    with send_now():
        early = rsvps.reminders_send_due(now=event.starts_at - dt.timedelta(hours=47))
    with send_now():
        later = rsvps.reminders_send_due(now=event.starts_at - dt.timedelta(minutes=30))

    assert (early, later) == (1, 0)
    assert "starts within 48 hours" in mails_to("a@example.org")[0].body


def test_no_configured_hours_means_no_reminders(settings, send_now):
    settings.EVENT_REMINDER_HOURS = []
    event = make_event(starts_in=dt.timedelta(hours=2))
    _coming(event, "a@example.org")
    with send_now():
        assert rsvps.reminders_send_due(now=event.starts_at - dt.timedelta(minutes=30)) == 0


def test_the_task_sends_what_is_due_now(send_now):
    event = make_event(starts_in=dt.timedelta(minutes=45))
    _coming(event, "soon@example.org")
    with send_now():
        assert event_reminders_send.call() == 1
    with send_now():
        assert event_reminders_send.call() == 0
    assert len(mails_to("soon@example.org")) == 1
    assert timezone.now() < event.starts_at
