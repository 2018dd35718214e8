"""A member's standing, derived from their plan and their ledger, never stored.

Dues periods follow the calendar on the organisation's clock: a monthly member who joined on
15 March owes the March period from that day, the April period from 1 April, and so on (a
yearly member, each 1 January). As of a date, the periods owed are those begun by then; the
periods paid are the ledger's total up to that date divided by the dues per period. The
difference is the number of periods in arrears: none is good standing, up to the
organisation's grace periods is "in arrears", more is "lapsed". A member with no plan or a
waived (hardship) plan owes nothing and is always in good standing.

`standing_annotate` computes it in SQL for a whole roster (one query however many members):
the ledger's total is one correlated subquery on the indexed (member, date) entries, the
standing one simple CASE over the arrears, and dates are taken apart with the database's own
functions (no Python callback on SQLite), so a standing costs a few index probes a member.
`standing_reference` is the same rule walked period by period in Python, which the tests hold
the SQL to.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least
from django.utils.translation import gettext_lazy as _

from picketline.membership.dues.models import DuesEntry, DuesPeriod, PlanKind

DEFAULT_GRACE_PERIODS = 2


class Standing(models.TextChoices):
    GOOD = "good", _("In good standing")
    ARREARS = "arrears", _("In arrears")
    LAPSED = "lapsed", _("Lapsed")


def local_date(moment: dt.datetime, zone_name: str) -> dt.date:
    """The date on the organisation's clock at an aware moment."""
    if moment.tzinfo is None:
        raise ValueError("standing needs an aware datetime")
    return moment.astimezone(ZoneInfo(zone_name)).date()


def _paid_by(as_of: dt.date):
    # SUM as a plain function, not Django's aggregate, so the subquery has no GROUP BY: it
    # reads one member's entries from the (member, date, amount) index and nothing else.
    total = (
        DuesEntry.objects.filter(membership=OuterRef("pk"), date__lte=as_of)
        .order_by()
        .values(total=Func(F("amount_minor"), function="SUM"))
    )
    # Cast: PostgreSQL sums bigints as numeric, and the division below must be on integers.
    return Coalesce(Cast(Subquery(total), BigIntegerField()), Value(0, BigIntegerField()))


class _DatePart(Func):
    """The year or the month of a date as an integer. On SQLite, dates are ISO text and
    `substr` reads them in C, where Django's Extract calls back into Python for every row."""

    output_field = IntegerField()
    arity = 1
    parts = {"year": (1, 4), "month": (6, 2)}

    def __init__(self, expression, *, part: str):
        if part not in self.parts:
            raise ValueError(f"unknown date part {part!r}")
        self.part = part
        super().__init__(expression)

    def as_sql(self, compiler, connection, **extra):
        template = f"CAST(EXTRACT({self.part.upper()} FROM %(expressions)s) AS integer)"
        return super().as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        start, length = self.parts[self.part]
        template = f"CAST(substr(%(expressions)s, {start}, {length}) AS integer)"
        return super().as_sql(compiler, connection, template=template, **extra)


class _StandingOf(Func):
    """The standing named by a number of periods in arrears: a simple CASE, so the arrears
    (and the ledger's subquery inside them) are worked out once a row, not once a branch."""

    output_field = CharField()
    arity = 1

    def __init__(self, arrears, *, grace_periods: int):
        self.grace_periods = grace_periods
        super().__init__(Least(arrears, Value(grace_periods + 1)))

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"CASE {sql} WHEN 0 THEN %s WHEN %s THEN %s ELSE %s END",
            (*params, Standing.GOOD, self.grace_periods + 1, Standing.LAPSED, Standing.ARREARS),
        )


def _periods_owed(as_of: dt.date):
    start_year = _DatePart("dues_start", part="year")
    months = (Value(as_of.year) - start_year) * Value(12) + (
        Value(as_of.month) - _DatePart("dues_start", part="month")
    )
    years = Value(as_of.year) - start_year
    return Case(
        When(Q(dues_start__isnull=True) | Q(dues_start__gt=as_of), then=Value(0)),
        When(plan__period=DuesPeriod.YEARLY, then=years + Value(1)),
        default=months + Value(1),
        output_field=IntegerField(),
    )


def _due_per_period():
    return Case(
        When(plan__isnull=True, then=Value(0)),
        When(plan__kind=PlanKind.WAIVED, then=Value(0)),
        When(
            plan__kind=PlanKind.SLIDING,
            amount_minor__isnull=False,
            then=F("amount_minor"),
        ),
        default=F("plan__amount_minor"),
        output_field=BigIntegerField(),
    )


def standing_annotate(queryset, *, as_of: dt.date, grace_periods: int = DEFAULT_GRACE_PERIODS):
    """Adds `paid_minor`, `due_minor`, `periods_owed`, `arrears` and `standing` to a queryset
    of memberships, as of the end of `as_of` (a date on the organisation's clock)."""
    queryset = queryset.annotate(
        paid_minor=_paid_by(as_of),
        due_minor=_due_per_period(),
        periods_owed=_periods_owed(as_of),
    ).annotate(
        arrears=Case(
            When(due_minor__lte=0, then=Value(0)),
            default=Greatest(
                F("periods_owed") - Cast(F("paid_minor") / F("due_minor"), IntegerField()),
                Value(0),
            ),
            output_field=IntegerField(),
        )
    )
    if grace_periods < 0:
        raise ValueError("grace periods cannot be negative")
    return queryset.annotate(standing=_StandingOf(F("arrears"), grace_periods=grace_periods))


def standing_filter(queryset, standing: str):
    """Keeps the annotated memberships in one standing."""
    return queryset.filter(standing=standing)


# --- the reference: the same rule, one period at a time -------------------------------------


@dataclass(frozen=True)
class StandingResult:
    standing: str
    arrears: int


def _period_starts(dues_start: dt.date, period: str, as_of: dt.date):
    """The first day of every period begun by `as_of`: the join date, then each calendar
    month's (or year's) first day after it."""
    if dues_start > as_of:
        return
    yield dues_start
    year, month = dues_start.year, dues_start.month
    while True:
        if period == DuesPeriod.YEARLY:
            year, month = year + 1, 1
        else:
            year, month = (year, month + 1) if month < 12 else (year + 1, 1)
        start = dt.date(year, month, 1)
        if start > as_of:
            return
        yield start


def standing_reference(
    *,
    dues_start: dt.date | None,
    period: str,
    due_minor: int,
    entries: list[tuple[dt.date, int]],
    as_of: dt.date,
    grace_periods: int = DEFAULT_GRACE_PERIODS,
) -> StandingResult:
    """A member's standing from the plain facts: each period begun by `as_of` costs
    `due_minor`; a period is unpaid when the money paid by then does not reach it."""
    if due_minor <= 0 or dues_start is None:
        return StandingResult(Standing.GOOD, 0)
    paid = sum(amount for date, amount in entries if date <= as_of)
    owed = 0
    arrears = 0
    for _start in _period_starts(dues_start, period, as_of):
        owed += due_minor
        if owed > paid:
            arrears += 1
    if arrears == 0:
        return StandingResult(Standing.GOOD, 0)
    if arrears <= grace_periods:
        return StandingResult(Standing.ARREARS, arrears)
    return StandingResult(Standing.LAPSED, arrears)


def period_start(dues_start: dt.date, period: str, as_of: dt.date) -> dt.date | None:
    """The first day of the period `as_of` falls in (None before the first)."""
    last = None
    if dues_start > as_of:
        return None
    if period == DuesPeriod.YEARLY:
        last = dt.date(as_of.year, 1, 1)
    else:
        last = dt.date(as_of.year, as_of.month, 1)
    return max(last, dues_start)
