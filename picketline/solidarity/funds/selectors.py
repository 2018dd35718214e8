"""Reads for strike funds. Public pages go through these, so what the public sees is decided
here: verified funds only, totals from the ledger per currency, and never who pledged or who
recorded an entry."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from picketline.disputes.selectors import dispute_get_for_user
from picketline.solidarity.funds.models import EntryKind, Fund, LedgerEntry, Pledge
from picketline.solidarity.funds.money import CURRENCY_EXPONENTS, format_amount


@dataclass(frozen=True)
class CurrencyTotal:
    """What a fund holds in one currency, in minor units. `balance` is the sum of every entry;
    `paid_out` (zero or negative) is what disbursements took, net of their corrections."""

    currency: str
    balance: int
    paid_out: int

    @property
    def raised(self) -> int:
        return self.balance - self.paid_out

    def display(self, amount: int) -> str:
        if self.currency not in CURRENCY_EXPONENTS:
            return f"{amount} {self.currency}"
        return format_amount(amount, self.currency)

    @property
    def balance_display(self) -> str:
        return self.display(self.balance)

    @property
    def raised_display(self) -> str:
        return self.display(self.raised)

    @property
    def paid_out_display(self) -> str:
        return self.display(-self.paid_out)


_PAID_OUT = Q(kind=EntryKind.DISBURSEMENT) | Q(reverses__kind=EntryKind.DISBURSEMENT)


def _totals(entries: QuerySet, *, by_fund: bool) -> dict:
    keys = ("fund_id", "currency") if by_fund else ("currency",)
    rows = (
        entries.order_by()
        .values(*keys)
        .annotate(balance=Sum("amount_minor"), paid_out=Sum("amount_minor", filter=_PAID_OUT))
        .order_by(*keys)
    )
    result: dict = {}
    for row in rows:
        total = CurrencyTotal(
            currency=row["currency"], balance=row["balance"], paid_out=row["paid_out"] or 0
        )
        if by_fund:
            result.setdefault(row["fund_id"], {})[row["currency"]] = total
        else:
            result[row["currency"]] = total
    return result


def fund_totals(fund: Fund) -> dict[str, CurrencyTotal]:
    """The ledger summed per currency (one query). Currencies are never converted: a fund
    that changed currency shows one total for each."""
    return _totals(LedgerEntry.objects.filter(fund=fund), by_fund=False)


@dataclass(frozen=True)
class Progress:
    raised: int
    target: int
    currency: str

    @property
    def value(self) -> int:
        """For <progress>: the bar stops full when the target is passed."""
        return min(max(self.raised, 0), self.target)

    @property
    def raised_display(self) -> str:
        return format_amount(self.raised, self.currency)

    @property
    def target_display(self) -> str:
        return format_amount(self.target, self.currency)

    @property
    def percent(self) -> int:
        return int(max(self.raised, 0) * 100 // self.target)


def fund_progress(fund: Fund, totals: dict[str, CurrencyTotal]) -> Progress | None:
    """Money raised towards the target, in the fund's own currency only; None without one."""
    if not fund.target_minor or fund.currency not in CURRENCY_EXPONENTS:
        return None
    total = totals.get(fund.currency)
    return Progress(
        raised=total.raised if total else 0, target=fund.target_minor, currency=fund.currency
    )


def fund_ledger(*, fund: Fund) -> dict:
    """What a fund's pages show of its ledger: totals per currency, progress towards the
    target, and every entry (two queries)."""
    totals = fund_totals(fund)
    return {
        "totals": list(totals.values()),
        "progress": fund_progress(fund, totals),
        "entries": ledger_entries(fund=fund),
    }


# --- public ----------------------------------------------------------------------------------


def funds_public(*, dispute) -> list[dict]:
    """The dispute's verified funds with their totals and progress (two queries)."""
    funds = list(Fund.objects.filter(dispute=dispute, verified_at__isnull=False))
    totals = _totals(LedgerEntry.objects.filter(fund__in=funds), by_fund=True) if funds else {}
    rows = []
    for fund in funds:
        fund_total = totals.get(fund.pk, {})
        rows.append(
            {
                "fund": fund,
                "totals": list(fund_total.values()),
                "progress": fund_progress(fund, fund_total),
            }
        )
    return rows


def fund_get_public(*, dispute, pk: int) -> Fund:
    """A verified fund of this dispute, or 404: a fund waiting for review is not public."""
    return get_object_or_404(Fund, pk=pk, dispute=dispute, verified_at__isnull=False)


@dataclass(frozen=True)
class PublicEntry:
    """A ledger line as anyone may read it: no one's name, only that a treasurer recorded it."""

    entry: LedgerEntry
    amount: str
    corrects: LedgerEntry | None
    corrected_by: LedgerEntry | None


def ledger_entries(*, fund: Fund) -> list[PublicEntry]:
    """The whole ledger, oldest first, each correction with what it corrects (one query)."""
    entries = list(
        LedgerEntry.objects.filter(fund=fund)
        .select_related("reverses", "reversed_by")
        .order_by("date", "id")
    )
    rows = []
    for entry in entries:
        try:
            corrected_by = entry.reversed_by
        except LedgerEntry.reversed_by.RelatedObjectDoesNotExist:
            corrected_by = None
        rows.append(
            PublicEntry(
                entry=entry,
                amount=(
                    format_amount(entry.amount_minor, entry.currency)
                    if entry.currency in CURRENCY_EXPONENTS
                    else f"{entry.amount_minor} {entry.currency}"
                ),
                corrects=entry.reverses,
                corrected_by=corrected_by,
            )
        )
    return rows


# --- treasurers ------------------------------------------------------------------------------


def fund_get_for_user(*, user, slug: str, pk: int) -> Fund:
    """The one door to a fund someone may change: a coordinator of its dispute (or a
    moderator). PermissionDenied for anyone else, 404 for a fund of another dispute."""
    dispute = dispute_get_for_user(user=user, slug=slug, write=True)
    fund = Fund.objects.filter(pk=pk, dispute=dispute).select_related("dispute").first()
    if fund is None:
        raise Http404(_("There is no fund at this address."))
    return fund


def funds_for_treasurers(*, dispute) -> list[dict]:
    funds = list(Fund.objects.filter(dispute=dispute))
    totals = _totals(LedgerEntry.objects.filter(fund__in=funds), by_fund=True) if funds else {}
    return [{"fund": fund, "totals": list(totals.get(fund.pk, {}).values())} for fund in funds]


def pledges_for_treasurers(*, fund: Fund) -> QuerySet[Pledge]:
    """Every pledge with the pledger's private details: for the fund's treasurers only."""
    return Pledge.objects.filter(fund=fund).select_related("entry").order_by("-created_at", "-id")


def pledge_get_for_user(*, user, slug: str, fund_pk: int, pk: int) -> Pledge:
    fund = fund_get_for_user(user=user, slug=slug, pk=fund_pk)
    pledge = Pledge.objects.filter(pk=pk, fund=fund).select_related("fund").first()
    if pledge is None:
        raise Http404(_("There is no pledge at this address."))
    return pledge


def entry_get_for_user(*, user, slug: str, fund_pk: int, pk: int) -> LedgerEntry:
    fund = fund_get_for_user(user=user, slug=slug, pk=fund_pk)
    entry = LedgerEntry.objects.filter(pk=pk, fund=fund).select_related("fund").first()
    if entry is None:
        raise Http404(_("There is no ledger entry at this address."))
    return entry
