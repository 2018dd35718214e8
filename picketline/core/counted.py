"""A counted place and what it is for, written in one statement (PostgreSQL).

Places under a capacity (an event's seats, a picket's places) are taken by a conditional
update of a counter row, decided under that row's lock by the database (docs/architecture.md,
"Counted places"). Every writer of the same counter waits for that row until the transaction
that took a place ends, so the transaction must be as short as it can be. `counted_insert`
makes it one statement, a data-modifying `WITH`: the counter's update, the row the place is
for (an RSVP, a sign-up) and its audit entry, committed on its own. The caller checks
everything it can beforehand and queues its email after the commit; the worker writes it.

When the caller stores a task in this database right after (`enqueues_durably`), the
statement's own commit does not wait for the disk: the task's commit, on the same connection,
does, and the log is flushed in order, so the row is on disk before the person is answered
while the counter's row was free as soon as the statement ended.
"""

import contextlib

from django.db import connection, models, transaction
from django_tasks_db.backend import DatabaseBackend

from picketline.core.models import AuditEntry

# This statement's transaction commits without waiting for the disk (`synchronous_commit` off
# for it alone), so the counter's row is free again as soon as it is written. The caller makes
# it durable before answering: the next commit on the connection that waits for the disk (the
# email's task, stored right after) flushes the log up to itself, and so this statement too.
_DEFER_FLUSH = "flush AS (SELECT set_config('synchronous_commit', 'off', true)), "


def enqueues_durably(task) -> bool:
    """Whether enqueuing `task` writes a row to this database and waits for the disk (the
    database task backend): then whatever this connection committed before is on disk once
    the task is queued."""
    return isinstance(task.get_backend(), DatabaseBackend)


def insert_values(
    obj: models.Model, prefix: str, params: dict, overrides: dict[str, str]
) -> tuple[str, str]:
    """The column list and the SELECT list inserting `obj` (unsaved), each value a parameter
    (named `prefix` + column, added to `params`) cast to its column's type, except the SQL
    expressions given in `overrides` by attname."""
    quote = connection.ops.quote_name
    columns, values = [], []
    for field in type(obj)._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(quote(field.column))
        if field.attname in overrides:
            values.append(overrides[field.attname])
            continue
        name = f"{prefix}{field.column}"
        params[name] = field.get_db_prep_save(field.pre_save(obj, add=True), connection)
        values.append(f"CAST(%({name})s AS {field.cast_db_type(connection)})")
    return ", ".join(columns), ", ".join(values)


def counted_insert(
    *,
    take: str,
    params: dict,
    obj: models.Model,
    audit: AuditEntry,
    overrides: dict[str, str] | None = None,
    audit_overrides: dict[str, str] | None = None,
    returning: str = "",
    durable_after: bool = False,
) -> tuple | None:
    """PostgreSQL only: runs `take` (an UPDATE or INSERT … RETURNING of a counter row, with
    `params`) and, only when it returned a row, inserts the unsaved `obj` and the unsaved
    `audit`, all in one statement. Returns None when `take` matched nothing (nothing is
    written); else stores `obj`'s new key in it and returns `returning`'s values (SQL over
    `taken`, the counter's returned row, and `made`, the inserted row).

    `overrides` and `audit_overrides` give columns as SQL by attname (`taken.number`,
    `made.id`). Outside a transaction the statement commits on its own, without waiting for
    the disk when `durable_after` (the caller then enqueues a task that does, see
    `enqueues_durably`); inside one it runs in a savepoint, so a refusal by a constraint
    (IntegrityError) leaves the caller's transaction usable.
    """
    quote = connection.ops.quote_name
    params = dict(params)
    columns, values = insert_values(obj, "r_", params, overrides or {})
    audit_columns, audit_values = insert_values(audit, "a_", params, audit_overrides or {})
    inside = connection.in_atomic_block
    defer_flush = durable_after and not inside
    extra = f", {returning}" if returning else ""
    sql = (
        f"WITH {_DEFER_FLUSH if defer_flush else ''}taken AS ({take}), "
        f"made AS (INSERT INTO {quote(obj._meta.db_table)} ({columns}) SELECT {values} "
        "FROM taken RETURNING *), "
        f"logged AS (INSERT INTO {quote(AuditEntry._meta.db_table)} ({audit_columns}) "
        f"SELECT {audit_values} FROM made) "
        f"SELECT made.id{extra} FROM made, taken" + (", flush" if defer_flush else "")
    )
    # Alone, the statement commits by itself, with no round trip for BEGIN and COMMIT.
    alone = contextlib.nullcontext()
    with transaction.atomic() if inside else alone, connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    obj.pk = row[0]
    obj._state.adding = False
    return tuple(row[1:])
