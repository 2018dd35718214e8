import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from picketline.core.ratelimit import (
    client_address,
    parse_rate,
    rate_limit_hit,
    submission_rate_limited,
)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


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


def test_it_never_stores_the_address_in_the_clear(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    rate = parse_rate("5/hour")
    rate_limit_hit(scope="t", key="203.0.113.99", rate=rate)
    from django.core.cache.backends.locmem import _caches

    assert all("203.0.113.99" not in key for store in _caches.values() for key in store)


def test_it_trusts_the_forwarded_address_only_when_told(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.2"
    )
    settings.TRUST_X_FORWARDED_FOR = False
    assert client_address(request) == "10.0.0.1"
    settings.TRUST_X_FORWARDED_FOR = True
    assert client_address(request) == "198.51.100.2"


def test_it_applies_the_configured_submission_limit(settings):
    settings.SUBMISSION_RATE_LIMIT = "2/hour"
    request = RequestFactory().post("/add/", REMOTE_ADDR="192.0.2.1")
    assert [submission_rate_limited(request) for _ in range(3)] == [False, False, True]
