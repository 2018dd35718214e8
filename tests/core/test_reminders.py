"""`picketline send-reminders`: every app's reminder task, enqueued for the worker or run at
once with --now, from one command that knows no app by name."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks import task

from picketline.core import reminders
from picketline.events.rsvps import services as rsvps
from picketline.events.tasks import event_reminders_send
from picketline.solidarity.funds.tasks import pledge_reminders_send
from picketline.solidarity.pickets.tasks import picket_reminders_send
from tests.factories import make_event, make_user


@task()
def _counting_reminder() -> int:
    return 7


@pytest.fixture
def extra_reminder():
    """A reminder task registered for one test only."""
    saved = dict(reminders._registry)
    reminders.reminder_task_register(_counting_reminder)
    yield _counting_reminder
    reminders._registry.clear()
    reminders._registry.update(saved)


def test_every_app_registers_its_reminders():
    paths = [t.module_path for t in reminders.reminder_tasks()]
    for registered in (picket_reminders_send, pledge_reminders_send, event_reminders_send):
        assert registered.module_path in paths


def test_registering_twice_keeps_one(extra_reminder):
    before = len(reminders.reminder_tasks())
    reminders.reminder_task_register(extra_reminder)
    assert len(reminders.reminder_tasks()) == before


@pytest.mark.django_db
def test_now_runs_each_task_and_prints_its_count(extra_reminder):
    out = io.StringIO()
    call_command("send_reminders", "--now", stdout=out)
    text = out.getvalue()
    assert "_counting_reminder: 7 reminders" in text
    assert "event_reminders_send: 0 reminders" in text
    assert "Reminders enqueued: 7" in text


@pytest.mark.django_db
def test_without_now_it_leaves_the_work_to_the_worker(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": []}
    }
    from django.tasks import default_task_backend

    default_task_backend.clear()
    out = io.StringIO()
    call_command("send_reminders", stdout=out)

    enqueued = {result.task.module_path for result in default_task_backend.results}
    assert event_reminders_send.module_path in enqueued
    assert picket_reminders_send.module_path in enqueued
    assert "will be sent by the worker" in out.getvalue()


@pytest.mark.django_db
def test_the_command_reminds_people_coming_to_events(send_now):
    event = make_event(starts_in=dt.timedelta(minutes=40))
    rsvps.rsvp_create(event=event, user=make_user(email="soon@example.org"))
    with send_now():
        call_command("send_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["soon@example.org"]]
    assert mail.outbox[0].subject == f"Reminder: {event.title}"
