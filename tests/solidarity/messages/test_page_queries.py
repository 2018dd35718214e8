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
    # The first view after a change builds again what is kept under the messages' version
    # (the counts by country, the level's sentence, the page of messages: three queries more),
    # then it comes from the cache: the same number of queries as with one message.
    assert _queries(client, dispute) == one + 3
    assert _queries(client, dispute) == one


def test_a_change_to_the_messages_shows_at_once(client, db):
    dispute = make_dispute()
    message = Message.objects.create(
        dispute=dispute, body="First words", country="FR", published_at=timezone.now()
    )
    assert "First words" in client.get(dispute.get_absolute_url()).content.decode()
    Message.objects.create(
        dispute=dispute, body="Second words", country="DE", published_at=timezone.now()
    )
    page = client.get(dispute.get_absolute_url()).content.decode()
    assert "Second words" in page and "First words" in page
    # Withdrawn through a bulk update, as moderation might: the kept page is not read again.
    Message.objects.filter(pk=message.pk).update(published_at=None)
    page = client.get(dispute.get_absolute_url()).content.decode()
    assert "First words" not in page and "Second words" in page
