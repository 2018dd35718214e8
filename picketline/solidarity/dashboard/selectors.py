"""Figures of solidarity for one dispute or the whole site: counts only, never a person."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import formats, timezone

from picketline.core.charts import Bar, bar_chart
from picketline.disputes.models import Dispute
from picketline.places.countries import country_names
from picketline.solidarity.delegations.models import Delegation
from picketline.solidarity.funds.models import LedgerEntry
from picketline.solidarity.messages.models import Message
from picketline.solidarity.pickets.models import ShiftAttendance, ShiftSignup

TOP_COUNTRIES = 12
MONTHS = 12


@dataclass
class Figures:
    messages: int = 0
    by_country: list[tuple[str, int]] = field(default_factory=list)
    by_month: list[tuple[str, int]] = field(default_factory=list)
    # (currency, raised: the sum of money in, net: after disbursements and corrections)
    money: list[tuple[str, int, int]] = field(default_factory=list)
    signups: int = 0
    people_coming: int = 0
    people_came: int = 0
    delegations: int = 0
    by_kind: list[tuple[str, int]] = field(default_factory=list)


def _scoped(queryset: QuerySet, path: str, dispute: Dispute | None) -> QuerySet:
    return queryset.filter(**{path: dispute}) if dispute is not None else queryset


def solidarity_figures(*, dispute: Dispute | None = None) -> Figures:
    """For one dispute, or for every dispute when None. A fixed number of queries."""
    figures = Figures()
    messages = _scoped(Message.objects.filter(published_at__isnull=False), "dispute", dispute)
    figures.messages = messages.count()
    rows = list(
        messages.order_by()
        .values("country")
        .annotate(n=Count("id"))
        .order_by("-n", "country")[:TOP_COUNTRIES]
    )
    names = country_names(row["country"] for row in rows)
    figures.by_country = [
        (names.get(row["country"], row["country"]) or "—", row["n"]) for row in rows
    ]
    since = (timezone.now() - dt.timedelta(days=31 * (MONTHS - 1))).replace(day=1)
    months = (
        messages.filter(published_at__gte=since)
        .annotate(month=TruncMonth("published_at"))
        .order_by()
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    figures.by_month = [
        (formats.date_format(row["month"], "YEAR_MONTH_FORMAT"), row["n"]) for row in months
    ]
    entries = _scoped(
        LedgerEntry.objects.filter(fund__verified_at__isnull=False), "fund__dispute", dispute
    )
    figures.money = [
        (row["currency"], row["raised"] or 0, row["net"] or 0)
        for row in entries.order_by()
        .values("currency")
        .annotate(
            raised=Sum("amount_minor", filter=Q(amount_minor__gt=0) & ~Q(kind="reversal")),
            net=Sum("amount_minor"),
        )
        .order_by("currency")
    ]
    signups = _scoped(
        ShiftSignup.objects.filter(cancelled_at__isnull=True), "shift__site__dispute", dispute
    ).aggregate(n=Count("id"), people=Sum("party_size"))
    figures.signups, figures.people_coming = signups["n"], signups["people"] or 0
    came = _scoped(ShiftAttendance.objects.all(), "shift__site__dispute", dispute).aggregate(
        people=Sum("people")
    )
    figures.people_came = came["people"] or 0
    delegations = _scoped(Delegation.objects.filter(published_at__isnull=False), "dispute", dispute)
    kinds = dict(Delegation._meta.get_field("kind").choices)
    figures.by_kind = [
        (str(kinds.get(row["kind"], row["kind"])), row["n"])
        for row in delegations.order_by().values("kind").annotate(n=Count("id")).order_by("kind")
    ]
    figures.delegations = sum(n for _kind, n in figures.by_kind)
    return figures


def charts(figures: Figures, *, titles: dict[str, str]) -> dict:
    """The SVG charts of the figures, keyed like `titles`."""
    number = formats.number_format
    return {
        "by_country": bar_chart(
            [Bar(label, n, number(n, use_l10n=True)) for label, n in figures.by_country],
            title=titles["by_country"],
        ),
        "by_month": bar_chart(
            [Bar(label, n, number(n, use_l10n=True)) for label, n in figures.by_month],
            title=titles["by_month"],
        ),
        "by_kind": bar_chart(
            [Bar(label, n, number(n, use_l10n=True)) for label, n in figures.by_kind],
            title=titles["by_kind"],
        ),
    }
