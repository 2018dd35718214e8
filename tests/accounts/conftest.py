import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache, and user ids repeat from one test to the next."""
    cache.clear()
    yield
    cache.clear()
