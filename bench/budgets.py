"""Budgets in one form, for `bench/results.json` and `bench/check_budgets.py`.

Every bench step's result (the JSON line it emits) carries `"budgets"`: a list of records

    {"name": "rsvp.ratio", "value": 0.42, "unit": "x", "budget": 0.3, "met": true,
     "database": "postgresql"}

`name` is stable (scripts check it), `budget` is the limit as the issue or DESIGN.md states it,
`met` is decided by the step that measured it (it knows whether less or more is better), and
`database` is "sqlite", "postgresql" or None when the measure does not depend on one.
`make bench` (bench/run.py) gathers every step's records under the top-level key "budgets".
"""

import math

DATABASES = {"sqlite": "sqlite", "postgres": "postgresql", "postgresql": "postgresql"}
FIELDS = ("name", "value", "unit", "budget", "met", "database")


def _number(value: float) -> float | None:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    return round(float(value), 3)


def budget_at_least(name: str, value: float, budget: float, *, unit: str, database) -> dict:
    """A budget met when `value` reaches `budget` (ratios, rates)."""
    return _record(name, value, budget, unit, database, met=value is not None and value >= budget)


def budget_below(name: str, value: float, budget: float, *, unit: str, database) -> dict:
    """A budget met when `value` stays under `budget` (times, sizes)."""
    return _record(name, value, budget, unit, database, met=value is not None and value < budget)


def _record(name, value, budget, unit, database, *, met: bool) -> dict:
    return {
        "name": name,
        "value": _number(value),
        "unit": unit,
        "budget": budget,
        "met": bool(met),
        "database": DATABASES.get(database, database),
    }


def budgets_gather(steps) -> list[dict]:
    """Every budget record of the steps' results, in order, each with exactly FIELDS.

    A step that failed or was skipped has none; a record missing a field is kept with the
    field None and `met` false, so a broken record shows up as a missed budget.
    """
    gathered = []
    for step in steps:
        for record in (step or {}).get("budgets") or []:
            row = {field: record.get(field) for field in FIELDS}
            row["met"] = row["met"] is True
            gathered.append(row)
    return gathered
