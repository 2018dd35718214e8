"""Delivering solidarity messages: one digest email per recipient, listing what is due.

The delivery rows are the queue, drained through `core.fanout`. A run claims a batch of
recipients with due deliveries (their rows locked), renders each message once for the whole
run, assembles every recipient's digest from the rendered parts, sends the batch over one
connection and, in the same transaction, marks sent what the server took and counts a failed
attempt on the rest, which are retried later with a growing delay. Each message reaches each
recipient once, whether the mail server is down, fails mid-batch, or several workers run.
"""

import datetime as dt
from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.tasks import task
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from picketline.core.fanout import (
    MailSession,
    Parts,
    PlainTextEmails,
    claim_batches,
    next_attempt_at,
    overlapped_writes,
    sent_chunk,
)
from picketline.core.idlists import pk_among
from picketline.disputes.models import Dispute
from picketline.places.countries import country_names
from picketline.solidarity.messages.models import (
    DeliveryStatus,
    DigestFrequency,
    Message,
    MessageDelivery,
    MessageRecipient,
)
from picketline.solidarity.messages.selectors import message_signature

_INTERVALS = {
    DigestFrequency.IMMEDIATE: dt.timedelta(0),
    DigestFrequency.HOURLY: dt.timedelta(hours=1),
    DigestFrequency.DAILY: dt.timedelta(days=1),
}


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


def digests_schedule(*, dispute_id: int, recipients: list[MessageRecipient]) -> None:
    """Enqueues one run for the recipients due now and a later one for each of the others."""
    later = [(r.pk, due) for r in recipients if (due := digest_due_at(r)) is not None]
    if len(later) < len(recipients):
        deliver_digests.enqueue(dispute_id=dispute_id)
    for recipient_id, due in later:
        _enqueue(recipient_id, due)


def _due_deliveries(now: dt.datetime):
    return MessageDelivery.objects.filter(status=DeliveryStatus.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def _due_recipients(now: dt.datetime):
    """Recipients whose frequency allows a digest now and who have a delivery due."""
    allowed = (
        Q(last_sent_at__isnull=True)
        | Q(frequency=DigestFrequency.IMMEDIATE)
        | Q(frequency=DigestFrequency.HOURLY, last_sent_at__lte=now - _INTERVALS["hourly"])
        | Q(
            ~Q(frequency__in=[DigestFrequency.IMMEDIATE, DigestFrequency.HOURLY]),
            last_sent_at__lte=now - _INTERVALS["daily"],
        )
    )
    return MessageRecipient.objects.filter(allowed).filter(
        Exists(_due_deliveries(now).filter(recipient=OuterRef("pk")))
    )


class _Part(NamedTuple):
    """A message's part of a digest, and where it goes: a digest lists its messages in the
    order they were published."""

    order: tuple[dt.datetime, int]
    text: str


def _render_messages(message_ids: list[int]) -> dict[int, _Part]:
    """Each message's part of a digest, the same for every recipient."""
    messages = list(Message.objects.filter(pk__in=message_ids))
    names = country_names({message.country for message in messages})
    template = get_template("solidarity/messages/email/digest_message.txt")
    return {
        message.pk: _Part(
            (message.published_at, message.pk),
            template.render(
                {
                    "entry": {
                        "message": message,
                        "signature": message_signature(
                            message, names.get(message.country, message.country)
                        ),
                        # The DB constraint already ties an email to consent; said twice on
                        # purpose.
                        "email": message.sender_email if message.contact_consent else "",
                    }
                }
            ),
        )
        for message in messages
    }


class _Digests:
    """What one run renders once: each message's part, each dispute's header and footer, and
    each subject (by dispute and count)."""

    def __init__(self):
        self.messages = Parts(_render_messages)
        self.emails = PlainTextEmails()
        self.frames: dict = {}
        self.disputes: dict[int, Dispute] = {}
        self.parts: dict[int, _Part] = {}

    def prepare(self, recipients: list[MessageRecipient], message_ids: set[int]) -> None:
        """Reads a batch's disputes and renders the messages it lists that no batch before
        rendered. The disputes are read once a batch, for the few a batch names, rather than
        joined to every recipient claimed; the messages' order comes with their parts, so the
        deliveries are read without joining their messages."""
        self.disputes = Dispute.objects.in_bulk({r.dispute_id for r in recipients})
        self.parts = self.messages.get_many(message_ids)

    def frame(self, dispute) -> tuple[str, str]:
        if dispute.pk not in self.frames:
            context = {
                "dispute": dispute,
                "inbox_url": settings.SITE_URL
                + reverse("solidarity:message_inbox", kwargs={"slug": dispute.slug}),
            }
            self.frames[dispute.pk] = (
                render_to_string("solidarity/messages/email/digest_header.txt", context),
                render_to_string("solidarity/messages/email/digest_footer.txt", context),
            )
        return self.frames[dispute.pk]

    def subject(self, dispute, count: int) -> str:
        key = (dispute.pk, count)
        if key not in self.frames:
            subject = render_to_string(
                "solidarity/messages/email/digest_subject.txt",
                {"dispute": dispute, "count": count},
            )
            self.frames[key] = " ".join(subject.split())
        return self.frames[key]

    def email(self, recipient: MessageRecipient, message_ids: list[int]) -> EmailMessage:
        """The recipient's digest of `message_ids`; call `prepare` for the batch first."""
        parts = sorted(self.parts[pk] for pk in message_ids if pk in self.parts)
        dispute = self.disputes[recipient.dispute_id]
        header, footer = self.frame(dispute)
        return self.emails.email(
            subject=self.subject(dispute, len(message_ids)),
            parts=[header, *(part.text for part in parts), footer],
            to=[recipient.email],
        )


def _backoff(attempts: int, now: dt.datetime) -> tuple[str, dt.datetime | None]:
    """The status and next attempt of a delivery that has failed `attempts` times."""
    retry_at = next_attempt_at(attempts, now)
    return (DeliveryStatus.FAILED if retry_at is None else DeliveryStatus.PENDING), retry_at


def _record_failures(
    deliveries: list[tuple[int, int, int]], errors: dict[int, Exception], now: dt.datetime
) -> dt.datetime | None:
    """Counts the attempt on each (delivery, recipient, attempts) of a failed recipient and
    says when to try again (None: gave up on all). Call inside the claiming transaction."""
    groups: dict[tuple[int, str], list[int]] = {}
    for pk, recipient_id, attempts in deliveries:
        if recipient_id in errors:
            error = errors[recipient_id]
            message = str(error)[:500] or error.__class__.__name__
            groups.setdefault((attempts + 1, message), []).append(pk)
    retry_at = None
    for (attempts, message), pks in groups.items():
        status, again_at = _backoff(attempts, now)
        MessageDelivery.objects.filter(pk__in=pks).update(
            attempts=attempts, status=status, next_attempt_at=again_at, last_error=message
        )
        if again_at is not None:
            retry_at = min(retry_at or again_at, again_at)
    return retry_at


def _mark_sent(pks: list[int], now: dt.datetime) -> None:
    """Marks the deliveries sent, in one statement however many there are."""
    MessageDelivery.objects.filter(pk_among(MessageDelivery, pks)).update(
        status=DeliveryStatus.SENT, sent_at=now, attempts=F("attempts") + 1, last_error=""
    )


class _Run:
    """One drain of the queue: what it listed, and when to come back for what failed."""

    def __init__(self, now: dt.datetime):
        self.now = now
        self.digests = _Digests()
        self.mail = MailSession()
        self.listed = 0
        self.retry_at: dt.datetime | None = None

    def _digests(self, recipients, by_recipient: dict[int, list[int]]):
        """Each recipient's digest, built as it is sent (one email in memory at a time); one
        that cannot be built is given as its error, and fails alone."""
        for recipient in recipients:
            if recipient.pk in by_recipient:
                try:
                    email = self.digests.email(recipient, by_recipient[recipient.pk])
                except Exception as error:  # reported failed, retried with the others' backoff
                    yield recipient.pk, error
                else:
                    yield recipient.pk, email

    def deliver(self, recipients: list[MessageRecipient]) -> int:
        """Sends the claimed recipients their digests; call in the claiming transaction.

        What was sent is marked sent chunk by chunk as the mail server takes it, the database
        writing one chunk while the next emails go (`overlapped_writes`); it all commits, or
        none of it, with the claim.
        """
        by_recipient: dict[int, list[int]] = {}
        pks: dict[int, list[int]] = {}
        rows = (
            _due_deliveries(self.now)
            .filter(recipient_id__in=[r.pk for r in recipients])
            .values_list("pk", "recipient_id", "message_id", "attempts")
        )
        deliveries = list(rows)
        for pk, recipient_id, message_id, _attempts in deliveries:
            by_recipient.setdefault(recipient_id, []).append(message_id)
            pks.setdefault(recipient_id, []).append(pk)
        self.digests.prepare(recipients, {message_id for _p, _r, message_id, _a in deliveries})
        listed = 0

        def mark_sent(recipient_ids: list[int]) -> None:
            nonlocal listed
            sent_pks = [pk for recipient_id in recipient_ids for pk in pks[recipient_id]]
            _mark_sent(sent_pks, self.now)
            MessageRecipient.objects.filter(pk__in=recipient_ids).update(
                last_sent_at=self.now, updated_at=self.now
            )
            listed += len(sent_pks)

        with translation.override(settings.LANGUAGE_CODE), overlapped_writes():
            result = self.mail.send(
                self._digests(recipients, by_recipient),
                on_sent=mark_sent,
                every=sent_chunk(len(deliveries), len(by_recipient)),
            )
        if result.failed:
            retry_at = _record_failures(
                [(pk, r, a) for pk, r, _m, a in deliveries], result.failed, self.now
            )
            if retry_at is not None:
                self.retry_at = min(self.retry_at or retry_at, retry_at)
        self.listed += listed
        return listed


def _supports_defer() -> bool:
    return deliver_digests.get_backend().supports_defer


@task(queue_name="email")
def deliver_digests(*, dispute_id: int | None = None) -> int:
    """Sends every recipient with something due (of one dispute, or of all) their digest, in
    batches over one connection each; returns how many messages it listed.

    Workers running side by side claim disjoint batches; a run that finds a recipient locked
    leaves it to the run holding it, so each message reaches each recipient once.
    """
    run = _Run(timezone.now())
    recipients = _due_recipients(run.now).only("email", "dispute_id")
    if dispute_id is not None:
        recipients = recipients.filter(dispute_id=dispute_id)
    with run.mail:
        claim_batches(recipients, run.deliver)
    if run.retry_at is not None and _supports_defer():
        retry_at = run.retry_at
        deliver_digests.using(run_after=retry_at).enqueue(dispute_id=dispute_id)
    return run.listed


@task(queue_name="email")
def deliver_digest(*, recipient_id: int) -> int:
    """Sends one recipient their digest if one is due; returns how many messages it listed.

    Runs that overlap wait for the recipient's lock and then find nothing left to send, so each
    message reaches each recipient once.
    """
    run = _Run(timezone.now())
    with run.mail, transaction.atomic():
        recipients = list(
            _due_recipients(run.now)
            .only("email", "dispute_id")
            .filter(pk=recipient_id)
            .select_for_update(of=("self",))
        )
        if recipients:
            run.deliver(recipients)
    if run.retry_at is not None and _supports_defer():
        retry_at = run.retry_at
        transaction.on_commit(lambda: _enqueue(recipient_id, retry_at))
    return run.listed
