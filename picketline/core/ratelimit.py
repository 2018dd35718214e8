"""Fixed-window rate limits counted in Django's cache (shared between processes with Redis)."""

import hashlib
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour|day)\s*$")


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int


def parse_rate(text: str, *, setting: str = "rate") -> Rate:
    match = _RATE.match(text or "")
    if not match:
        raise ImproperlyConfigured(
            f"{setting} must look like 10/hour (per second, minute, hour or day), not {text!r}"
        )
    return Rate(limit=int(match[1]), seconds=_PERIODS[match[2]])


def client_address(request) -> str:
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limit_hit(*, scope: str, key: str, rate: Rate) -> bool:
    """Counts one attempt; True when this attempt is over the limit.

    The address is hashed so the cache never holds it in the clear.
    """
    window = int(time.time() // rate.seconds)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{key}".encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{window}:{digest}"
    cache.add(cache_key, 0, timeout=rate.seconds + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=rate.seconds + 5)
        count = 1
    return count > rate.limit


def submission_rate_limited(request, *, scope: str = "submission") -> bool:
    rate = parse_rate(settings.SUBMISSION_RATE_LIMIT, setting="SUBMISSION_RATE_LIMIT")
    return rate_limit_hit(scope=scope, key=client_address(request), rate=rate)


def retry_after_seconds() -> int:
    """Seconds until the public forms' rate-limit window ends and the counts start again."""
    rate = parse_rate(settings.SUBMISSION_RATE_LIMIT, setting="SUBMISSION_RATE_LIMIT")
    return rate.seconds - int(time.time()) % rate.seconds
