"""A long list of ids as one parameter: the rows it names, and only those, on either database."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from picketline.core.idlists import pk_among
from picketline.core.models import OutboxEmail
from picketline.core.outbox import outbox_send


def _emails(count: int) -> list[int]:
    outbox_send(subject="Rota", body="Saturday", to=[f"p{n}@example.org" for n in range(count)])
    return list(OutboxEmail.objects.order_by("pk").values_list("pk", flat=True))


def test_it_names_exactly_the_rows_in_the_list(db):
    pks = _emails(12)
    chosen = pks[::3]

    assert (
        sorted(
            OutboxEmail.objects.filter(pk_among(OutboxEmail, chosen)).values_list("pk", flat=True)
        )
        == chosen
    )
    assert OutboxEmail.objects.exclude(pk_among(OutboxEmail, chosen)).count() == 8


def test_it_names_nothing_for_an_empty_list(db):
    _emails(3)

    assert not OutboxEmail.objects.filter(pk_among(OutboxEmail, [])).exists()


def test_it_updates_a_thousand_rows_in_one_statement(db):
    pks = _emails(1200)

    with CaptureQueriesContext(connection) as captured:
        updated = OutboxEmail.objects.filter(pk_among(OutboxEmail, pks[:1100])).update(attempts=3)

    assert updated == 1100
    assert len(captured) == 1
    assert OutboxEmail.objects.filter(attempts=3).count() == 1100
