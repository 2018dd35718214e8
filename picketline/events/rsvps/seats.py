"""Seats and places in line, taken by conditional updates of the event's counters.

`confirmed_count` (seats taken) and `last_number` (the queue's last number) live on the event's
row. A seat is taken with `confirmed_count + 1 ... WHERE confirmed_count < capacity`, returning
the next number; when every seat is taken, the same kind of update gives the next number on the
waiting list. The database decides each under the row's lock, so requests at once never
overbook and the queue has no gap; a `CheckConstraint` refuses a count above the capacity.

On PostgreSQL an account's RSVP is one statement (`rsvp_insert_seated`): the counters' update,
the RSVP's row and its audit entry in one `WITH`, committed on its own, so the event's row is
held for that one statement and its commit, as long as a plain insert holds nothing.
"""

import datetime as dt

from django.db import connection

from picketline.core.audit import audit_entry
from picketline.core.counted import counted_insert
from picketline.events.choices import EventStatus, RsvpStatus
from picketline.events.models import Event
from picketline.events.rsvps.models import Rsvp
from picketline.events.rsvps.selectors import rsvp_open_check

_OPEN_NOW = "status <> %(cancelled)s AND published_at IS NOT NULL AND ends_at > %(now)s"
# A seat: taken only where one is free and the event takes RSVPs, checked in the same
# statement (under the row's lock), so a cancellation committed a moment before is seen.
_SEAT = (
    "UPDATE {event} SET last_number = last_number + 1, confirmed_count = confirmed_count + 1 "
    f"WHERE id = %(event)s AND {_OPEN_NOW} AND (capacity IS NULL OR confirmed_count < capacity) "
    "RETURNING last_number, confirmed_count"
)
# A place in line: only when every seat is taken.
_LINE = (
    "UPDATE {event} SET last_number = last_number + 1 "
    f"WHERE id = %(event)s AND {_OPEN_NOW} AND capacity IS NOT NULL "
    "AND confirmed_count >= capacity "
    "RETURNING last_number, confirmed_count"
)
# On PostgreSQL the RSVP's row takes its number in the same statement, so the event's row is
# held for one statement and the commit.
_SEAT_ROW = (
    "WITH taken AS ({update}) "
    "UPDATE {rsvp} SET number = taken.last_number, status = %(status)s, {stamp} = %(now)s, "
    "updated_at = %(now)s FROM taken WHERE {rsvp}.id = %(rsvp)s "
    "RETURNING taken.last_number, taken.confirmed_count"
)


def place_take(event: Event, rsvp: Rsvp, now: dt.datetime) -> None:
    """Gives `rsvp` the next number in the event's queue and a seat if one is free, else a
    place in line. Holds the event's row until the transaction ends.

    Each update decides under the row's lock, so any number of requests at once never
    overbook and number the queue without a gap. A seat freed between the first update
    (no seat) and the second (the line) is tried for again. With `rsvp` stored, its row is
    written too (in the same statement on PostgreSQL); unsaved, the caller saves it.
    """
    quote = connection.ops.quote_name
    tables = {"event": quote(Event._meta.db_table), "rsvp": quote(Rsvp._meta.db_table)}
    stored = rsvp.pk is not None
    params = {
        "event": event.pk,
        "rsvp": rsvp.pk,
        "cancelled": EventStatus.CANCELLED,
        "now": connection.ops.adapt_datetimefield_value(now),
    }
    in_one = stored and connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for _attempt in range(3):
            for update, status, stamp in (
                (_SEAT, RsvpStatus.CONFIRMED, "confirmed_at"),
                (_LINE, RsvpStatus.WAITLISTED, "waitlisted_at"),
            ):
                sql = update.format(**tables)
                if in_one:
                    sql = _SEAT_ROW.format(update=sql, stamp=stamp, **tables)
                cursor.execute(sql, {**params, "status": status})
                row = cursor.fetchone()
                if row is None:
                    continue
                event.last_number, event.confirmed_count = row
                rsvp.number, rsvp.status = row[0], status
                setattr(rsvp, stamp, now)
                if stored and not in_one:
                    Rsvp.objects.filter(pk=rsvp.pk).update(
                        number=rsvp.number, status=status, updated_at=now, **{stamp: now}
                    )
                return
            # Neither matched: the event closed meanwhile (or a seat came and went).
            rsvp_open_check(Event.objects.get(pk=event.pk), now=now)
    raise RuntimeError(f"no place could be taken on event {event.pk}")


def rsvp_insert_seated(
    event: Event, rsvp: Rsvp, *, user, now: dt.datetime, durable_after: bool = False
) -> bool:
    """PostgreSQL only: stores the unsaved `rsvp` of an account with the next number and a seat
    (or a place in line), and its audit entry `rsvp.created`, in one statement
    (`core.counted.counted_insert`). Returns False when neither a seat nor a place was taken
    (the caller finds out why).

    Call outside a transaction to commit at once (without waiting for the disk when
    `durable_after`); the statement is all or nothing, so a second RSVP of the same account
    (the database's constraint) stores nothing and raises IntegrityError.
    """
    tables = {
        "event": connection.ops.quote_name(Event._meta.db_table),
        "rsvp": connection.ops.quote_name(Rsvp._meta.db_table),
    }
    audit = audit_entry(Event, event.pk, "rsvp.created", user=user)
    for update, status, stamp in (
        (_SEAT, RsvpStatus.CONFIRMED, "confirmed_at"),
        (_LINE, RsvpStatus.WAITLISTED, "waitlisted_at"),
    ):
        rsvp.status = status
        rsvp.confirmed_at = rsvp.waitlisted_at = None
        setattr(rsvp, stamp, now)
        row = counted_insert(
            take=update.format(**tables),
            params={
                "event": event.pk,
                "cancelled": EventStatus.CANCELLED,
                "now": connection.ops.adapt_datetimefield_value(now),
            },
            obj=rsvp,
            overrides={"number": "taken.last_number"},
            audit=audit,
            audit_overrides={"data": "jsonb_build_object('rsvp', made.id, 'status', made.status)"},
            returning="made.number, taken.confirmed_count",
            durable_after=durable_after,
        )
        if row is not None:
            rsvp.number, event.confirmed_count = row
            event.last_number = rsvp.number
            return True
    return False
