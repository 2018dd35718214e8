import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from picketline.core.tasks import send_email


@pytest.mark.django_db(transaction=True)
def test_it_stores_an_email_task_and_the_worker_sends_it(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
    }
    send_email.enqueue(subject="Picket tomorrow", body="06:00 at the gate", to=["a@example.org"])
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert mail.outbox == []

    call_command("worker", batch=True)

    assert [m.subject for m in mail.outbox] == ["Picket tomorrow"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
