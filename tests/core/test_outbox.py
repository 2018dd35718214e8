"""The outbox: an email is a row written with the change that causes it, one per address; one
task naming nobody drains the rows through the fan-out, over one connection, each email once
through a failing mail server and with workers side by side."""

import datetime as dt
import io
import threading

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from picketline.core import fanout, outbox
from picketline.core.fanout import MAX_ATTEMPTS
from picketline.core.models import OutboxEmail, OutboxStatus
from picketline.core.outbox import (
    CALENDAR,
    Email,
    outbox_drain,
    outbox_forget,
    outbox_send,
    outbox_send_many,
)
from picketline.settings import mailer_settings
from tests.factories import login, make_admin
from tests.solidarity.messages.smtp_server import SmtpServer, free_port

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
}
IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "email"],
    }
}


@pytest.fixture
def smtp(settings):
    server = SmtpServer(free_port())
    settings.MAILERS = {"default": mailer_settings(f"smtp://127.0.0.1:{server.port}")}
    server.start()
    yield server
    server.stop()


@pytest.fixture
def unreachable(settings):
    """A mail server that is down: nothing listens on its port."""
    settings.MAILERS = {"default": mailer_settings(f"smtp://127.0.0.1:{free_port()}")}


def _people(count: int) -> list[str]:
    return [f"person{n}@example.org" for n in range(count)]


def _emails_per_person(smtp) -> dict[str, int]:
    counts: dict[str, int] = {}
    for to, _data in smtp.received:
        for address in to:
            counts[address] = counts.get(address, 0) + 1
    return counts


def _inserts(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "core_outboxemail"')]


# --- writing -------------------------------------------------------------------------------


def test_it_writes_one_row_per_address_in_one_insert_and_a_task_naming_nobody(
    db, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            count = outbox_send(
                subject="Picket\n  tomorrow", body="06:00 at the gate", to=_people(3)
            )
        assert not DBTaskResult.objects.exists()  # nothing leaves before the commit

    assert count == 3
    assert len(_inserts(queries)) == 1
    rows = list(OutboxEmail.objects.order_by("pk"))
    assert [row.address for row in rows] == _people(3)
    assert {row.subject for row in rows} == {"Picket tomorrow"}  # a header is one line
    assert {row.status for row in rows} == {OutboxStatus.PENDING}
    (task,) = DBTaskResult.objects.all()
    assert task.task_path == "picketline.core.outbox.outbox_drain"
    assert task.args_kwargs == {"args": [], "kwargs": {}}


class Undone(Exception):
    pass


def test_a_change_rolled_back_sends_nothing(db, send_now):
    with send_now() as callbacks, pytest.raises(Undone), transaction.atomic():
        outbox_send(subject="Welcome", body="Hi", to=["a@example.org"])
        raise Undone
    assert callbacks == []
    assert not OutboxEmail.objects.exists()
    assert mail.outbox == []


def test_a_savepoint_rolled_back_takes_its_email_and_nothing_else(db, send_now):
    with send_now(), transaction.atomic():
        with pytest.raises(Undone), transaction.atomic():
            outbox_send(subject="Undone", body="Hi", to=["a@example.org"])
            raise Undone
        outbox_send(subject="Kept", body="Hi", to=["b@example.org"])

    assert [(m.subject, m.to) for m in mail.outbox] == [("Kept", ["b@example.org"])]
    assert not OutboxEmail.objects.exists()


def test_each_person_can_get_their_own_text_and_an_empty_address_is_left_out(db):
    count = outbox_send_many(
        [
            Email(to="a@example.org", subject="Hi", body="Your link: /a"),
            Email(to="  ", subject="Hi", body="nobody"),
            Email(to="b@example.org", subject="Hi", body="Your link: /b"),
        ]
    )
    assert count == 2
    assert list(OutboxEmail.objects.order_by("pk").values_list("address", "body")) == [
        ("a@example.org", "Your link: /a"),
        ("b@example.org", "Your link: /b"),
    ]


# --- sending -------------------------------------------------------------------------------


def test_it_sends_a_plain_text_email_as_written(db, send_now):
    body = "Solidarität aus Köln — hold the line!\n\nتضامن\n"  # noqa: RUF001 - Arabic on purpose
    with send_now():
        outbox_send(subject="Nurses of Lyon — grève", body=body, to=["committee@example.org"])

    (message,) = mail.outbox
    assert message.subject == "Nurses of Lyon — grève"
    assert message.body == body
    assert message.to == ["committee@example.org"]
    assert message.from_email == django_settings.DEFAULT_FROM_EMAIL
    assert message.attachments == []
    parsed = message.message()
    assert parsed.get_content_type() == "text/plain"
    assert parsed.get_content().replace("\r\n", "\n") == body
    assert not OutboxEmail.objects.exists()


def test_it_keeps_an_html_alternative_and_a_calendar_invite(db, send_now):
    ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    with send_now():
        outbox_send(subject="Reset", body="Plain", to=["a@example.org"], html="<p>Rich</p>")
        outbox_send(
            subject="Picket", body="Come", to=["b@example.org"], ics=ics, ics_name="picket.ics"
        )
        outbox_send(subject="Event", body="Come", to=["c@example.org"], ics=ics)

    reset, picket, event = mail.outbox
    assert reset.body == "Plain"
    assert [(a.content, a.mimetype) for a in reset.alternatives] == [("<p>Rich</p>", "text/html")]
    assert [tuple(a) for a in picket.attachments] == [("picket.ics", ics, CALENDAR)]
    assert picket.body == "Come" and picket.to == ["b@example.org"]
    assert event.attachments[0][0] == "invite.ics"


def test_it_sends_n_emails_over_one_connection_in_batches(db, smtp, monkeypatch):
    monkeypatch.setattr(fanout, "BATCH_SIZE", 10)
    batches = []
    deliver = outbox._Run.deliver

    def counted(run, rows):
        batches.append(len(rows))
        return deliver(run, rows)

    monkeypatch.setattr(outbox._Run, "deliver", counted)
    outbox_send(subject="Strike fund", body="Thank you", to=_people(25))

    assert outbox_drain.call() == 25

    assert batches == [10, 10, 5]
    assert smtp.connections == 1  # one for the run, kept open from batch to batch
    assert [to for to, _data in smtp.received] == [[address] for address in _people(25)]
    assert b"Thank you" in smtp.received[0][1]
    assert not OutboxEmail.objects.exists()


def test_a_failure_then_a_retry_sends_each_email_once(db, smtp):
    outbox_send(subject="Rota", body="Saturday 06:00", to=_people(10))
    smtp.down_after = 4

    assert outbox_drain.call() == 4

    assert len(smtp.received) == 4
    waiting = OutboxEmail.objects.all()
    assert waiting.count() == 6
    for row in waiting:
        assert row.status == OutboxStatus.PENDING
        assert row.attempts == 1
        assert row.next_attempt_at > timezone.now()
        assert row.last_error

    # Back up, but the rest wait for their next attempt.
    smtp.down_after = None
    assert outbox_drain.call() == 0
    waiting.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    assert outbox_drain.call() == 6

    assert _emails_per_person(smtp) == dict.fromkeys(_people(10), 1)
    assert not OutboxEmail.objects.exists()
    assert outbox_drain.call() == 0
    assert len(smtp.received) == 10


def test_a_drain_that_fails_queues_the_next_for_the_first_retry(db, settings, unreachable):
    settings.TASKS = DATABASE_TASKS
    outbox_send(subject="Rota", body="Saturday", to=_people(3))

    assert outbox_drain.call() == 0

    rows = list(OutboxEmail.objects.all())
    assert {row.attempts for row in rows} == {1}
    (retry,) = DBTaskResult.objects.all()
    assert retry.task_path == "picketline.core.outbox.outbox_drain"
    assert retry.run_after == min(row.next_attempt_at for row in rows)
    assert retry.args_kwargs == {"args": [], "kwargs": {}}


def test_it_gives_up_after_the_last_attempt_and_keeps_the_row_visible(db, settings, unreachable):
    outbox_send(subject="Rota", body="Saturday", to=["a@example.org"])
    OutboxEmail.objects.update(attempts=MAX_ATTEMPTS - 1)

    outbox_drain.call()

    row = OutboxEmail.objects.get()
    assert row.status == OutboxStatus.FAILED
    assert row.attempts == MAX_ATTEMPTS
    assert row.next_attempt_at is None
    settings.MAILERS = {"default": mailer_settings("locmem://")}
    mail.outbox.clear()
    assert outbox_drain.call() == 0
    assert mail.outbox == []


def test_an_email_given_up_is_deleted_after_it_was_kept_for_the_admin(db):
    outbox_send(subject="Hi", body="Hi", to=["old@example.org", "new@example.org"])
    outbox_send(subject="Hi", body="Hi", to=["waiting@example.org"])
    now = timezone.now()
    OutboxEmail.objects.exclude(address="waiting@example.org").update(
        status=OutboxStatus.FAILED, attempts=MAX_ATTEMPTS
    )
    OutboxEmail.objects.filter(address="new@example.org").update(
        created_at=now - outbox.GIVEN_UP_KEPT + dt.timedelta(hours=1)
    )
    OutboxEmail.objects.exclude(address="new@example.org").update(
        created_at=now - outbox.GIVEN_UP_KEPT - dt.timedelta(hours=1)
    )
    OutboxEmail.objects.filter(address="waiting@example.org").update(
        next_attempt_at=now + dt.timedelta(hours=1)
    )

    outbox_drain.call()

    # The old one given up is gone; the recent one given up and the one still waiting stay.
    assert sorted(OutboxEmail.objects.values_list("address", flat=True)) == [
        "new@example.org",
        "waiting@example.org",
    ]


def test_an_email_that_cannot_be_built_fails_alone(db, monkeypatch):
    build = outbox._Run.email

    def broken_for_b(run, row):
        if row.address == "b@example.org":
            raise ValueError("cannot build")
        return build(run, row)

    monkeypatch.setattr(outbox._Run, "email", broken_for_b)
    outbox_send(subject="Hi", body="Hi", to=["a@example.org", "b@example.org", "c@example.org"])
    mail.outbox.clear()

    assert outbox_drain.call() == 2

    assert [m.to for m in mail.outbox] == [["a@example.org"], ["c@example.org"]]
    left = OutboxEmail.objects.get()
    assert (left.address, left.attempts, left.last_error) == ("b@example.org", 1, "cannot build")


def test_the_hourly_reminders_drain_the_outbox_too(db):
    outbox_send(subject="Left behind", body="Its task was lost", to=["a@example.org"])
    mail.outbox.clear()

    call_command("send_reminders", "--now", stdout=io.StringIO())

    assert [m.subject for m in mail.outbox] == ["Left behind"]
    assert not OutboxEmail.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_drains_side_by_side_send_each_email_once(smtp, monkeypatch):
    monkeypatch.setattr(fanout, "BATCH_SIZE", 5)
    outbox_send(subject="Rota", body="Saturday", to=_people(30))
    sent = [0, 0, 0]
    start = threading.Barrier(3, timeout=30)

    def run(index: int):
        try:
            start.wait()
            sent[index] = outbox_drain.call()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not any(thread.is_alive() for thread in threads)
    assert sum(sent) == 30
    assert _emails_per_person(smtp) == dict.fromkeys(_people(30), 1)
    assert not OutboxEmail.objects.exists()


# --- erasure -------------------------------------------------------------------------------


def test_forgetting_an_address_deletes_the_emails_to_it_and_those_naming_it(db):
    outbox_send(subject="Welcome", body="Hi", to=["Rosa@Example.org"])
    outbox_send(subject="New request", body="From rosa@example.org", to=["organiser@example.org"])
    outbox_send(subject="Reset", body="Plain", to=["x@example.org"], html="<p>rosa@example.org")
    outbox_send(subject="Welcome", body="Hi", to=["other@example.org"])

    assert outbox_forget(address="rosa@example.org") == 3

    assert list(OutboxEmail.objects.values_list("address", flat=True)) == ["other@example.org"]
    assert outbox_forget(address="") == 0


# --- the admin -----------------------------------------------------------------------------


def test_an_admin_sees_an_email_given_up_and_sends_it_again(
    db, client, settings, unreachable, django_capture_on_commit_callbacks
):
    outbox_send(subject="Rota", body="Saturday", to=["a@example.org"])
    OutboxEmail.objects.update(attempts=MAX_ATTEMPTS - 1)
    outbox_drain.call()
    email = OutboxEmail.objects.get(status=OutboxStatus.FAILED)
    login(client, make_admin())

    page = client.get("/admin/core/outboxemail/?status=failed")
    assert page.status_code == 200 and "a@example.org" in page.text

    settings.MAILERS = {"default": mailer_settings("locmem://")}
    settings.TASKS = IMMEDIATE_TASKS
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/core/outboxemail/",
            {"action": "send_again", "_selected_action": [email.pk]},
        )
    assert response.status_code == 302
    assert [(m.subject, m.to) for m in mail.outbox] == [("Rota", ["a@example.org"])]
    assert not OutboxEmail.objects.exists()
