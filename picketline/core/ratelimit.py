"""Fixed-window rate limits, shared by every web process.

Each scope's rate is in `settings.RATE_LIMITS` (one place, each overridable by an environment
variable). Counts live in Redis when the default cache is Redis, and otherwise in the
database (`RateLimitCount`); never in one process's memory, where two web processes would
each allow the full limit.
"""

import functools
import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from picketline.core.rates import Rate, parse_rate

__all__ = [
    "Rate",
    "client_address",
    "parse_rate",
    "rate_for",
    "rate_limit_hit",
    "retry_after_seconds",
    "submission_rate_limited",
]


def rate_for(scope: str) -> Rate:
    """The rate configured for `scope`; a scope missing from RATE_LIMITS is a programming error."""
    try:
        text = settings.RATE_LIMITS[scope]
    except KeyError:
        raise ImproperlyConfigured(
            f"Rate-limit scope {scope!r} is not in settings.RATE_LIMITS: add it there"
        ) from None
    variable = settings.RATE_LIMIT_VARIABLES.get(scope, (f"RATE_LIMITS[{scope!r}]",))[0]
    return parse_rate(text, setting=variable)


# --- who is asking ------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _ip(text: str):
    """An address from a header entry ("203.0.113.5", "[2001:db8::1]:443", "1.2.3.4:80"),
    or None when the entry is not one."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # IPv4 with a port; a bare IPv6 address has several colons
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def client_address(request) -> str:
    """The address a request came from, reading X-Forwarded-For only as far as it can be
    believed: entries are appended by each proxy on the way, so only those on the right,
    written by proxies we run, are true. Anything to their left came from the client.

    Any entry that cannot be read leaves the address the connection came from.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry for entry in header.split(",") if entry.strip()]
    if settings.TRUSTED_PROXIES:
        networks = _networks(tuple(settings.TRUSTED_PROXIES))

        def trusted(address) -> bool:
            return address is not None and any(address in network for network in networks)

        hop = _ip(remote)
        if not trusted(hop):
            return remote
        # Walk from the right past our own proxies; the first other address is the client's.
        for entry in reversed(entries):
            hop = _ip(entry)
            if hop is None:
                return remote
            if not trusted(hop):
                return str(hop)
        return str(hop)  # every hop is one of ours: the farthest one asked
    if settings.TRUSTED_PROXY_COUNT and entries:
        # Fewer entries than proxies: the leftmost was still written by one of them.
        chosen = _ip(entries[-min(settings.TRUSTED_PROXY_COUNT, len(entries))])
        return str(chosen) if chosen is not None else remote
    return remote


# --- counting -----------------------------------------------------------------------------


def _count_in_redis(key: str, *, timeout: int) -> int:
    # Redis INCR is atomic; `add` only creates the key with its expiry if it is missing.
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 0, timeout=timeout)
        return cache.incr(key)


def _count_in_database(key: str, *, expires_at: int) -> int:
    """One atomic statement adds one and returns the new count.

    Not the database cache: its incr() is a get then a set, so two processes answering at
    once both read 4 and both write 5, and a burst across processes loses counts. Here an
    INSERT … ON CONFLICT DO UPDATE SET hits = hits + 1 is one statement, which PostgreSQL runs
    under the row's lock and SQLite under its single writer lock, so no increment is lost.
    It runs in autocommit (never call it inside a transaction you may roll back: the count
    would roll back with it).
    """
    from picketline.core.models import RateLimitCount

    meta, quote = RateLimitCount._meta, connection.ops.quote_name
    table = quote(meta.db_table)
    bucket, hits, expires = (
        quote(meta.get_field(name).column) for name in ("bucket", "hits", "expires_at")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({bucket}, {hits}, {expires}) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({bucket}) DO UPDATE SET {hits} = {table}.{hits} + 1 "
            f"RETURNING {hits}",
            [key, expires_at],
        )
        count = cursor.fetchone()[0]
        if count == 1:
            # A new window began for someone: the table keeps only windows still open.
            cursor.execute(f"DELETE FROM {table} WHERE {expires} < %s", [int(time.time())])
    return count


def _counts_in_redis() -> bool:
    return isinstance(caches["default"], RedisCache)


def rate_limit_hit(*, scope: str, key: str, rate: Rate | None = None) -> bool:
    """Counts one attempt; True when this attempt is over the limit.

    `rate` defaults to the scope's rate in settings.RATE_LIMITS. The key (an address, an
    account) is hashed so the count never holds it in the clear.
    """
    rate = rate or rate_for(scope)
    window = int(time.time() // rate.seconds)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{key}".encode()).hexdigest()[:32]
    bucket = f"ratelimit:{scope}:{rate.seconds}:{window}:{digest}"
    if _counts_in_redis():
        count = _count_in_redis(bucket, timeout=rate.seconds + 5)
    else:
        count = _count_in_database(bucket, expires_at=(window + 1) * rate.seconds)
    return count > rate.limit


def submission_rate_limited(request, *, scope: str = "submission") -> bool:
    """Counts one public write from this request's address under `scope`; True when over."""
    return rate_limit_hit(scope=scope, key=client_address(request), rate=rate_for(scope))


def retry_after_seconds(scope: str = "submission") -> int:
    """Seconds until the scope's rate-limit window ends and its counts start again."""
    rate = rate_for(scope)
    return rate.seconds - int(time.time()) % rate.seconds
