"""Delivering solidarity messages: one digest email per recipient, listing what is due.

The delivery rows are the queue. A run locks the recipient, claims its due deliveries, sends one
email and marks them sent, all in one transaction: when the mail server fails, nothing is marked
and the rows are retried later with a growing delay.
"""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from picketline.places.countries import country_names
from picketline.solidarity.messages.models import (
    DeliveryStatus,
    DigestFrequency,
    MessageDelivery,
    MessageRecipient,
)
from picketline.solidarity.messages.selectors import message_signature

# The wait before each further attempt; after the last one the delivery is given up.
BACKOFF = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=12),
)
MAX_ATTEMPTS = 8
_INTERVALS = {
    DigestFrequency.IMMEDIATE: dt.timedelta(0),
    DigestFrequency.HOURLY: dt.timedelta(hours=1),
    DigestFrequency.DAILY: dt.timedelta(days=1),
}


class _SendFailed(Exception):
    pass


def digest_due_at(recipient: MessageRecipient) -> dt.datetime | None:
    """When the recipient may next get a digest; None for now."""
    interval = _INTERVALS.get(recipient.frequency, dt.timedelta(days=1))
    if recipient.last_sent_at is None or not interval:
        return None
    due = recipient.last_sent_at + interval
    return due if due > timezone.now() else None


def _enqueue(recipient_id: int, run_after: dt.datetime | None) -> None:
    # A backend that runs tasks at once (or cannot defer them) runs the digest now; the task
    # itself then leaves alone what is not due yet.
    if run_after is None or not deliver_digest.get_backend().supports_defer:
        deliver_digest.enqueue(recipient_id=recipient_id)
    else:
        deliver_digest.using(run_after=run_after).enqueue(recipient_id=recipient_id)


def digest_schedule(*, recipient: MessageRecipient) -> None:
    """Enqueues the recipient's digest for the next time their frequency allows."""
    _enqueue(recipient.pk, digest_due_at(recipient))


def _due(recipient: MessageRecipient, now: dt.datetime):
    return (
        MessageDelivery.objects.filter(recipient=recipient, status=DeliveryStatus.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .select_related("message", "message__dispute")
        .order_by("message__published_at", "message_id")
    )


def _email(recipient: MessageRecipient, deliveries: list[MessageDelivery]) -> EmailMessage:
    messages = [delivery.message for delivery in deliveries]
    names = country_names({message.country for message in messages})
    dispute = recipient.dispute
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "dispute": dispute,
            "count": len(messages),
            "messages": [
                {
                    "message": message,
                    "signature": message_signature(
                        message, names.get(message.country, message.country)
                    ),
                    # The DB constraint already ties an email to consent; said twice on purpose.
                    "email": message.sender_email if message.contact_consent else "",
                }
                for message in messages
            ],
            "inbox_url": settings.SITE_URL
            + reverse("solidarity:message_inbox", kwargs={"slug": dispute.slug}),
        }
        subject = render_to_string("solidarity/messages/email/digest_subject.txt", context)
        body = render_to_string("solidarity/messages/email/digest.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[recipient.email])


def _record_failure(recipient_id: int, now: dt.datetime, error: Exception) -> dt.datetime | None:
    """Counts the attempt on each due delivery and says when to try again (None: gave up)."""
    with transaction.atomic():
        recipient = MessageRecipient.objects.select_for_update().filter(pk=recipient_id).first()
        if recipient is None:
            return None
        retry_at = None
        for delivery in _due(recipient, now).select_for_update(of=("self",)):
            delivery.attempts = F("attempts") + 1
            delivery.save(update_fields=["attempts"])
            delivery.refresh_from_db(fields=["attempts"])
            delivery.last_error = str(error)[:500] or error.__class__.__name__
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.status = DeliveryStatus.FAILED
                delivery.next_attempt_at = None
            else:
                wait = BACKOFF[min(delivery.attempts, len(BACKOFF)) - 1]
                delivery.next_attempt_at = now + wait
                retry_at = min(retry_at or delivery.next_attempt_at, delivery.next_attempt_at)
            delivery.save(update_fields=["status", "next_attempt_at", "last_error"])
        return retry_at


@task(queue_name="email")
def deliver_digest(*, recipient_id: int) -> int:
    """Sends the recipient one email listing their due messages; returns how many it listed.

    Runs that overlap wait for the recipient's lock and then find nothing left to send, so each
    message reaches each recipient once.
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            recipient = (
                MessageRecipient.objects.select_for_update()
                .select_related("dispute")
                .filter(pk=recipient_id)
                .first()
            )
            if recipient is None or digest_due_at(recipient) is not None:
                return 0
            deliveries = list(_due(recipient, now).select_for_update(of=("self",)))
            if not deliveries:
                return 0
            try:
                _email(recipient, deliveries).send()
            except Exception as error:
                raise _SendFailed(error) from error
            MessageDelivery.objects.filter(pk__in=[d.pk for d in deliveries]).update(
                status=DeliveryStatus.SENT,
                sent_at=now,
                attempts=F("attempts") + 1,
                last_error="",
            )
            recipient.last_sent_at = now
            recipient.save(update_fields=["last_sent_at", "updated_at"])
            return len(deliveries)
    except _SendFailed as failure:
        retry_at = _record_failure(recipient_id, now, failure.__cause__)
        if retry_at is not None and deliver_digest.get_backend().supports_defer:
            transaction.on_commit(lambda: _enqueue(recipient_id, retry_at))
        return 0
