"""A long list of ids passed to the database as one parameter.

Django's `pk__in=[…]` writes one placeholder per id: a statement for ten thousand rows is built
value by value in Python (milliseconds per thousand ids), SQLite caps its parameters, so callers
cut the list into chunks, and each chunk is a statement of its own. A fan-out marks thousands of
rows sent per batch, so it passes the list whole instead: an array on PostgreSQL
(`= ANY(%s)`), a JSON array read by `json_each` on SQLite. The statement is the same text
whatever the list's length, and built in microseconds.
"""

import json
from collections.abc import Sequence

from django.db import connections
from django.db.models import BooleanField, Model, Q
from django.db.models.expressions import RawSQL


def pk_among(model: type[Model], pks: Sequence[int], *, using: str = "default") -> Q | RawSQL:
    """A filter condition: the row's integer primary key is one of `pks`.

    Use it in `filter()` or `exclude()` of a queryset of `model` on the database `using`.
    Databases other than PostgreSQL and SQLite get Django's `pk__in`.
    """
    vendor = connections[using].vendor
    column = f'"{model._meta.db_table}"."{model._meta.pk.column}"'
    if vendor == "postgresql":
        return RawSQL(f"{column} = ANY(%s)", (list(pks),), output_field=BooleanField())
    if vendor == "sqlite":
        ids = json.dumps([int(pk) for pk in pks])
        return RawSQL(
            f"{column} IN (SELECT value FROM json_each(%s))", (ids,), output_field=BooleanField()
        )
    return Q(pk__in=pks)
