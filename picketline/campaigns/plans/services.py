"""Writes to strategic plans. `plan_save` is the only one: a plan is saved whole (analysis,
publishing, stakeholders, goals and steps), under its row's lock, and every save keeps a
version with who saved it, when and which parts changed, and an audit entry. A save made from
a page opened at an earlier version is refused (EditConflict): two coordinators editing at
once never silently overwrite each other."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from picketline.campaigns.plans.models import (
    SCALE,
    EscalationStep,
    Goal,
    GoalStatus,
    PlanVersion,
    Stakeholder,
    StakeholderKind,
    StrategicPlan,
)
from picketline.campaigns.plans.selectors import owner_kind, plan_assignees, plan_snapshot
from picketline.core.audit import log_action
from picketline.core.conflicts import EditConflict
from picketline.core.text import plain_text

ANALYSIS = ("situation", "weak_points", "strengths")
PUBLISHING = ("publish_analysis", "publish_stakeholders", "publish_goals", "publish_steps")
PARTS = ("language", "analysis", "published", "stakeholders", "goals", "steps")


def _check_stakeholders(rows) -> list[Stakeholder]:
    made = []
    for row in rows:
        name = plain_text(row.get("name", ""))
        if not name:
            raise ValidationError({"stakeholders": _("Give every stakeholder a name.")})
        if row.get("kind") not in StakeholderKind.values:
            raise ValidationError({"stakeholders": _("Choose a kind for every stakeholder.")})
        for field in ("power", "interest"):
            if row.get(field) not in SCALE:
                raise ValidationError(
                    {"stakeholders": _("Power and interest are numbers from 1 to 5.")}
                )
        made.append(
            Stakeholder(
                kind=row["kind"],
                name=name,
                notes=plain_text(row.get("notes", "")),
                power=row["power"],
                interest=row["interest"],
            )
        )
    return made


def _check_goals(rows) -> list[Goal]:
    made = []
    for row in rows:
        text = plain_text(row.get("text", ""))
        if not text:
            raise ValidationError({"goals": _("Write every goal.")})
        status = row.get("status") or GoalStatus.OPEN
        if status not in GoalStatus.values:
            raise ValidationError({"goals": _("Choose a status for every goal.")})
        made.append(Goal(text=text, status=status))
    return made


def _check_steps(rows, *, owner) -> list[EscalationStep]:
    allowed = set(plan_assignees(owner).values_list("pk", flat=True))
    made = []
    for index, row in enumerate(rows, start=1):
        action = plain_text(row.get("action", ""))
        if not action:
            raise ValidationError({"steps": _("Say what every step is.")})
        if not isinstance(row.get("date"), dt.date):
            raise ValidationError({"steps": _("Give every step a date.")})
        account = row.get("assignee")
        name = plain_text(row.get("assignee_name", ""))
        if account is not None and name:
            raise ValidationError({"steps": _("Give a step to a name or to an account, not both.")})
        if account is not None and account.pk not in allowed:
            raise ValidationError(
                {"steps": _("A step can be given only to one of the coordinators' accounts.")}
            )
        made.append(
            EscalationStep(
                position=row.get("position") or index,
                date=row["date"],
                action=action,
                assignee_name=name,
                assignee=account,
                due_on=row.get("due_on"),
                done=bool(row.get("done")),
            )
        )
    return made


def _changed(before: dict, after: dict) -> list[str]:
    def part(snapshot, name):
        if name == "analysis":
            return [snapshot.get(key, "") for key in ANALYSIS]
        return snapshot.get(name)

    return [name for name in PARTS if part(before, name) != part(after, name)]


@transaction.atomic
def plan_save(
    *,
    owner,
    by,
    language: str,
    situation: str = "",
    weak_points: str = "",
    strengths: str = "",
    publish_analysis: bool = False,
    publish_stakeholders: bool = False,
    publish_goals: bool = False,
    publish_steps: bool = False,
    stakeholders=(),
    goals=(),
    steps=(),
    version: int | None = None,
) -> StrategicPlan:
    """Saves the owner's (a campaign's or a dispute's) plan whole, making it on the first
    save. Checks everything before it writes anything: a refused save stores nothing.

    With `version` (the plan's version when the editor's page was opened, 0 for no plan yet),
    a plan saved by someone else since then is refused with EditConflict, under the lock, and
    nothing is written: the whole plan is saved at once, so this guards its stakeholders,
    goals and steps as much as its analysis."""
    if not language:
        raise ValidationError({"language": _("Say which language the plan is written in.")})
    new_stakeholders = _check_stakeholders(stakeholders)
    new_goals = _check_goals(goals)
    new_steps = _check_steps(steps, owner=owner)

    kind = owner_kind(owner)
    plan, created = StrategicPlan.objects.get_or_create(
        **{kind: owner}, defaults={"language": language}
    )
    plan = StrategicPlan.objects.select_for_update().get(pk=plan.pk)
    if version is not None and plan.version != version:
        # Raised inside the transaction: a plan made just now by get_or_create goes too.
        raise EditConflict(
            _(
                "Someone else saved this plan after you opened it. Nothing of yours was "
                "saved: their version is shown below and your changes are still in the form. "
                "Make them again on top of theirs, then save."
            )
        )
    before = {} if created else plan_snapshot(plan)
    plan.language = language
    plan.situation = plain_text(situation)
    plan.weak_points = plain_text(weak_points)
    plan.strengths = plain_text(strengths)
    plan.publish_analysis = publish_analysis
    plan.publish_stakeholders = publish_stakeholders
    plan.publish_goals = publish_goals
    plan.publish_steps = publish_steps
    plan.version += 1
    plan.save()

    plan.stakeholders.all().delete()
    plan.goals.all().delete()
    plan.steps.all().delete()
    for rows in (new_stakeholders, new_goals, new_steps):
        for row in rows:
            row.plan = plan
    Stakeholder.objects.bulk_create(new_stakeholders)
    Goal.objects.bulk_create(new_goals)
    EscalationStep.objects.bulk_create(new_steps)

    after = plan_snapshot(plan)
    changed = list(PARTS) if created else _changed(before, after)
    PlanVersion.objects.create(
        plan=plan,
        number=plan.version,
        saved_by=by if by is not None and by.is_authenticated else None,
        changed=changed,
        snapshot=after,
    )
    log_action(
        plan,
        "plan.created" if created else "plan.saved",
        user=by,
        data={"version": plan.version, "changed": changed, kind: owner.pk},
    )
    return plan
