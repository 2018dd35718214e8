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
