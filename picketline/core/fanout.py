"""Fan-out: one text to many people, at the speed of the mail server.

Every email that goes to many people goes through here: solidarity digests today; alerts,
campaign messages, ballot invitations and dues reminders next. Three pieces, each usable alone:

- `claim_batches(queryset, deliver)` claims the rows of a queue in batches, each batch in a
  transaction of its own that holds the rows' locks while `deliver(rows)` sends and records.
  On PostgreSQL the claim is `SELECT … FOR UPDATE SKIP LOCKED`, so workers running side by side
  take disjoint batches; on SQLite the transaction is immediate (see settings), so one writer
  at a time holds the claim.
- `Parts(render_many)` renders each shared part (one message, one header) once per run, not
  once per recipient, and keeps at most `limit` of them, so memory stays bounded however many
  recipients there are.
- `PlainTextEmails` builds plain-text emails from parts (`email(subject=…, parts=[…], to=…)`),
  encoding each part to MIME once and assembling each email's bytes from encoded parts:
  Python's email package takes milliseconds to build one message, longer than the mail server
  takes to accept it.
- `MailSession().send(emails)` sends a batch over one connection to the mail server, kept open
  for the run's next batches, taking each email from `emails` as it goes (a generator keeps
  one in memory at a time), and says, email by email, which were sent and which failed
  (`send_batch(emails)`: one batch, one connection). The caller marks the sent ones sent and
  counts an attempt on the failed ones, in the transaction that claimed them: nothing sent
  twice when the server fails mid-batch, nothing lost.

No personal data passes through task payloads: a task names rows by id and the worker reads the
addresses from the database.
"""

import datetime as dt
import email.message
import email.policy
import email.quoprimime
import email.utils
import re
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.utils import DNS_NAME
from django.db import connections, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

# Rows claimed (and emails sent over one connection) per batch. A larger batch pays its
# queries and its commit once for more emails, but holds its rows' locks while it sends. On
# PostgreSQL those are its own rows only (other workers skip them; a new message for a person
# in the batch waits for its commit). On SQLite it is the database's one write lock, which every
# other writer waits for, so batches there are smaller.
BATCH_SIZE = 1000
SQLITE_BATCH_SIZE = 200
# Rendered parts kept per run: a part is a message of at most a few kilobytes.
PARTS_LIMIT = 2000
# A recipient the mail server refused waits this long before each further attempt; after
# MAX_ATTEMPTS it is given up. The same schedule for every queue that sends through here.
BACKOFF = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=12),
)
MAX_ATTEMPTS = 8
# Emails sent between two records of what was sent (`MailSession.send(on_sent=…)`): the
# database writes one chunk while the mail server takes the next.
SENT_CHUNK = 25
# Rows one such record should write (see `sent_chunk`): few enough that the last write, which
# no sending overlaps, ends quickly; enough that the statements stay few.
SENT_ROWS = 1000
# An address written as it is in headers and the envelope: ASCII, no name, nothing to quote.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*")
_MIME_HEAD = (
    b'Content-Type: text/plain; charset="utf-8"\r\n'
    b"Content-Transfer-Encoding: quoted-printable\r\n"
    b"MIME-Version: 1.0\r\n"
)


def next_attempt_at(attempts: int, now: dt.datetime) -> dt.datetime | None:
    """When to try again a send that has failed `attempts` times; None once it is given up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return now + BACKOFF[min(attempts, len(BACKOFF)) - 1]


class _Bytes:
    """A finished MIME message, as the SMTP backend asks for it."""

    def __init__(self, data: bytes):
        self._data = data

    def as_bytes(self, *args, **kwargs) -> bytes:
        return self._data


class PreparedEmail(EmailMessage):
    """A plain-text email whose MIME bytes were assembled beforehand (see `PlainTextEmails`).

    It is an ordinary `EmailMessage` (subject, body, to) for every backend; the SMTP backend
    and `send_batch` take its prepared bytes instead of building them again.
    """

    def __init__(
        self,
        *,
        data: bytes,
        envelope_from: str | None,
        envelope_to: list[str] | None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.data = data
        self.envelope_from = envelope_from
        self.envelope_to = envelope_to

    def message(self, *, policy=email.policy.default):
        if policy is email.policy.SMTP:
            return _Bytes(self.data)
        return super().message(policy=policy)


def _header(name: str, value: str) -> bytes:
    """One header folded and encoded by the email package, without its last line end."""
    message = email.message.EmailMessage(policy=email.policy.SMTP)
    message[name] = value
    return message.as_bytes().removesuffix(b"\r\n").removesuffix(b"\r\n")


def _to_header(to: list[str]) -> bytes:
    """The To header as Django writes it (names encoded, domains in IDNA), for the addresses
    that are not plain."""
    head = EmailMessage(to=to).message(policy=email.policy.SMTP).as_bytes().split(b"\r\n\r\n")[0]
    lines, inside = [], False
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t"):
            if inside:
                lines.append(line)
            continue
        inside = line.lower().startswith(b"to:")
        if inside:
            lines.append(line)
    return b"\r\n".join(lines)


class PlainTextEmails:
    """Builds plain-text emails from parts, each part encoded once for the whole batch.

    A part is a piece of the body shared by many emails (one message in a digest, a header):
    `email(subject=…, parts=[…], to=[…])` joins the parts' quoted-printable forms, which is
    the encoding of the joined text as long as every part but the last ends with a line end.
    """

    def __init__(self, *, from_email: str | None = None, limit: int = PARTS_LIMIT):
        self.from_email = from_email or settings.DEFAULT_FROM_EMAIL
        self._from = _header("From", self.from_email)
        self._envelope_from = _envelope(self.from_email)
        self._date = _header("Date", email.utils.format_datetime(timezone.now()))
        self._encoded: OrderedDict[str, bytes] = OrderedDict()
        self._subjects: dict[str, bytes] = {}
        self._limit = limit

    def _encode(self, text: str) -> bytes:
        encoded = self._encoded.get(text)
        if encoded is None:
            encoded = email.quoprimime.body_encode(
                text.encode().decode("latin-1"), 76, eol="\r\n"
            ).encode("ascii")
            self._encoded[text] = encoded
            if len(self._encoded) > self._limit:
                self._encoded.popitem(last=False)
        return encoded

    def email(self, *, subject: str, parts: list[str], to: list[str]) -> PreparedEmail:
        if parts and all(part.endswith("\n") for part in parts[:-1]):
            body = b"".join(self._encode(part) for part in parts)
        else:
            body = self._encode("".join(parts))
        if subject not in self._subjects:
            self._subjects[subject] = _header("Subject", subject)
        plain = all(_PLAIN_ADDRESS.fullmatch(address) for address in to)
        to_header = ("To: " + ", ".join(to)).encode() if plain else _to_header(to)
        data = b"\r\n".join(
            [
                _MIME_HEAD + self._subjects[subject],
                self._from,
                to_header,
                self._date,
                b"Message-ID: " + email.utils.make_msgid(domain=DNS_NAME).encode(),
                b"",
                body,
            ]
        )
        return PreparedEmail(
            subject=subject,
            body="".join(parts),
            to=to,
            from_email=self.from_email,
            data=data,
            envelope_from=self._envelope_from,
            envelope_to=to if plain else None,
        )


def _envelope(address: str) -> str | None:
    """The address as the SMTP envelope takes it, or None when the backend must parse it."""
    return address if _PLAIN_ADDRESS.fullmatch(address) else None


# Sender addresses parsed by the SMTP backend, by address: a site sends from a handful.
_senders: dict[str, str] = {}


def _send_one(connection, message: EmailMessage) -> bool:
    # Django's SMTP backend parses every address of every email again; a prepared email
    # already carries its envelope, so it goes straight to the open SMTP session.
    if (
        isinstance(message, PreparedEmail)
        and isinstance(connection, SmtpBackend)
        and connection.connection is not None
    ):
        sender = message.envelope_from
        if sender is None:
            if message.from_email not in _senders:
                _senders[message.from_email] = connection.prep_address(message.from_email)
            sender = _senders[message.from_email]
        to = message.envelope_to or [connection.prep_address(a) for a in message.recipients()]
        connection.connection.sendmail(sender, to, message.data)
        return True
    return bool(connection.send_messages([message]))


@dataclass
class BatchResult:
    """What `send_batch` did with each email, by the caller's key."""

    sent: list[Hashable] = field(default_factory=list)
    failed: dict[Hashable, Exception] = field(default_factory=dict)


class MailSession:
    """One connection to the mail server for a whole run, batch after batch.

    Opening a connection costs the handshake, and the first emails on a new connection go
    slower than the rest, so a run keeps one open; after a failure it opens a new one.
    Use as a context manager, or call `close()`.
    """

    def __init__(self):
        self._connection = None

    def __enter__(self) -> "MailSession":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        if self._connection is not None:
            # A connection the server broke may fail to close as well.
            with suppress(Exception):
                self._connection.close()
            self._connection = None

    def send(
        self,
        emails: Iterable[tuple[Hashable, EmailMessage | Exception]],
        *,
        on_sent: Callable[[list[Hashable]], None] | None = None,
        every: int = SENT_CHUNK,
    ) -> BatchResult:
        """Sends `(key, email)` pairs over the session's connection, taking each pair from
        `emails` as it goes: a generator that builds each email when it is asked for keeps one
        email in memory at a time, however large the batch. Such a generator gives, in place of
        an email it could not build, the exception: that email alone is reported failed (an
        exception raised out of the generator would end the batch with some emails sent).

        An email the server refuses, or that a broken connection loses, is reported failed,
        and a new connection is opened for the rest. When the server cannot be reached, every
        email left is reported failed with that error.

        `on_sent(keys)`, when given, is told the keys of the emails sent, `every` at a time
        and the rest at the end, so the caller can record them while the next ones go (see
        `overlapped_writes`).
        """
        result = BatchResult()
        told = 0

        def tell(at_least: int) -> None:
            nonlocal told
            if on_sent is not None and len(result.sent) - told >= at_least:
                on_sent(result.sent[told:])
                told = len(result.sent)

        pending = iter(emails)
        for key, message in pending:
            if self._connection is None:
                connection = mailers.default
                try:
                    connection.open()
                except Exception as error:  # any failure to connect fails the rest
                    result.failed[key] = error
                    result.failed.update((left, error) for left, _message in pending)
                    break
                self._connection = connection
            if isinstance(message, Exception):
                result.failed[key] = message
                continue
            try:
                if _send_one(self._connection, message):
                    result.sent.append(key)
                    tell(every)
                else:
                    result.failed[key] = ValueError("the mailer sent nothing")
            except Exception as error:  # reported per email, then a new connection
                result.failed[key] = error
                self.close()
        tell(1)
        return result


def sent_chunk(rows: int, emails: int) -> int:
    """How many emails to send between two records when `emails` emails record `rows` rows in
    all (a digest marks one row per message it lists): about `SENT_ROWS` rows a write."""
    per_email = max(1, rows // max(1, emails))
    return max(1, SENT_ROWS // per_email)


@contextmanager
def overlapped_writes(using: str = "default") -> Iterator[None]:
    """Writes made inside the block go to the database without waiting for its answer, so it
    records what was sent while the next emails go out (PostgreSQL's pipeline mode); their
    answers, and any error, come at the end of the block. Use inside the claiming transaction,
    for writes only: a read inside waits for everything before it. Elsewhere (SQLite) the
    writes run as they come.
    """
    connection = connections[using]
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    with connection.connection.pipeline():
        yield


def send_batch(emails: Iterable[tuple[Hashable, EmailMessage | Exception]]) -> BatchResult:
    """Sends `(key, email)` pairs over one connection (see `MailSession.send`)."""
    with MailSession() as session:
        return session.send(emails)


class Parts:
    """Rendered parts by key, each rendered once however many emails include it.

    `render_many(keys)` renders the missing keys in one go (one query for their rows) and
    returns `{key: text}`. At most `limit` parts are kept; the least recently used go first.
    `rendered` counts the parts rendered, for tests and benchmarks.
    """

    def __init__(
        self,
        render_many: Callable[[list[Hashable]], dict[Hashable, str]],
        *,
        limit: int = PARTS_LIMIT,
    ):
        self._render_many = render_many
        self._limit = limit
        self._parts: OrderedDict[Hashable, str] = OrderedDict()
        self.rendered = 0

    def get_many(self, keys: Iterable[Hashable]) -> dict[Hashable, str]:
        keys = list(dict.fromkeys(keys))
        missing = [key for key in keys if key not in self._parts]
        found = {}
        if missing:
            found = self._render_many(missing)
            self.rendered += len(found)
        wanted = {}
        for key in keys:
            if key in found:
                wanted[key] = found[key]
                self._parts[key] = found[key]
            elif key in self._parts:
                wanted[key] = self._parts[key]
            if key in self._parts:
                self._parts.move_to_end(key)
        while len(self._parts) > self._limit:
            self._parts.popitem(last=False)
        return wanted


def claim_batches(
    queryset: QuerySet,
    deliver: Callable[[list[Model]], int],
    *,
    size: int | None = None,
) -> int:
    """Claims the rows of `queryset` in batches of `size` (default `BATCH_SIZE`, at most
    `SQLITE_BATCH_SIZE` on SQLite), in order of their primary key, and calls `deliver(rows)`
    inside the transaction that locks them; returns the sum of what `deliver` returned.

    Rows another worker holds are skipped (it delivers them). Each batch starts after the last
    row claimed, so the run ends even when `deliver` leaves a row in the queue (a retry later)
    and never holds more than one batch in memory.
    """
    if size is None:
        size = BATCH_SIZE
        if connections[queryset.db].vendor == "sqlite":
            size = min(size, SQLITE_BATCH_SIZE)
    total = 0
    after = None
    while True:
        with transaction.atomic():
            batch = queryset.order_by("pk")
            if after is not None:
                batch = batch.filter(pk__gt=after)
            rows = list(batch.select_for_update(skip_locked=True, of=("self",))[:size])
            if not rows:
                return total
            after = rows[-1].pk
            total += deliver(rows)
