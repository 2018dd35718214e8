"""Data versions: one short token per named set of tables, changed by every write to them.

Pages and feeds cache what they build from many rows (a count over the registry, a
dispute's level of solidarity) under the versions of the tables it was built from; a write
to any of those tables moves the version, and the old entries are simply never asked for
again. Reading versions is one query on a primary key, whatever the size of the tables.

The database itself moves the version, with triggers a migration creates
(`version_triggers("registry", [tables])`), so every write counts: services, the admin, bulk
updates, imports and raw SQL alike. The trigger updates the version's row in the writing
transaction, so a reader sees the new version exactly when it can see the new rows, never
before: a body built from old rows can never be stored under a new version. The price is that
transactions writing the same set of tables take the version's row lock in turn, until they
commit; the sets are chosen from tables that are written by people's edits, not per visit.

On PostgreSQL one trigger per table fires once per statement; on SQLite, which has only
row triggers, once per row.
"""

import hashlib
import secrets
from collections.abc import Iterable
from contextvars import ContextVar

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection, connections, migrations
from django.utils.functional import cached_property
from django.utils.translation import get_language

from picketline.core.models import DataVersion

_TABLE = DataVersion._meta.db_table
_FUNCTION = "core_dataversion_bump"


def versions(*names: str) -> str:
    """One token for the current versions of these sets, read in one query; within a page,
    every version is read in that first query (see `VersionsReadOnce`: the table holds one
    row per named set). A set never written yet reads as "0"."""
    memo = _read_this_request.get()
    if memo:  # every row was read at the page's first call
        return "|".join(memo.get(name, "0") for name in names)
    rows = (
        DataVersion.objects.all()
        if memo is not None
        else DataVersion.objects.filter(name__in=names)
    )
    found = {name: f"{epoch}.{value}" for name, epoch, value in rows.values_list(*_COLUMNS)}
    if memo is not None:
        memo.update(found, **{_READ: "yes"})
    return "|".join(found.get(name, "0") for name in names)


_COLUMNS = ("name", "epoch", "value")
# Marks a page's memo as filled (a name no version can have: they are identifiers).
_READ = " read"


# The versions a GET request has read so far; None outside one.
_read_this_request: ContextVar[dict | None] = ContextVar("data_versions", default=None)


class VersionsReadOnce:
    """Middleware: a GET or HEAD request reads each data version at most once, however many
    parts of its page are kept under it. Other requests write, and read versions afresh."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _read_this_request.set({})
        try:
            return self.get_response(request)
        finally:
            _read_this_request.reset(token)


# --- the triggers, for migrations -------------------------------------------------------------


def _postgresql_function() -> str:
    return f"""
CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {_TABLE} (name, epoch, value)
    VALUES (TG_ARGV[0], md5(random()::text || clock_timestamp()::text), 1)
    ON CONFLICT (name) DO UPDATE SET value = {_TABLE}.value + 1;
    RETURN NULL;
END
$$;
"""


def _trigger_name(version: str, table: str, operation: str = "") -> str:
    return "_".join(part for part in (table, "version", version, operation) if part)[:63]


def _create_sql(vendor: str, version: str, table: str, columns: tuple | None) -> list[str]:
    """The statements that make writes to `table` move `version`; with `columns`, an update
    moves it only when it sets one of them (a counter kept on the row does not)."""
    update = "UPDATE" if not columns else "UPDATE OF " + ", ".join(f'"{c}"' for c in columns)
    if vendor == "postgresql":
        return [
            _postgresql_function(),
            f'CREATE TRIGGER "{_trigger_name(version, table)}" '
            f'AFTER INSERT OR {update} OR DELETE OR TRUNCATE ON "{table}" '
            f"FOR EACH STATEMENT EXECUTE FUNCTION {_FUNCTION}('{version}')",
        ]
    # SQLite: row triggers only, one per operation.
    bump = (
        f"INSERT INTO {_TABLE} (name, epoch, value) "
        f"VALUES ('{version}', lower(hex(randomblob(16))), 1) "
        "ON CONFLICT(name) DO UPDATE SET value = value + 1;"
    )
    return [
        f'CREATE TRIGGER "{_trigger_name(version, table, name)}" '
        f'AFTER {operation} ON "{table}" FOR EACH ROW BEGIN {bump} END'
        for name, operation in (("insert", "INSERT"), ("update", update), ("delete", "DELETE"))
    ]


def _drop_sql(vendor: str, version: str, table: str, columns=None) -> list[str]:
    if vendor == "postgresql":
        return [f'DROP TRIGGER IF EXISTS "{_trigger_name(version, table)}" ON "{table}"']
    return [
        f'DROP TRIGGER IF EXISTS "{_trigger_name(version, table, operation)}"'
        for operation in ("insert", "update", "delete")
    ]


def version_triggers(
    version: str, tables: Iterable[str] | dict[str, tuple[str, ...] | None]
) -> migrations.RunPython:
    """A migration operation that makes every write to `tables` move `version`.

    `tables` is a list of names, or {name: columns}: then an update of that table moves the
    version only when it sets one of the columns (None: any update does).
    """
    tables = dict(tables) if isinstance(tables, dict) else dict.fromkeys(tables)

    def run(make_sql):
        def operation(apps, schema_editor):
            vendor = schema_editor.connection.vendor
            if vendor not in ("postgresql", "sqlite"):
                raise NotImplementedError(f"data versions need triggers for {vendor}")
            for table, columns in tables.items():
                for sql in make_sql(vendor, version, table, columns):
                    schema_editor.execute(sql)

        return operation

    return migrations.RunPython(run(_create_sql), run(_drop_sql), elidable=False)


def version_triggers_installed(version: str, table: str) -> bool:
    """Whether `table` moves `version` (for checks and tests)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT 1 FROM pg_trigger WHERE tgname = %s", [_trigger_name(version, table)]
            )
        else:
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = %s",
                [_trigger_name(version, table, "insert")],
            )
        return cursor.fetchone() is not None


class CountedPaginator(Paginator):
    """A paginator told its count beforehand (for example a count kept in the cache under a
    data version), so it does not count the rows again."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


# How long a value kept under versions may stay in the cache when nothing asks for it again.
KEPT_SECONDS = 60 * 60


# A version no table moves: `migrate`, which every upgrade runs, draws it anew, so what was kept
# under the code of an earlier release (a fragment of an old template) is never read again.
RELEASE = "release"


def release_mark(*, using: str = "default", **kwargs) -> None:
    """After `migrate`: a new release version (connected to post_migrate by core's app).
    Nothing when the versions' table is gone (migrated back to zero)."""
    if _TABLE not in connections[using].introspection.table_names():
        return
    DataVersion.objects.using(using).update_or_create(
        name=RELEASE, defaults={"epoch": secrets.token_hex(16), "value": 1}
    )


def cached_under(key: str, *, names: tuple[str, ...], build, timeout: int = KEPT_SECONDS):
    """`build()`, kept in the cache under `key`, the active language, the release and the
    current versions of `names`: built again only once one of those sets of tables has
    changed, or the site has been upgraded. With no names, it is kept until the upgrade (a
    form's markup, which only the code changes).

    `build` must read only the tables the named versions cover, and return something the cache
    can pickle (plain values, model instances; not querysets still to be run).
    """
    cache_key = _cache_key(key, versions(*names, RELEASE))
    found = cache.get(cache_key, _MISSING)
    if found is _MISSING:
        found = build()
        cache.set(cache_key, found, timeout)
    return found


def cached_each(items: list, *, key, names: tuple[str, ...], build, timeout: int = KEPT_SECONDS):
    """`[build(item) for item in items]`, each kept in the cache under `key(item)`, the
    language, the release and the versions of `names`, as `cached_under` keeps one value: one
    read of the cache for all of them, and one write for those built.

    `key(item)` must name whatever `build(item)` shows that the versions do not cover (a
    counter their triggers leave out, a distance from the reader).
    """
    token = versions(*names, RELEASE)
    keys = [_cache_key(key(item), token) for item in items]
    found = cache.get_many(keys)
    built = {k: build(item) for k, item in zip(keys, items, strict=True) if k not in found}
    if built:
        cache.set_many(built, timeout)
    return [found[k] if k in found else built[k] for k in keys]


def _cache_key(key: str, token: str) -> str:
    digest = hashlib.blake2b(
        "|".join((key, get_language() or "", token)).encode(), digest_size=16
    ).hexdigest()
    return f"picketline:versioned:{digest}"


_MISSING = object()
