"""Reminders to picket volunteers: once each, only when the picket is near."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from picketline.disputes import services as dispute_services
from picketline.solidarity.models import ShiftSignup
from picketline.solidarity.pickets import services as services
from picketline.solidarity.pickets.tasks import picket_reminders_send
from tests.factories import make_dispute

pytestmark = pytest.mark.django_db


def _signup(hours_ahead: float, **fields):
    dispute = make_dispute(title="Bakery strike")
    site = dispute.sites.get()
    start = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(hours=hours_ahead)
    shift = dispute_services.shift_create(
        site=site, starts_at=start, ends_at=start + dt.timedelta(hours=2), timezone=site.timezone
    )
    fields = {"name": "Ada", "email": "ada@example.org", **fields}
    signup, _token = services.signup_create(shift=shift, occurrence_starts_at=start, **fields)
    return signup


def test_it_reminds_once_however_often_it_runs(send_now):
    signup = _signup(hours_ahead=20)

    with send_now():
        mail.outbox.clear()
        assert picket_reminders_send.call() == 1
    with send_now():
        assert picket_reminders_send.call() == 0

    [email] = mail.outbox
    assert email.to == ["ada@example.org"]
    assert "Bakery strike" in email.subject
    signup.refresh_from_db()
    assert signup.reminded_at is not None


def test_it_leaves_pickets_further_away_for_later(send_now):
    _signup(hours_ahead=60)

    with send_now():
        mail.outbox.clear()
        assert picket_reminders_send.call() == 0

    assert mail.outbox == []
    assert ShiftSignup.objects.get().reminded_at is None


def test_it_does_not_remind_cancelled_or_phone_only_signups(send_now):
    cancelled = _signup(hours_ahead=10)
    services.signup_cancel(signup=cancelled)
    _signup(hours_ahead=10, email="", phone="07700 900123")

    with send_now():
        mail.outbox.clear()
        assert picket_reminders_send.call() == 0

    assert mail.outbox == []


def test_it_is_enqueued_by_the_command_for_cron(send_now):
    _signup(hours_ahead=5)

    with send_now():
        mail.outbox.clear()
        call_command("send_reminders")

    assert len(mail.outbox) == 1
