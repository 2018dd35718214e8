import datetime as dt

import pytest
from django.utils import timezone

from picketline.settings import mailer_settings
from picketline.solidarity.messages.delivery import deliver_digest
from picketline.solidarity.messages.services import message_publish
from picketline.solidarity.models import DeliveryStatus, Message, MessageDelivery, MessageRecipient
from tests.factories import make_coordinator, make_dispute
from tests.solidarity.messages.smtp_server import SmtpServer, free_port


@pytest.fixture
def smtp(settings):
    server = SmtpServer(free_port())
    settings.MAILERS = {"default": mailer_settings(f"smtp://127.0.0.1:{server.port}")}
    yield server
    server.stop()


def _publish(dispute, body: str, send_now) -> Message:
    message = Message.objects.create(dispute=dispute, body=body, country="FR")
    with send_now():
        message_publish(message=message)
    return message


def test_it_loses_nothing_while_the_mail_server_is_down(db, smtp, send_now):
    dispute = make_dispute(solidarity_email="committee@example.org")
    coordinator = make_coordinator(dispute)
    _publish(dispute, "First message", send_now)
    _publish(dispute, "Second message", send_now)

    deliveries = MessageDelivery.objects.all()
    assert deliveries.count() == 4
    for delivery in deliveries:
        assert delivery.status == DeliveryStatus.PENDING
        assert delivery.attempts == 1
        assert delivery.next_attempt_at > timezone.now()
        assert delivery.sent_at is None
        assert delivery.last_error
    assert MessageRecipient.objects.filter(last_sent_at__isnull=False).count() == 0
    assert smtp.received == []

    smtp.start()
    # Not due yet: the backoff keeps the next attempt waiting.
    for recipient in MessageRecipient.objects.all():
        assert deliver_digest.call(recipient_id=recipient.pk) == 0
    assert smtp.received == []

    MessageDelivery.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    for recipient in MessageRecipient.objects.all():
        assert deliver_digest.call(recipient_id=recipient.pk) == 2

    assert smtp.count_for("committee@example.org") == 1
    assert smtp.count_for(coordinator.email) == 1
    for _recipients, data in smtp.received:
        assert b"First message" in data
        assert b"Second message" in data
    assert set(MessageDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}

    for recipient in MessageRecipient.objects.all():
        assert deliver_digest.call(recipient_id=recipient.pk) == 0
    assert len(smtp.received) == 2


def test_it_gives_up_after_eight_attempts(db, smtp, send_now):
    dispute = make_dispute(solidarity_email="committee@example.org")
    message = _publish(dispute, "Never arrives", send_now)
    delivery = MessageDelivery.objects.get(message=message)
    for _ in range(7):
        delivery.refresh_from_db()
        if delivery.status == DeliveryStatus.FAILED:
            break
        MessageDelivery.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
        deliver_digest.call(recipient_id=delivery.recipient_id)
    delivery.refresh_from_db()
    assert delivery.attempts == 8
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_error
