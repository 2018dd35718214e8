"""The messages' counts by country are cached, and a change of the messages shows at once."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from picketline.solidarity.messages.selectors import message_country_counts
from picketline.solidarity.models import Message
from tests.factories import make_dispute

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _counts(dispute) -> tuple[int, dict[str, int]]:
    total, countries = message_country_counts(dispute=dispute)
    return total, {country.code: country.count for country in countries}


def _message(dispute, country, *, minutes_ago=0, published=True):
    at = timezone.now() - dt.timedelta(minutes=minutes_ago)
    return Message.objects.create(
        dispute=dispute, body="Solidarity", country=country, published_at=at if published else None
    )


def test_it_groups_once_and_then_reads_the_cache():
    dispute = make_dispute()
    for country in ["FR", "FR", "DE"]:
        _message(dispute, country, minutes_ago=5)
    assert _counts(dispute) == (3, {"FR": 2, "DE": 1})
    with CaptureQueriesContext(connection) as queries:
        assert _counts(dispute) == (3, {"FR": 2, "DE": 1})
    assert len(queries) == 1  # the version only


def test_a_published_message_counts_at_once():
    dispute = make_dispute()
    _message(dispute, "FR", minutes_ago=5)
    assert _counts(dispute) == (1, {"FR": 1})
    _message(dispute, "BR")
    assert _counts(dispute) == (2, {"FR": 1, "BR": 1})


def test_a_withdrawn_message_stops_counting_at_once():
    dispute = make_dispute()
    first = _message(dispute, "FR", minutes_ago=5)
    _message(dispute, "DE", minutes_ago=1)
    assert _counts(dispute) == (2, {"FR": 1, "DE": 1})
    Message.objects.filter(pk=first.pk).update(published_at=None)
    assert _counts(dispute) == (1, {"DE": 1})


def test_pending_messages_are_not_counted():
    dispute = make_dispute()
    _message(dispute, "FR", published=False)
    assert _counts(dispute) == (0, {})


def test_each_dispute_has_its_own_counts():
    one, other = make_dispute(title="One"), make_dispute(title="Other")
    _message(one, "FR", minutes_ago=3)
    _message(other, "FR", minutes_ago=3)
    _message(other, "FR", minutes_ago=3)
    assert _counts(one) == (1, {"FR": 1})
    assert _counts(other) == (2, {"FR": 2})
