"""Plans for the tests: a campaign with a coordinator (two factors) and a whole plan, and the
edit page's form as a browser posts it."""

import datetime as dt

from picketline.campaigns.plans.services import plan_save
from tests import factories
from tests.campaigns.helpers import make_campaign

STAKEHOLDERS = [
    {
        "kind": "employer",
        "name": "Aurora Motors",
        "notes": "Board meets monthly",
        "power": 5,
        "interest": 1,
    },
    {"kind": "media", "name": "Daily Courier", "notes": "", "power": 3, "interest": 4},
]
GOALS = [{"text": "Recognition in every plant", "status": "open"}]
STEPS = [
    {
        "position": 1,
        "date": dt.date(2027, 3, 1),
        "action": "Leaflet the shareholders' meeting",
        "assignee_name": "Ana",
        "due_on": dt.date(2027, 2, 20),
        "done": False,
    },
]


def coordinator_of(owner, username=None):
    user = factories.make_user(**({"username": username} if username else {}))
    factories.make_totp_device(user)
    owner.coordinators.add(user)
    return user


def campaign_with_coordinator():
    campaign = make_campaign(title="Aurora car workers")
    return campaign, coordinator_of(campaign)


def whole_plan(owner, *, by=None, **fields):
    values = {
        "language": "en",
        "situation": "Plants in five countries",
        "weak_points": "Just-in-time supply",
        "strengths": "Solid in the paint shops",
        "stakeholders": STAKEHOLDERS,
        "goals": GOALS,
        "steps": STEPS,
    }
    values.update(fields)
    return plan_save(owner=owner, by=by, **values)


def _rows(prefix: str, rows: list[dict], fields: tuple[str, ...]) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for field in fields:
            value = row.get(field, "")
            if value is True:
                value = "on"
            elif value is False or value is None:
                continue
            data[f"{prefix}-{index}-{field}"] = str(value)
    return data


def edit_post(
    *,
    version=0,
    language="en",
    situation="",
    weak_points="",
    strengths="",
    publish=(),
    stakeholders=(),
    goals=(),
    steps=(),
) -> dict:
    data = {
        "version": str(version),
        "language": language,
        "situation": situation,
        "weak_points": weak_points,
        "strengths": strengths,
        **{f"publish_{part}": "on" for part in publish},
    }
    data |= _rows(
        "stakeholders", list(stakeholders), ("kind", "name", "notes", "power", "interest", "DELETE")
    )
    data |= _rows("goals", list(goals), ("text", "status", "DELETE"))
    data |= _rows(
        "steps",
        list(steps),
        ("position", "date", "action", "assignee_name", "assignee", "due_on", "done", "DELETE"),
    )
    return data
