"""Every public page, in-process, on the seeded bench registry of one database.

    .venv/bin/python bench/public_pages.py --db sqlite|postgres [--runs 30]

Through Django's test client as an anonymous reader, after two warm-up requests per page (the
per-process caches of a running site are warm too): the map page, the list unfiltered and
filtered, the dispute with 10,000 messages (`bench/pages_data.py`), a local event of the day of
action, that day's page with its 5,000 local events, and the organisation page of the union with
the most disputes. Reported per page: median, p95 and the largest query count over the runs.

Budget: every page's median under 25 ms, on each database.
"""

import argparse
import os
import sys

from benchlib import Unavailable, emit, ensure_seeded, log, setup_django, stats, timed

RUNS = 30
WARM_UP = 2
BUDGET_MS = 25.0
FILTERED_QUERY = "?status=active&kind=strike&country=FR"
# (budget name, label): the order of the table.
PAGES = (
    ("page.map_ms", "the map (`disputes:map`)"),
    ("page.list_ms", "the list (`disputes:list`)"),
    ("page.list_filtered_ms", f"the list, filtered (`{FILTERED_QUERY}`)"),
    ("page.dispute_ms", "a dispute with 10,000 messages (`disputes:detail`)"),
    ("page.event_ms", "an event (`events:detail`)"),
    ("page.day_ms", "a day of action with 5,000 local events (`events:day_of_action`)"),
    ("page.organisation_ms", "an organisation (`organisations:detail`)"),
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    # Pages render templates: serve static names as they are, without collectstatic's manifest.
    os.environ["STATIC_PLAIN"] = "1"
    try:
        setup_django(args.db)
    except Unavailable as reason:
        emit({"db": args.db, "skipped": str(reason)})
        return
    seeding = ensure_seeded(args.db)
    result = run(args.db, args.runs)
    result["seeding"] = seeding
    emit(result)


def urls() -> dict[str, str]:
    from django.urls import reverse
    from pages_data import pages_fixture

    fixture = pages_fixture()
    return {
        "page.map_ms": reverse("disputes:map"),
        "page.list_ms": reverse("disputes:list"),
        "page.list_filtered_ms": reverse("disputes:list") + FILTERED_QUERY,
        "page.dispute_ms": fixture["dispute"].get_absolute_url(),
        "page.event_ms": fixture["event"].get_absolute_url(),
        "page.day_ms": fixture["day"].get_absolute_url(),
        "page.organisation_ms": fixture["organisation"].get_absolute_url(),
    }


def measure(client, url: str, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        client.get(url)
    seconds, queries = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            elapsed, response = timed(client.get, url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        seconds.append(elapsed)
        queries.append(len(captured))
    return {
        "url": url,
        **stats(seconds),
        "queries_max": max(queries),
        "bytes": len(response.content),
    }


def run(db: str, runs: int) -> dict:
    from django.db import connection
    from django.test import Client

    from picketline.disputes.models import Dispute

    client = Client()
    pages = {}
    for name, url in urls().items():
        log(f"{db}: {url}")
        pages[name] = measure(client, url, runs)
    database = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    budgets = [
        {
            "name": name,
            "value": page["median_ms"],
            "unit": "ms",
            "budget": BUDGET_MS,
            "met": page["median_ms"] < BUDGET_MS,
            "database": database,
        }
        for name, page in pages.items()
    ]
    return {
        "db": db,
        "database": database,
        "server_version": _server_version(),
        "disputes": Dispute.objects.count(),
        "runs": runs,
        "pages": pages,
        "budgets": budgets,
    }


def _server_version() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return "PostgreSQL " + cursor.fetchone()[0]
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


def markdown_section(results: dict[str, dict]) -> list[str]:
    """The section of bench/RESULTS.md: one table per page, both databases side by side."""
    lines = [
        "## Public pages",
        "",
        "In-process through Django's test client as an anonymous reader, on the 100,000-dispute "
        "bench registry, after two warm-up requests per page. Budget: median < 25 ms on each "
        "database, with a query count that does not grow with the data (pinned in the tests).",
        "",
    ]
    for db, r in results.items():
        if "skipped" in r or "error" in r:
            lines += [f"{db}: not run: {r.get('skipped') or r.get('error')}", ""]
    measured = {db: r for db, r in results.items() if "pages" in r}
    for name, label in PAGES:
        lines += [f"### {label}", ""]
        lines += ["| database | runs | median ms | p95 ms | queries | budget |"]
        lines += ["| --- | ---: | ---: | ---: | ---: | --- |"]
        for r in measured.values():
            page = r["pages"][name]
            verdict = "met" if page["median_ms"] < BUDGET_MS else "**MISSED**"
            lines.append(
                f"| {r['server_version']} | {page['n']} | {page['median_ms']:.2f} | "
                f"{page['p95_ms']:.2f} | {page['queries_max']} | {verdict} |"
            )
        lines.append("")
    return lines


if __name__ == "__main__":
    sys.exit(main())
