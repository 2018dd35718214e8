"""How many rows a fan-out claims at a time: smaller batches on SQLite, where a batch holds the
database's one write lock while it sends."""

from django.db import connection

from picketline.core import fanout
from picketline.core.models import OutboxEmail
from picketline.core.outbox import outbox_send


def _claimed_batches(count: int) -> list[int]:
    outbox_send(
        subject="Strike fund", body="Thank you", to=[f"p{n}@example.org" for n in range(count)]
    )
    batches = []

    def deliver(rows):
        batches.append(len(rows))
        OutboxEmail.objects.filter(pk__in=[row.pk for row in rows]).delete()
        return len(rows)

    fanout.claim_batches(OutboxEmail.objects.all(), deliver)
    return batches


def test_it_claims_batch_size_rows_and_at_most_the_sqlite_size_on_sqlite(db, monkeypatch):
    monkeypatch.setattr(fanout, "BATCH_SIZE", 6)
    monkeypatch.setattr(fanout, "SQLITE_BATCH_SIZE", 4)

    batches = _claimed_batches(13)

    if connection.vendor == "sqlite":
        assert batches == [4, 4, 4, 1]
    else:
        assert batches == [6, 6, 1]
    assert not OutboxEmail.objects.exists()


def test_a_size_given_is_the_size_on_every_database(db, monkeypatch):
    monkeypatch.setattr(fanout, "SQLITE_BATCH_SIZE", 2)
    outbox_send(subject="Rota", body="Saturday", to=[f"p{n}@example.org" for n in range(7)])
    batches = []

    def deliver(rows):
        batches.append(len(rows))
        OutboxEmail.objects.filter(pk__in=[row.pk for row in rows]).delete()
        return len(rows)

    assert fanout.claim_batches(OutboxEmail.objects.all(), deliver, size=5) == 7
    assert batches == [5, 2]
