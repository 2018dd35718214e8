"""Digests through the fan-out service: each message rendered once, recipients claimed in
batches sent over one SMTP connection, exactly once through a mail server failing mid-batch and
with workers side by side."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef
from django.test.signals import template_rendered
from django.utils import timezone

from picketline.core import fanout
from picketline.settings import mailer_settings
from picketline.solidarity.messages import delivery
from picketline.solidarity.messages.delivery import deliver_digests
from picketline.solidarity.models import (
    DeliveryStatus,
    DigestFrequency,
    Message,
    MessageDelivery,
    MessageRecipient,
)
from tests.factories import make_dispute
from tests.solidarity.messages.smtp_server import SmtpServer, free_port

PART = "solidarity/messages/email/digest_message.txt"


@pytest.fixture
def smtp(settings):
    server = SmtpServer(free_port())
    settings.MAILERS = {"default": mailer_settings(f"smtp://127.0.0.1:{server.port}")}
    server.start()
    yield server
    server.stop()


def _queue(recipients: int, messages: int):
    """A dispute with `recipients` immediate recipients and `messages` published messages,
    one pending delivery per pair (as publishing leaves them)."""
    dispute = make_dispute()
    people = MessageRecipient.objects.bulk_create(
        MessageRecipient(
            dispute=dispute, email=f"person{n}@example.org", frequency=DigestFrequency.IMMEDIATE
        )
        for n in range(recipients)
    )
    now = timezone.now()
    published = Message.objects.bulk_create(
        Message(
            dispute=dispute,
            body=f"Solidarity number {n}",
            country="FR",
            published_at=now - dt.timedelta(minutes=messages - n),
        )
        for n in range(messages)
    )
    MessageDelivery.objects.bulk_create(
        MessageDelivery(message=m, recipient=r) for r in people for m in published
    )
    return dispute


def _emails_per_person(smtp) -> dict[str, int]:
    counts: dict[str, int] = {}
    for to, _data in smtp.received:
        for address in to:
            counts[address] = counts.get(address, 0) + 1
    return counts


def test_it_renders_each_message_once_for_every_recipient(db, smtp):
    dispute = _queue(recipients=30, messages=4)
    rendered = []

    def count(sender, template, **kwargs):
        if template.name == PART:
            rendered.append(template)

    template_rendered.connect(count)
    try:
        assert deliver_digests.call(dispute_id=dispute.pk) == 120
    finally:
        template_rendered.disconnect(count)

    assert len(rendered) == 4
    assert len(smtp.received) == 30
    for _to, data in smtp.received:
        for n in range(4):
            assert f"Solidarity number {n}".encode() in data


def test_it_claims_recipients_in_batches_and_sends_them_all_over_one_connection(
    db, smtp, monkeypatch
):
    monkeypatch.setattr(fanout, "BATCH_SIZE", 10)
    batches = []
    deliver = delivery._Run.deliver

    def counted(run, recipients):
        batches.append(len(recipients))
        return deliver(run, recipients)

    monkeypatch.setattr(delivery._Run, "deliver", counted)
    dispute = _queue(recipients=25, messages=2)

    assert deliver_digests.call(dispute_id=dispute.pk) == 50

    assert batches == [10, 10, 5]
    assert smtp.connections == 1  # kept open from batch to batch
    assert _emails_per_person(smtp) == {f"person{n}@example.org": 1 for n in range(25)}
    assert MessageDelivery.objects.filter(status=DeliveryStatus.SENT, attempts=1).count() == 50
    assert MessageRecipient.objects.filter(last_sent_at__isnull=True).count() == 0


def test_it_sends_nothing_twice_and_loses_nothing_when_the_server_fails_mid_batch(db, smtp):
    dispute = _queue(recipients=10, messages=3)
    smtp.down_after = 4

    assert deliver_digests.call(dispute_id=dispute.pk) == 12

    assert len(smtp.received) == 4
    sent = MessageDelivery.objects.filter(status=DeliveryStatus.SENT)
    assert sent.count() == 12
    assert set(sent.values_list("attempts", flat=True)) == {1}
    waiting = MessageDelivery.objects.filter(status=DeliveryStatus.PENDING)
    assert waiting.count() == 18
    for row in waiting:
        assert row.attempts == 1
        assert row.next_attempt_at > timezone.now()
        assert row.last_error

    # Back up, but the backoff holds the rest until their next attempt is due.
    smtp.down_after = None
    assert deliver_digests.call(dispute_id=dispute.pk) == 0
    MessageDelivery.objects.filter(status=DeliveryStatus.PENDING).update(
        next_attempt_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert deliver_digests.call(dispute_id=dispute.pk) == 18

    assert _emails_per_person(smtp) == {f"person{n}@example.org": 1 for n in range(10)}
    assert set(MessageDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert deliver_digests.call(dispute_id=dispute.pk) == 0
    assert len(smtp.received) == 10


def test_it_claims_only_the_dispute_it_is_asked_for(db, smtp):
    ours = _queue(recipients=3, messages=1)
    other = _queue(recipients=2, messages=1)

    assert deliver_digests.call(dispute_id=ours.pk) == 3
    assert (
        MessageDelivery.objects.filter(
            recipient__dispute=other, status=DeliveryStatus.PENDING
        ).count()
        == 2
    )
    assert deliver_digests.call() == 2  # every dispute


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_workers_side_by_side_claim_disjoint_batches(smtp):
    dispute = _queue(recipients=40, messages=2)
    pending = MessageDelivery.objects.filter(
        recipient=OuterRef("pk"), status=DeliveryStatus.PENDING
    )
    queue = MessageRecipient.objects.filter(dispute=dispute).filter(Exists(pending))
    both_hold_a_batch = threading.Barrier(2, timeout=30)
    claimed: list[list[int]] = [[], []]

    def worker(index: int):
        def deliver(rows):
            if not claimed[index]:
                both_hold_a_batch.wait()  # the other worker holds its first batch too
            # As a digest run does: read what is still pending once the rows are locked (a row
            # freed by the other worker's commit may be claimed again, with nothing left).
            still = MessageDelivery.objects.filter(
                recipient__in=rows, status=DeliveryStatus.PENDING
            )
            claimed[index].extend(set(still.values_list("recipient_id", flat=True)))
            # Delivered: out of the queue when the batch commits.
            still.update(status=DeliveryStatus.SENT, sent_at=timezone.now())
            return len(rows)

        try:
            fanout.claim_batches(queue, deliver, size=10)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not any(thread.is_alive() for thread in threads)
    assert claimed[0] and claimed[1]
    assert not set(claimed[0]) & set(claimed[1])
    everyone = MessageRecipient.objects.filter(dispute=dispute).values_list("pk", flat=True)
    assert sorted(claimed[0] + claimed[1]) == sorted(everyone)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_digest_runs_side_by_side_send_each_recipient_one_email(smtp, monkeypatch):
    monkeypatch.setattr(fanout, "BATCH_SIZE", 5)
    dispute = _queue(recipients=30, messages=2)
    listed = [0, 0, 0]
    start = threading.Barrier(3, timeout=30)

    def run(index: int):
        try:
            start.wait()
            listed[index] = deliver_digests.call(dispute_id=dispute.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sum(listed) == 60
    assert _emails_per_person(smtp) == {f"person{n}@example.org": 1 for n in range(30)}
    assert MessageDelivery.objects.filter(status=DeliveryStatus.SENT, attempts=1).count() == 60


def test_it_renders_each_message_once_across_batches(db, smtp, monkeypatch):
    monkeypatch.setattr(fanout, "BATCH_SIZE", 4)
    monkeypatch.setattr(fanout, "SQLITE_BATCH_SIZE", 4)
    dispute = _queue(recipients=10, messages=3)
    rendered = []

    def count(sender, template, **kwargs):
        if template.name == PART:
            rendered.append(template)

    template_rendered.connect(count)
    try:
        assert deliver_digests.call(dispute_id=dispute.pk) == 30
    finally:
        template_rendered.disconnect(count)

    assert len(rendered) == 3  # three batches, each message rendered in the first only
    assert _emails_per_person(smtp) == {f"person{n}@example.org": 1 for n in range(10)}


def test_a_digest_lists_its_messages_in_the_order_they_were_published(db, smtp):
    dispute = _queue(recipients=1, messages=3)
    # Published in the reverse order of their ids (approved later than written, say).
    now = timezone.now()
    for n, message in enumerate(Message.objects.filter(dispute=dispute).order_by("-pk")):
        Message.objects.filter(pk=message.pk).update(published_at=now - dt.timedelta(hours=3 - n))

    deliver_digests.call(dispute_id=dispute.pk)

    [(_to, data)] = smtp.received
    positions = [data.index(f"Solidarity number {n}".encode()) for n in (2, 1, 0)]
    assert positions == sorted(positions)


def test_a_digest_that_cannot_be_built_fails_alone_and_waits_for_its_retry(db, smtp, monkeypatch):
    dispute = _queue(recipients=3, messages=2)
    broken = MessageRecipient.objects.get(email="person1@example.org")
    email = delivery._Digests.email

    def build(digests, recipient, message_ids):
        if recipient.pk == broken.pk:
            raise ValueError("template missing")
        return email(digests, recipient, message_ids)

    monkeypatch.setattr(delivery._Digests, "email", build)

    assert deliver_digests.call(dispute_id=dispute.pk) == 4

    assert _emails_per_person(smtp) == {"person0@example.org": 1, "person2@example.org": 1}
    waiting = MessageDelivery.objects.filter(recipient=broken)
    assert {(row.status, row.attempts, row.last_error) for row in waiting} == {
        (DeliveryStatus.PENDING, 1, "template missing")
    }
    assert all(row.next_attempt_at > timezone.now() for row in waiting)
    assert MessageDelivery.objects.filter(status=DeliveryStatus.SENT).count() == 4
