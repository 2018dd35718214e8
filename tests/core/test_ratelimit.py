import threading
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import RequestFactory

from picketline.core.models import RateLimitCount
from picketline.core.ratelimit import (
    parse_rate,
    rate_for,
    rate_limit_hit,
    retry_after_seconds,
    submission_rate_limited,
)

pytestmark = pytest.mark.django_db


def test_it_reads_rates():
    assert parse_rate("10/hour").limit == 10
    assert parse_rate(" 3 / minute ").seconds == 60
    with pytest.raises(ImproperlyConfigured, match="SUBMISSION_RATE_LIMIT"):
        parse_rate("ten per hour", setting="SUBMISSION_RATE_LIMIT")


def test_it_allows_the_limit_then_refuses_the_next_attempt():
    rate = parse_rate("3/hour")
    hits = [rate_limit_hit(scope="t", key="198.51.100.7", rate=rate) for _ in range(4)]
    assert hits == [False, False, False, True]


def test_it_counts_each_address_and_scope_apart():
    rate = parse_rate("1/hour")
    assert not rate_limit_hit(scope="t", key="198.51.100.7", rate=rate)
    assert not rate_limit_hit(scope="t", key="198.51.100.8", rate=rate)
    assert not rate_limit_hit(scope="other", key="198.51.100.7", rate=rate)
    assert rate_limit_hit(scope="t", key="198.51.100.7", rate=rate)


def test_it_counts_in_the_database_never_in_one_process_s_memory():
    rate = parse_rate("5/hour")
    for _ in range(3):
        rate_limit_hit(scope="t", key="198.51.100.7", rate=rate)
    assert list(RateLimitCount.objects.values_list("hits", flat=True)) == [3]


def test_it_never_stores_the_address_in_the_clear():
    rate_limit_hit(scope="t", key="203.0.113.99", rate=parse_rate("5/hour"))
    (bucket,) = RateLimitCount.objects.values_list("bucket", flat=True)
    assert "203.0.113.99" not in bucket


def test_it_starts_counting_again_in_the_next_window(monkeypatch):
    rate = parse_rate("1/minute")
    now = 1_800_000_000  # a window's start
    monkeypatch.setattr(time, "time", lambda: now)
    assert not rate_limit_hit(scope="t", key="198.51.100.7", rate=rate)
    assert rate_limit_hit(scope="t", key="198.51.100.7", rate=rate)
    now += 60
    assert not rate_limit_hit(scope="t", key="198.51.100.7", rate=rate)


def test_it_forgets_windows_that_have_closed(monkeypatch):
    rate = parse_rate("5/minute")
    now = 1_800_000_000
    monkeypatch.setattr(time, "time", lambda: now)
    rate_limit_hit(scope="t", key="198.51.100.7", rate=rate)
    rate_limit_hit(scope="t", key="198.51.100.8", rate=rate)
    now += 120
    rate_limit_hit(scope="t", key="198.51.100.7", rate=rate)
    assert RateLimitCount.objects.count() == 1


def test_it_applies_each_scope_s_configured_rate(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submission": "2/hour", "message": "1/hour"}
    request = RequestFactory().post("/add/", REMOTE_ADDR="192.0.2.1")
    assert [submission_rate_limited(request) for _ in range(3)] == [False, False, True]
    messages = [submission_rate_limited(request, scope="message") for _ in range(2)]
    assert messages == [False, True]


def test_it_reads_a_scope_s_rate_when_none_is_given(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-code": "2/hour"}
    hits = [rate_limit_hit(scope="login-code", key="account-7") for _ in range(3)]
    assert hits == [False, False, True]


def test_it_refuses_a_scope_that_is_not_configured():
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.1")
    with pytest.raises(ImproperlyConfigured, match=r"not in settings\.RATE_LIMITS"):
        submission_rate_limited(request, scope="no-such-form")
    with pytest.raises(ImproperlyConfigured, match="no-such-form"):
        rate_for("no-such-form")


def test_it_says_when_the_scope_s_window_ends(settings, monkeypatch):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submission": "10/hour", "rsvp": "5/minute"}
    monkeypatch.setattr(time, "time", lambda: 1_800_000_000 + 3600 * 5 + 90)
    assert retry_after_seconds() == 3600 - 90
    assert retry_after_seconds("submission") == 3600 - 90
    assert retry_after_seconds("rsvp") == 60 - 30


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_loses_no_count_when_many_answer_at_once():
    """Eight connections count at once; every attempt is counted, exactly `limit` pass."""
    rate = parse_rate("25/hour")
    results = []
    lock = threading.Lock()

    def attempt():
        try:
            for _ in range(10):
                over = rate_limit_hit(scope="t", key="198.51.100.7", rate=rate)
                with lock:
                    results.append(over)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(False) == 25
    assert RateLimitCount.objects.get().hits == 80


def test_with_redis_as_the_cache_it_counts_there(monkeypatch):
    """Redis's INCR is atomic, so the cache holds the counts; locmem stands in for it here."""
    from picketline.core import ratelimit

    monkeypatch.setattr(ratelimit, "_counts_in_redis", lambda: True)
    rate = parse_rate("2/hour")
    hits = [rate_limit_hit(scope="t", key="198.51.100.7", rate=rate) for _ in range(3)]
    assert hits == [False, False, True]
    assert not RateLimitCount.objects.exists()
