"""Cursor pagination: each page starts after the last row of the one before (keyset, not offset).

A cursor is opaque to clients: URL-safe base64 of the ordering's name and the last row's sort
key. Rows inserted while someone walks the pages land before their position or in their
proper place ahead of it, so nobody sees a row twice or misses one that existed when they
started.
"""

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from picketline.api.problems import ProblemError


@dataclass(frozen=True)
class Ordering:
    name: str
    order_by: tuple
    key: Callable[[object], list]  # the last row → JSON-able sort key
    after: Callable[[list], Q]  # a decoded sort key → rows that come after it
    parse: Callable[[list], list]  # a cursor's raw key → typed values; ValueError if malformed


@dataclass
class Page:
    items: list
    next_cursor: str | None


def _datetime(value) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("naive datetime")
    return parsed


def _pair(first: Callable, value: list) -> list:
    if not isinstance(value, list) or len(value) != 2 or not isinstance(value[1], int):
        raise ValueError("malformed key")
    return [first(value[0]), value[1]]


def _optional_date(value):
    return None if value is None else dt.date.fromisoformat(value)


def _float(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("not a number")
    return float(value)


def _string(value) -> str:
    if not isinstance(value, str):
        raise ValueError("not a string")
    return value


def _after_start(key: list) -> Q:
    start, pk = key
    if start is None:
        return Q(start_date__isnull=True, id__lt=pk)
    return Q(start_date__lt=start) | Q(start_date=start, id__lt=pk) | Q(start_date__isnull=True)


DISPUTES_NEWEST = Ordering(
    name="newest",
    order_by=("-created_at", "-id"),
    key=lambda d: [d.created_at.isoformat(), d.id],
    after=lambda k: Q(created_at__lt=k[0]) | Q(created_at=k[0], id__lt=k[1]),
    parse=lambda raw: _pair(_datetime, raw),
)
# Nulls last on every database, so undated disputes come after all dated ones.
DISPUTES_START = Ordering(
    name="start",
    order_by=(F("start_date").desc(nulls_last=True), "-id"),
    key=lambda d: [d.start_date.isoformat() if d.start_date else None, d.id],
    after=_after_start,
    parse=lambda raw: _pair(_optional_date, raw),
)
DISPUTES_DISTANCE = Ordering(
    name="distance",
    order_by=("distance_km", "id"),
    # The exact float, not a rounded one: the next page compares against the same value.
    key=lambda d: [d.distance_km, d.id],
    after=lambda k: Q(distance_km__gt=k[0]) | Q(distance_km=k[0], id__gt=k[1]),
    parse=lambda raw: _pair(_float, raw),
)
ORGANISATIONS_NAME = Ordering(
    name="name",
    order_by=("name", "id"),
    key=lambda o: [o.name, o.id],
    after=lambda k: Q(name__gt=k[0]) | Q(name=k[0], id__gt=k[1]),
    parse=lambda raw: _pair(_string, raw),
)


def encode_cursor(ordering: Ordering, key: list) -> str:
    raw = json.dumps({"o": ordering.name, "k": key}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(ordering: Ordering, cursor: str) -> list:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("o") != ordering.name:
            raise ValueError("cursor of another ordering")
        return ordering.parse(data.get("k"))
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ProblemError(
            status=400,
            code="invalid-cursor",
            title=_("The cursor is not valid."),
            detail=_(
                "Use the “next” link of a previous page unchanged, with the same sort order, "
                "or leave the cursor out to start at the first page."
            ),
            errors={"cursor": [_("This cursor was not made by this list.")]},
        ) from None


def paginate(queryset: QuerySet, *, ordering: Ordering, cursor: str, limit: int) -> Page:
    queryset = queryset.order_by(*ordering.order_by)
    if cursor:
        queryset = queryset.filter(ordering.after(decode_cursor(ordering, cursor)))
    rows = list(queryset[: limit + 1])
    if len(rows) <= limit:
        return Page(items=rows, next_cursor=None)
    items = rows[:limit]
    return Page(items=items, next_cursor=encode_cursor(ordering, ordering.key(items[-1])))


def next_url(request: HttpRequest, cursor: str | None) -> str | None:
    """This request's address with the cursor swapped for the next page's."""
    if cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor
    encoded = urlencode(list(query.lists()), doseq=True)
    return request.build_absolute_uri(f"{request.path}?{encoded}")
