"""Reads of dues: the plans people may join on, and one member's ledger."""

from django.db.models import QuerySet, Sum

from picketline.core.money import format_amount
from picketline.membership.dues.models import DuesEntry, DuesPlan, PlanKind


def plans_offered(*, organisation) -> QuerySet:
    return DuesPlan.objects.filter(organisation=organisation, is_active=True).order_by(
        "amount_minor", "id"
    )


def plan_label(plan: DuesPlan) -> str:
    """How a plan reads on the join form: its name and amount, with no amount when waived."""
    if plan.kind == PlanKind.WAIVED:
        return plan.name
    amount = format_amount(plan.amount_minor, plan.currency)
    period = plan.get_period_display()
    if plan.kind == PlanKind.SLIDING:
        return f"{plan.name} — {amount}+ {period}"
    return f"{plan.name} — {amount} {period}"


def ledger_for(*, membership) -> QuerySet:
    return (
        DuesEntry.objects.filter(membership=membership)
        .select_related("recorded_by", "reverses")
        .order_by("date", "id")
    )


def ledger_total(*, membership) -> int:
    return (
        DuesEntry.objects.filter(membership=membership).aggregate(t=Sum("amount_minor"))["t"] or 0
    )
