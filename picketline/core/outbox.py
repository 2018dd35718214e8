"""The outbox: every email Picketline sends is a row in the database before it leaves.

A service that sends email calls `outbox_send(subject=…, body=…, to=[…])` inside the
transaction of the change that causes it (`outbox_send_many(emails)` when each person gets a
text of their own). It writes one `OutboxEmail` row per address, in bulk (a thousand rows a
statement), so a change rolled back sends nothing and a mail server that is down loses
nothing. Once the transaction commits, one task is queued: `outbox_drain`, which takes no
arguments. A task's payload never holds an address or a text; the rows do, and only until
they are sent.

`outbox_drain` sends what is due through `core.fanout`: `claim_batches` claims rows in batches
(`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so workers side by side take disjoint rows),
`PlainTextEmails` builds the plain-text emails (one with an HTML alternative or a calendar
invite is built by Django's `EmailMultiAlternatives`), and `MailSession` sends every batch of the
run over one connection. In the transaction that claimed them, the rows the server took are
deleted and the others count an attempt and wait before the next (`core.fanout.BACKOFF`, the
digests' schedule too); after `core.fanout.MAX_ATTEMPTS` a row is given up and stays, listed
in the admin (which can send it again, `outbox_retry`), for `GIVEN_UP_KEPT` (then a drain
deletes it) or until its address is erased. Each row is sent once, however many workers run.

A drain that leaves rows to retry queues itself again for the first of them, and `picketline
send-reminders` (hourly, from cron) drains as well: a row whose task was lost (a worker gone
between the commit and the enqueue) leaves within the hour.

Erasing a person's data deletes the emails still waiting for their address: `outbox_forget`.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import batched

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from picketline.core.fanout import (
    MailSession,
    PlainTextEmails,
    claim_batches,
    next_attempt_at,
    overlapped_writes,
)
from picketline.core.models import OutboxEmail, OutboxStatus

# How long an email given up stays for an admin to see or send again; then the drain deletes
# it, address and text, like every email that left.
GIVEN_UP_KEPT = dt.timedelta(days=30)
# Rows written by one INSERT: a message to a whole roster is written in a few statements
# without holding every row in memory at once.
INSERT_BATCH = 1000
CALENDAR = "text/calendar; charset=utf-8; method=PUBLISH"


@dataclass(frozen=True)
class Email:
    """One email to one address, as `outbox_send_many` takes it."""

    to: str
    subject: str
    body: str
    html: str = ""
    ics: str = ""
    ics_name: str = ""


def outbox_send(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    ics: str = "",
    ics_name: str = "",
) -> int:
    """Queues the email to each address of `to`, one email each (nobody sees the others'
    addresses); returns how many. Call inside the transaction of the change that causes it:
    the emails leave once it commits, and never when it rolls back."""
    return outbox_send_many(
        Email(to=address, subject=subject, body=body, html=html, ics=ics, ics_name=ics_name)
        for address in to
    )


def outbox_send_many(emails: Iterable[Email]) -> int:
    """Queues each email (see `outbox_send`); returns how many. Emails without an address are
    left out."""
    count = 0
    # All or nothing, without a savepoint of its own inside the caller's transaction: a
    # sign-up writes its email while it holds a counter's row.
    with transaction.atomic(savepoint=False):
        for chunk in batched(emails, INSERT_BATCH):
            rows = [
                OutboxEmail(
                    address=email.to.strip(),
                    # A header is one line: the subject a template rendered, on one line.
                    subject=" ".join(email.subject.split()),
                    body=email.body,
                    html=email.html,
                    ics=email.ics,
                    ics_name=(email.ics_name or "invite.ics") if email.ics else "",
                )
                for email in chunk
                if email.to.strip()
            ]
            OutboxEmail.objects.bulk_create(rows)
            count += len(rows)
        if count:
            _drain_on_commit()
    return count


def _drain() -> None:
    outbox_drain.enqueue()


def _drain_on_commit() -> None:
    """Queues a drain when the current transaction commits. Robust: should the task backend
    fail to queue it, nothing is lost, the rows wait for the next drain."""
    transaction.on_commit(_drain, robust=True)


def _due(now: dt.datetime):
    return OutboxEmail.objects.filter(status=OutboxStatus.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


class _Run:
    """One drain of the outbox: one connection for the run, the retries it leaves."""

    def __init__(self, now: dt.datetime):
        self.now = now
        self.plain = PlainTextEmails()
        self.mail = MailSession()
        self.sent = 0
        self.retry_at: dt.datetime | None = None

    def email(self, row: OutboxEmail) -> EmailMessage:
        if not row.html and not row.ics:
            return self.plain.email(subject=row.subject, parts=[row.body], to=[row.address])
        message = EmailMultiAlternatives(subject=row.subject, body=row.body, to=[row.address])
        if row.html:
            message.attach_alternative(row.html, "text/html")
        if row.ics:
            message.attach(row.ics_name or "invite.ics", row.ics, CALENDAR)
        return message

    def deliver(self, rows: list[OutboxEmail]) -> int:
        """Sends the claimed rows; deletes the sent ones and counts an attempt on the others.
        Call in the transaction that claimed them."""
        emails, failed = [], {}
        for row in rows:
            try:
                emails.append((row.pk, self.email(row)))
            except Exception as error:  # an email that cannot be built fails alone
                failed[row.pk] = error
        # The sent rows go chunk by chunk while the next emails leave (`overlapped_writes`).
        with overlapped_writes():
            result = self.mail.send(emails, on_sent=self._delete_sent)
        failed.update(result.failed)
        if failed:
            self._record_failures([row for row in rows if row.pk in failed], failed)
        self.sent += len(result.sent)
        return len(result.sent)

    @staticmethod
    def _delete_sent(pks: list[int]) -> None:
        OutboxEmail.objects.filter(pk__in=pks).delete()

    def _record_failures(self, rows: list[OutboxEmail], errors: dict) -> None:
        groups: dict[tuple[int, str], list[int]] = {}
        for row in rows:
            error = errors[row.pk]
            message = (str(error) or error.__class__.__name__)[:500]
            groups.setdefault((row.attempts + 1, message), []).append(row.pk)
        for (attempts, message), pks in groups.items():
            retry_at = next_attempt_at(attempts, self.now)
            if retry_at is None:
                status = OutboxStatus.FAILED
            else:
                status = OutboxStatus.PENDING
                self.retry_at = min(self.retry_at or retry_at, retry_at)
            OutboxEmail.objects.filter(pk__in=pks).update(
                status=status,
                attempts=attempts,
                next_attempt_at=retry_at,
                last_error=message,
            )


@task(queue_name="email")
def outbox_drain() -> int:
    """Sends every email due in the outbox, in batches over one connection; returns how many
    were sent.

    Workers running side by side claim disjoint batches, and a sent row is deleted in the
    transaction that claimed it, so each email leaves once. Safe to run at any time.
    """
    run = _Run(timezone.now())
    OutboxEmail.objects.filter(
        status=OutboxStatus.FAILED, created_at__lt=run.now - GIVEN_UP_KEPT
    ).delete()
    with run.mail:
        claim_batches(_due(run.now), run.deliver)
    if run.retry_at is not None and outbox_drain.get_backend().supports_defer:
        outbox_drain.using(run_after=run.retry_at).enqueue()
    return run.sent


def outbox_retry(*, pks: list[int]) -> int:
    """Gives the emails another try now, their attempts counted from zero again (an admin
    after the mail server was fixed); returns how many."""
    with transaction.atomic():
        count = OutboxEmail.objects.filter(pk__in=pks).update(
            status=OutboxStatus.PENDING, attempts=0, next_attempt_at=None, last_error=""
        )
        if count:
            _drain_on_commit()
    return count


def outbox_forget(*, address: str) -> int:
    """Deletes the emails waiting to go to `address`, and those whose text names it (its
    owner's data is being erased); returns how many."""
    address = (address or "").strip()
    if not address:
        return 0
    naming = Q(subject__icontains=address) | Q(body__icontains=address)
    naming |= Q(html__icontains=address)
    deleted, _ = OutboxEmail.objects.filter(Q(address__iexact=address) | naming).delete()
    return deleted
