"""Caching the registry's public data: keys that change whenever what the public sees changes.

The registry's version is moved by the database itself: triggers on the disputes, sites,
their employers and unions and the organisations make every write move it (see
`picketline.core.versions` and the migration that installs them), and reading it is one query
on a primary key however large the registry grows. Every cached body built from an older
version is simply never asked for again.
"""

import hashlib
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import get_language

from picketline.core.versions import cached_under, versions

# The data version (core.versions) moved by every write to the registry's tables.
REGISTRY = "registry"


def registry_version() -> str:
    """A short token that changes whenever a dispute, site or organisation changes."""
    return versions(REGISTRY)


def cached_count(name: str, query: QueryDict, count) -> int:
    """`count()` for this page and query string, kept until the registry changes.

    Counting the disputes a filter chooses reads every matching row: at national scale it
    costs more than the rest of the page, and the answer changes only with the registry.
    """
    return cached_under(f"count:{name}:{normalised_query(query)}", names=(REGISTRY,), build=count)


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
