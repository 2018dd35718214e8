"""What plans hold about a person, for their own export and erasure: the steps given to their
account and the versions they saved. Erasing leaves the steps unassigned and the versions
unsigned, in the versions' snapshots too; the plans stay, as the committee's work."""

from django.utils.translation import gettext_lazy as _

from picketline.accounts.personal_data import personal_data_register
from picketline.campaigns.plans.models import EscalationStep, PlanVersion

# Versions are read this many at a time when a person's name is taken out of their snapshots.
CHUNK = 500


def plans_export(user) -> list[dict]:
    steps = EscalationStep.objects.filter(assignee=user).select_related(
        "plan__campaign", "plan__dispute"
    )
    versions = PlanVersion.objects.filter(saved_by=user).select_related(
        "plan__campaign", "plan__dispute"
    )
    return [
        {
            "plan of": str(step.plan.owner),
            "step": step.action,
            "date": step.date.isoformat(),
            "due": step.due_on.isoformat() if step.due_on else None,
            "done": step.done,
        }
        for step in steps.order_by("date", "id")
    ] + [
        {
            "plan of": str(version.plan.owner),
            "version saved": version.number,
            "at": version.saved_at.isoformat(),
        }
        for version in versions.defer("snapshot").order_by("saved_at", "id")
    ]


def _scrubbed(snapshot: dict, user_id: int) -> bool:
    changed = False
    for step in snapshot.get("steps", []):
        if step.get("assignee_id") == user_id:
            step.update({"assignee_id": None, "assignee": ""})
            changed = True
    return changed


def plans_erase(user) -> None:
    EscalationStep.objects.filter(assignee=user).update(assignee=None)
    PlanVersion.objects.filter(saved_by=user).update(saved_by=None)
    # A snapshot names the accounts its steps were given to; a JSON query for that differs
    # between SQLite and PostgreSQL, and erasures are rare, so every version is looked at.
    found = []
    for version in PlanVersion.objects.only("id", "snapshot").iterator(chunk_size=CHUNK):
        if _scrubbed(version.snapshot, user.pk):
            found.append(version)
    PlanVersion.objects.bulk_update(found, ["snapshot"], batch_size=CHUNK)


def register() -> None:
    personal_data_register(
        "plans",
        label=_("Steps of strategic plans given to you, and versions you saved"),
        export=plans_export,
        erase=plans_erase,
    )
