from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from picketline.solidarity.models import Message
from tests.factories import make_dispute


def _queries(client, dispute) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(dispute.get_absolute_url()).status_code == 200
    return len(context.captured_queries)


def test_it_shows_messages_in_a_fixed_number_of_queries(client, db):
    dispute = make_dispute()
    Message.objects.create(dispute=dispute, body="One", country="FR", published_at=timezone.now())
    _queries(client, dispute)  # warms the caches that other sections fill
    one = _queries(client, dispute)
    Message.objects.bulk_create(
        [
            Message(dispute=dispute, body=f"More {n}", country=c, published_at=timezone.now())
            for n, c in enumerate(["DE", "ES", "IT", "BR", ""] * 6)
        ]
    )
    # The first view after a change groups the messages by country again (one query more),
    # then the counts come from the cache: the same number of queries as with one message.
    assert _queries(client, dispute) == one + 1
    assert _queries(client, dispute) == one
