"""Reads of strategic plans. The one door is `plan_owner_get_for_user`: the campaign or the
dispute whose plan someone may read and change (its coordinators and moderators; the views
ask two factors of them too). Everything else takes an owner already through that door,
except `plan_public_parts`, which reads only what the coordinators published."""

import datetime as dt
from dataclasses import dataclass, field

from picketline.campaigns.models import Campaign
from picketline.campaigns.plans.models import (
    EscalationStep,
    GoalStatus,
    PlanVersion,
    StakeholderKind,
    StrategicPlan,
)
from picketline.campaigns.selectors import campaign_get_for_user
from picketline.disputes.selectors import dispute_get_for_user

CAMPAIGN = "campaign"
DISPUTE = "dispute"


def plan_owner_get_for_user(*, user, kind: str, slug: str):
    """404 when there is no such campaign or dispute; 403 unless the user coordinates it or
    moderates the site."""
    if kind == CAMPAIGN:
        return campaign_get_for_user(user=user, slug=slug)
    if kind == DISPUTE:
        return dispute_get_for_user(user=user, slug=slug, write=True)
    raise ValueError(f"unknown owner {kind!r}")


def owner_kind(owner) -> str:
    return CAMPAIGN if isinstance(owner, Campaign) else DISPUTE


def plan_of(owner) -> StrategicPlan | None:
    return StrategicPlan.objects.filter(**{owner_kind(owner): owner}).first()


def plan_assignees(owner):
    """The accounts a step can be given to: the owner's coordinators."""
    return owner.coordinators.order_by("username")


# --- the plan as data -------------------------------------------------------------------------


def plan_snapshot(plan: StrategicPlan) -> dict:
    """The whole plan as JSON-friendly data: what a version keeps and the export gives."""
    steps = plan.steps.select_related("assignee").order_by("position", "date", "id")
    return {
        "language": plan.language,
        "situation": plan.situation,
        "weak_points": plan.weak_points,
        "strengths": plan.strengths,
        "published": {
            "analysis": plan.publish_analysis,
            "stakeholders": plan.publish_stakeholders,
            "goals": plan.publish_goals,
            "steps": plan.publish_steps,
        },
        "stakeholders": [
            {
                "kind": kind,
                "name": name,
                "notes": notes,
                "power": power,
                "interest": interest,
            }
            for kind, name, notes, power, interest in plan.stakeholders.order_by("id").values_list(
                "kind", "name", "notes", "power", "interest"
            )
        ],
        "goals": [
            {"text": text, "status": status}
            for text, status in plan.goals.order_by("id").values_list("text", "status")
        ],
        "steps": [_step_data(step) for step in steps],
    }


def _step_data(step: EscalationStep) -> dict:
    return {
        "position": step.position,
        "date": step.date.isoformat(),
        "action": step.action,
        "assignee_name": step.assignee_name,
        "assignee_id": step.assignee_id,
        "assignee": step.assignee.get_username() if step.assignee else "",
        "due_on": step.due_on.isoformat() if step.due_on else None,
        "done": step.done,
    }


def step_who(step: dict) -> str:
    return step.get("assignee") or step.get("assignee_name") or ""


# --- the chart --------------------------------------------------------------------------------

CHART_SIZE = 420
CHART_MARGIN = 50
CELL = (CHART_SIZE - 2 * CHART_MARGIN) / 5
# Stakeholders on the same square sit side by side, this far apart, at most PER_ROW a row.
SPREAD = 20
PER_ROW = 3


@dataclass
class ChartPoint:
    kind: str
    kind_label: str
    name: str
    power: int
    interest: int
    notes: str = ""
    # Each dot carries its number, which the table beside the chart repeats: names would
    # overlap where several stakeholders share a square.
    number: int = 0
    x: float = 0
    y: float = 0


@dataclass
class Chart:
    """The chart's geometry, in the SVG's user units; its template only places what this
    computes."""

    points: list[ChartPoint]
    ticks: list[dict] = field(default_factory=list)
    size: int = CHART_SIZE
    margin: int = CHART_MARGIN
    inner: int = CHART_SIZE - 2 * CHART_MARGIN
    middle: float = CHART_SIZE / 2
    far: int = CHART_SIZE - CHART_MARGIN
    tick_row: int = CHART_SIZE - CHART_MARGIN + 18
    tick_column: int = CHART_MARGIN - 14
    axis_row: int = CHART_SIZE - 8


def chart_position(*, power: int, interest: int) -> tuple[float, float]:
    """Where a stakeholder sits: interest along the horizontal axis (low to high, left to
    right, in every language: a chart's axes are not text), power up the vertical axis."""
    x = CHART_MARGIN + (interest - 0.5) * CELL
    y = CHART_SIZE - CHART_MARGIN - (power - 0.5) * CELL
    return round(x, 1), round(y, 1)


def stakeholder_chart(stakeholders: list[dict]) -> Chart:
    labels = dict(StakeholderKind.choices)
    points = [
        ChartPoint(
            kind=row["kind"],
            kind_label=str(labels.get(row["kind"], row["kind"])),
            name=row["name"],
            power=row["power"],
            interest=row["interest"],
            notes=row.get("notes", ""),
        )
        for row in stakeholders
    ]
    squares: dict[tuple[int, int], list[ChartPoint]] = {}
    for number, point in enumerate(points, start=1):
        point.number = number
        squares.setdefault((point.power, point.interest), []).append(point)
    for (power, interest), together in squares.items():
        x, y = chart_position(power=power, interest=interest)
        rows = (len(together) + PER_ROW - 1) // PER_ROW
        for index, point in enumerate(together):
            row, column = divmod(index, PER_ROW)
            in_row = min(PER_ROW, len(together) - row * PER_ROW)
            point.x = round(x + (column - (in_row - 1) / 2) * SPREAD, 1)
            point.y = round(y + (row - (rows - 1) / 2) * SPREAD, 1)
    ticks = [
        {
            "value": value,
            "x": chart_position(power=1, interest=value)[0],
            "y": chart_position(power=value, interest=1)[1],
        }
        for value in range(1, 6)
    ]
    return Chart(points=points, ticks=ticks)


# --- what a page shows ------------------------------------------------------------------------


def plan_shown(snapshot: dict) -> dict:
    """A snapshot (the live plan's or a version's) with the labels and the chart a page
    shows, so the current plan and an earlier version are shown the same way."""
    goal_labels = dict(GoalStatus.choices)
    return {
        "data": snapshot,
        "chart": stakeholder_chart(snapshot.get("stakeholders", [])),
        "stakeholders": [
            {**row, "kind_label": dict(StakeholderKind.choices).get(row["kind"], row["kind"])}
            for row in snapshot.get("stakeholders", [])
        ],
        "goals": [
            {**row, "status_label": goal_labels.get(row["status"], row["status"])}
            for row in snapshot.get("goals", [])
        ],
        "steps": [
            {
                **row,
                "who": step_who(row),
                "on": _date(row.get("date")),
                "due": _date(row.get("due_on")),
            }
            for row in snapshot.get("steps", [])
        ],
    }


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def plan_versions(plan: StrategicPlan) -> list[PlanVersion]:
    return list(plan.versions.select_related("saved_by").defer("snapshot").order_by("-number"))


def plan_version(plan: StrategicPlan, number: int) -> PlanVersion | None:
    return plan.versions.select_related("saved_by").filter(number=number).first()


# --- the public parts -------------------------------------------------------------------------

# The public sections read the plans' tables, which move the "campaigns" version.
PUBLIC_VERSIONS = ("campaigns",)


def _public_parts(kind: str, owner_id: int) -> dict | None:
    plan = StrategicPlan.objects.filter(**{f"{kind}_id": owner_id}).first()
    if plan is None:
        return None
    parts: dict = {"language": plan.language}
    if plan.publish_analysis and (plan.situation or plan.weak_points or plan.strengths):
        parts["analysis"] = {
            "situation": plan.situation,
            "weak_points": plan.weak_points,
            "strengths": plan.strengths,
        }
    if plan.publish_stakeholders:
        # Names, kinds and places on the chart; never the notes.
        rows = [
            {"kind": kind_, "name": name, "power": power, "interest": interest}
            for kind_, name, power, interest in plan.stakeholders.order_by("id").values_list(
                "kind", "name", "power", "interest"
            )
        ]
        if rows:
            parts["stakeholders"] = rows
            parts["chart"] = stakeholder_chart(rows)
    if plan.publish_goals:
        labels = dict(GoalStatus.choices)
        goals = [
            {"text": text, "status": status, "status_label": labels.get(status, status)}
            for text, status in plan.goals.order_by("id").values_list("text", "status")
        ]
        if goals:
            parts["goals"] = goals
    if plan.publish_steps:
        # What and when, and whether done; never who.
        steps = [
            {"position": position, "date": date, "action": action, "done": done}
            for position, date, action, done in plan.steps.order_by(
                "position", "date", "id"
            ).values_list("position", "date", "action", "done")
        ]
        if steps:
            parts["steps"] = steps
    return parts if len(parts) > 1 else None


def plan_public_parts(owner) -> dict | None:
    """What the coordinators published of the owner's plan, kept under the data version so a
    public page pays no query for it once built; None when nothing is published."""
    from picketline.core.versions import cached_under

    kind = owner_kind(owner)
    return cached_under(
        f"plan-public:{kind}:{owner.pk}",
        names=PUBLIC_VERSIONS,
        build=lambda: _public_parts(kind, owner.pk),
    )
