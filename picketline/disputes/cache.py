"""Caching the registry's public data: keys that change whenever what the public sees changes.

The version is one cheap query over the registry's tables. Services touch a dispute's
`updated_at` whenever one of its sites, shifts, actions or sources changes, a deletion lowers a
count, and a renamed organisation moves its own `updated_at`, so any change makes a new version
and every cached body built from the old one is simply never asked for again.
"""

import hashlib
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.utils.translation import get_language

from picketline.disputes.models import Dispute, Site
from picketline.organisations.models import Organisation

# The registry's parts whose rows end up in feeds and on the map.
_VERSIONED_MODELS = (Dispute, Site, Organisation)


def registry_version() -> str:
    """A short token that changes whenever a dispute, site or organisation changes."""
    quote = connection.ops.quote_name
    parts = []
    for model in _VERSIONED_MODELS:
        table = quote(model._meta.db_table)
        updated = quote(model._meta.get_field("updated_at").column)
        parts.append(f"(SELECT COUNT(*) FROM {table})")
        parts.append(f"(SELECT MAX({updated}) FROM {table})")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}")
        row = cursor.fetchone()
    return _digest(repr(tuple(str(value) for value in row)))


# How long the map's tiles may reuse a registry version before counting again.
REGISTRY_VERSION_SECONDS = 2


def registry_version_recent() -> str:
    """`registry_version()` as counted at most REGISTRY_VERSION_SECONDS ago (kept in the cache).

    For the map's tiles, which a pan asks for by the dozen: counting the registry's tables costs
    more than building a small tile (tens of milliseconds at 100,000 disputes, far more on a busy
    PostgreSQL). Browsers already reuse a tile for `BROWSER_MAX_AGE` (a minute) without asking,
    so a change reaching the tiles up to two seconds later adds nothing a reader could notice.
    """
    version = cache.get(_RECENT_VERSION_KEY)
    if version is None:
        version = registry_version()
        cache.set(_RECENT_VERSION_KEY, version, REGISTRY_VERSION_SECONDS)
    return version


_RECENT_VERSION_KEY = "picketline:registry-version"


def normalised_query(query: QueryDict) -> str:
    """The query string with parameters sorted and empty values dropped.

    `?status=active&q=` and `?q=&status=active` name the same data, so they share one key.
    """
    pairs = sorted(
        (name, value.strip()) for name, values in query.lists() for value in values if value.strip()
    )
    return urlencode(pairs)


def feed_cache_key(name: str, query: QueryDict, *, version: str) -> str:
    """The cache key (and ETag) of one feed for one query, language and registry version.

    Labels in feeds are translated, so the active language is part of the key.
    """
    text = "|".join((name, get_language() or "", version, normalised_query(query)))
    return f"picketline:feed:{name}:{_digest(text)}"


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
