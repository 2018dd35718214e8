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
- `send_batch(emails)` sends a batch over one connection to the mail server and says, email by
  email, which were sent and which failed. The caller marks the sent ones sent and counts an
  attempt on the failed ones, in the transaction that claimed them: nothing sent twice when the
  server fails mid-batch, nothing lost.

No personal data passes through task payloads: a task names rows by id and the worker reads the
addresses from the database.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field

from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import Model, QuerySet

# Recipients claimed (and emails sent over one connection) per batch. Larger batches send
# faster; each batch holds its rows' locks (and on SQLite the write lock) while it sends.
BATCH_SIZE = 100
# Rendered parts kept per run: a part is a message of at most a few kilobytes.
PARTS_LIMIT = 2000


@dataclass
class BatchResult:
    """What `send_batch` did with each email, by the caller's key."""

    sent: list[Hashable] = field(default_factory=list)
    failed: dict[Hashable, Exception] = field(default_factory=dict)


def send_batch(emails: Sequence[tuple[Hashable, EmailMessage]]) -> BatchResult:
    """Sends `(key, email)` pairs over one connection to the default mailer.

    An email the server refuses, or that a broken connection loses, is reported failed; the
    connection is then opened again for the rest of the batch. When the server cannot be
    reached, every email left is reported failed with that error.
    """
    result = BatchResult()
    pending = list(emails)
    position = 0
    while position < len(pending):
        connection = mailers.default
        try:
            connection.open()
        except Exception as error:  # any failure to connect fails the rest
            result.failed.update((key, error) for key, _email in pending[position:])
            return result
        try:
            while position < len(pending):
                key, email = pending[position]
                position += 1
                try:
                    if connection.send_messages([email]):
                        result.sent.append(key)
                    else:
                        result.failed[key] = ValueError("the mailer sent nothing")
                except Exception as error:  # reported per email, then reconnect
                    result.failed[key] = error
                    break
        finally:
            # A connection the server broke may fail to close as well.
            with suppress(Exception):
                connection.close()
    return result


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
    size: int = BATCH_SIZE,
) -> int:
    """Claims the rows of `queryset` in batches of `size`, in order of their primary key, and
    calls `deliver(rows)` inside the transaction that locks them; returns the sum of what
    `deliver` returned.

    Rows another worker holds are skipped (it delivers them). Each batch starts after the last
    row claimed, so the run ends even when `deliver` leaves a row in the queue (a retry later)
    and never holds more than one batch in memory.
    """
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
