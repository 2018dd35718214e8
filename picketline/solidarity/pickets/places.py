"""Places at one occurrence of a picket shift, taken by one conditional statement on its
counter.

`ShiftPlaces.taken` counts the people signed up to an occurrence. A sign-up takes its party's
places with one upsert of the counter's row: made with the party when the occurrence has no
counter yet, else `taken + people`, in both cases only where the shift's capacity (read in the
same statement) leaves room. The database decides it under the row's lock, so sign-ups at once
never overbook, and no first query is needed to make the counter.

On PostgreSQL a sign-up is one statement (`signup_insert_placed`): the counter's upsert, the
sign-up's row and its audit entry in one `WITH` (`core.counted`), committed on its own, so the
counter's row is held for that statement and its commit, as long as a plain insert holds
nothing.
"""

import datetime as dt

from django.db import connection
from django.db.models import F

from picketline.core.counted import counted_insert
from picketline.core.models import AuditEntry
from picketline.disputes.models import PicketShift
from picketline.solidarity.pickets.models import ShiftPlaces, ShiftSignup

# No capacity: as many as the counter holds.
_UNLIMITED = 2**31 - 1
# The places, taken only where they fit under the capacity as it is now: the first sign-up to
# an occurrence makes its counter, later ones add to it, the condition checked on the
# counter's row as it is once its lock is held. A party that does not fit even by the counter
# as the statement first reads it (without the lock) is refused there, without waiting for
# the sign-ups in front of it: a full picket answers at once, however many keep trying.
_TAKE = (
    "INSERT INTO {places} (shift_id, occurrence_starts_at, taken) "
    "SELECT id, %(starts_at)s, %(people)s FROM {shift} "
    "WHERE id = %(shift)s AND (capacity IS NULL OR capacity >= %(people)s + COALESCE(("
    "SELECT taken FROM {places} WHERE shift_id = %(shift)s "
    "AND occurrence_starts_at = %(starts_at)s), 0)) "
    "ON CONFLICT (shift_id, occurrence_starts_at) DO UPDATE "
    "SET taken = {places}.taken + excluded.taken "
    "WHERE {places}.taken + excluded.taken <= "
    f"COALESCE((SELECT capacity FROM {{shift}} WHERE id = {{places}}.shift_id), {_UNLIMITED}) "
    "RETURNING taken"
)


def _take(*, shift_id: int, starts_at: dt.datetime, people: int) -> tuple[str, dict]:
    quote = connection.ops.quote_name
    sql = _TAKE.format(
        places=quote(ShiftPlaces._meta.db_table), shift=quote(PicketShift._meta.db_table)
    )
    params = {
        "shift": shift_id,
        "starts_at": connection.ops.adapt_datetimefield_value(starts_at),
        "people": people,
    }
    return sql, params


def places_take(*, shift_id: int, starts_at: dt.datetime, people: int) -> bool:
    """Takes `people` places at one occurrence of a shift (`starts_at` in UTC), if that many
    are free; returns whether it did. Holds the counter's row until the transaction ends."""
    sql, params = _take(shift_id=shift_id, starts_at=starts_at, people=people)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() is not None


def places_give_back(*, shift_id: int, starts_at: dt.datetime, people: int) -> None:
    ShiftPlaces.objects.filter(shift_id=shift_id, occurrence_starts_at=starts_at).update(
        taken=F("taken") - people
    )


def signup_insert_placed(
    signup: ShiftSignup, *, audit: AuditEntry, durable_after: bool = False
) -> bool:
    """PostgreSQL only: takes the unsaved `signup`'s places and stores it with its unsaved
    `audit` entry, in one statement; returns False, storing nothing, when the places are not
    free.

    Call outside a transaction to commit at once (without waiting for the disk when
    `durable_after`, see core.counted).
    """
    sql, params = _take(
        shift_id=signup.shift_id, starts_at=signup.occurrence_starts_at, people=signup.party_size
    )
    row = counted_insert(
        take=sql, params=params, obj=signup, audit=audit, durable_after=durable_after
    )
    return row is not None
