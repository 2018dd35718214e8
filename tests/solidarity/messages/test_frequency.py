import datetime as dt

from django.core import mail
from django.tasks import default_task_backend
from django.utils import timezone

from picketline.solidarity.messages.delivery import deliver_digest
from picketline.solidarity.messages.services import message_publish, recipient_for
from picketline.solidarity.models import DeliveryStatus, DigestFrequency, Message, MessageDelivery
from tests.factories import make_coordinator, make_dispute


def _hourly_coordinator():
    dispute = make_dispute()
    coordinator = make_coordinator(dispute)
    recipient = recipient_for(dispute=dispute, user=coordinator)
    assert recipient.frequency == DigestFrequency.IMMEDIATE
    recipient.frequency = DigestFrequency.HOURLY
    recipient.save()
    return dispute, recipient


def test_it_sends_the_second_message_of_the_hour_later(db, send_now):
    dispute, recipient = _hourly_coordinator()
    first = Message.objects.create(dispute=dispute, body="First")
    with send_now():
        message_publish(message=first)
    assert len(mail.outbox) == 1

    second = Message.objects.create(dispute=dispute, body="Second")
    with send_now():
        message_publish(message=second)
    assert len(mail.outbox) == 1
    assert MessageDelivery.objects.get(message=second).status == DeliveryStatus.PENDING

    recipient.refresh_from_db()
    recipient.last_sent_at = timezone.now() - dt.timedelta(hours=1, seconds=1)
    recipient.save()
    assert deliver_digest.call(recipient_id=recipient.pk) == 1
    assert len(mail.outbox) == 2
    assert "Second" in mail.outbox[1].body


def test_it_schedules_the_digest_for_the_end_of_the_hour(db, settings, send_now):
    dispute, recipient = _hourly_coordinator()
    with send_now():
        message_publish(message=Message.objects.create(dispute=dispute, body="First"))
    recipient.refresh_from_db()

    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": []}
    }
    with send_now():
        message_publish(message=Message.objects.create(dispute=dispute, body="Second"))
    results = default_task_backend.results
    assert len(results) == 1
    assert results[0].kwargs == {"recipient_id": recipient.pk}
    assert results[0].task.run_after == recipient.last_sent_at + dt.timedelta(hours=1)
