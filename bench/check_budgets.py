"""Reads bench/results.json and lists every budget not met; exits non-zero when any is missed.

    .venv/bin/python bench/check_budgets.py [path/to/results.json]

For people after `make bench`, not for CI: timings on a shared machine are noisy. A results
file without budgets counts as a failure too (the bench did not gather them).
"""

import json
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent / "results.json"


def _line(record: dict) -> str:
    database = f" ({record['database']})" if record.get("database") else ""
    return (
        f"{record.get('name')}{database}: {record.get('value')} {record.get('unit') or ''} "
        f"(budget {record.get('budget')})"
    )


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    try:
        budgets = json.loads(path.read_text()).get("budgets")
    except (OSError, ValueError) as error:
        print(f"cannot read {path}: {error}", file=sys.stderr)
        return 2
    if not budgets:
        print(f"{path} holds no budgets: run `make bench` first", file=sys.stderr)
        return 2
    missed = [record for record in budgets if record.get("met") is not True]
    for record in missed:
        print(f"MISSED {_line(record)}")
    print(f"{len(budgets) - len(missed)} of {len(budgets)} budgets met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
