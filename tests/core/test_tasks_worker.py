import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from picketline.core.models import OutboxEmail
from picketline.core.outbox import outbox_send


@pytest.mark.django_db(transaction=True)
def test_it_stores_an_email_and_its_task_and_the_worker_sends_it(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
    }
    with transaction.atomic():
        outbox_send(subject="Picket tomorrow", body="06:00 at the gate", to=["a@example.org"])
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert OutboxEmail.objects.count() == 1
    assert mail.outbox == []

    call_command("worker", batch=True)

    assert [m.subject for m in mail.outbox] == ["Picket tomorrow"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert not OutboxEmail.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_keeps_its_connection_from_poll_to_poll_and_closes_it_at_the_end():
    from django.db import close_old_connections, connection

    from picketline.core.management.commands.worker import connections_kept

    before = connection.settings_dict["CONN_MAX_AGE"]
    assert before == 0  # a connection per request, the default
    with connections_kept():
        connection.ensure_connection()
        opened = connection.connection
        close_old_connections()  # what the worker does around every poll and task
        assert connection.connection is opened
        assert connection.close_at is None  # not closed at the next poll either

    assert connection.settings_dict["CONN_MAX_AGE"] == before
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):  # never closed
        assert connection.connection is None
