"""`bench/faults.py`: kill every database connection of gunicorn under load, a few times.

Runs tests/core/faults_harness.py on a scratch PostgreSQL database (BENCH_FAULTS_DATABASE,
default picketline_faults on BENCH_POSTGRES_URL's server) twice: with connections kept between
requests (DATABASE_CONN_MAX_AGE=60, as production would) and with a new connection per request
(the default, 0). Reports requests, errors around the kills, seconds to recovery and how many
acknowledged writes were found; writes its section of bench/RESULTS.md and bench/results.json.

    .venv/bin/python bench/faults.py [--seconds 30] [--kills 4] [--workers 4] [--clients 8]
"""

import argparse
import datetime as dt
import os
import sys
from urllib.parse import urlsplit, urlunsplit

from benchlib import DATA_DIR, DEFAULT_POSTGRES_URL, PROTECTED_DATABASES, ROOT, emit, log
from results import record

sys.path.insert(0, str(ROOT))
from tests.core.faults_harness import run_faults


def markdown(runs: dict[str, dict], options: argparse.Namespace) -> str:
    lines = [
        "## Faults: database connections killed under load (PostgreSQL)",
        "",
        f"`bench/faults.py` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M UTC}: gunicorn with "
        f"{options.workers} workers on a scratch database with the demo data, {options.clients} "
        f"clients for {options.seconds:.0f} s reading the dispute page and the API and writing "
        "solidarity messages (API), RSVPs (API) and pledges (the fund page's form). Every "
        f"connection of the site was terminated {options.kills} times with "
        "`pg_terminate_backend`, then once more with every worker idle. Acknowledged: a 2xx or "
        "3xx answer. Recovery: from a kill to the first success started after it.",
        "",
        "| | CONN_MAX_AGE=60 | CONN_MAX_AGE=0 |",
        "| --- | ---: | ---: |",
    ]
    rows = [
        ("requests (per second)", lambda s: f"{s['requests']} ({s['requests_per_second']}/s)"),
        (
            "connections terminated per kill",
            lambda s: ", ".join(map(str, s["connections_terminated"])),
        ),
        ("errors: in flight at a kill", lambda s: s["errors_in_flight_at_a_kill"]),
        ("errors: no kill explains", lambda s: s["errors_no_kill_explains"]),
        (
            "seconds to recovery (each kill)",
            lambda s: ", ".join(f"{x:.2f}" for x in s["recovery_seconds"]),
        ),
        (
            "requests after the idle kill: failed",
            lambda s: f"{s['idle_kill_errors']} of {s['idle_kill_requests']}",
        ),
        (
            "acknowledged writes found",
            lambda s: f"{s['acknowledged_writes_found']} / {s['acknowledged_writes']}",
        ),
        ("writes refused (5xx) but stored", lambda s: s["unacknowledged_writes_stored"]),
        ("same gunicorn workers throughout", lambda s: "yes" if s["workers_unchanged"] else "no"),
    ]
    for label, value in rows:
        cells = [str(value(runs[key])) if key in runs else "not run" for key in ("60", "0")]
        lines.append(f"| {label} | {cells[0]} | {cells[1]} |")
    lines += [
        "",
        "The requests that fail are those whose connection was killed while they ran; Django "
        "closes that connection when the request ends, and `CONN_HEALTH_CHECKS` (always on) "
        "replaces a dead kept connection before the next request uses it, so no worker is "
        "restarted and an idle worker's next request does not fail.",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--kills", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=8)
    options = parser.parse_args()
    base = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    name = os.environ.get("BENCH_FAULTS_DATABASE", "picketline_faults")
    if name in PROTECTED_DATABASES:
        raise SystemExit(f"BENCH_FAULTS_DATABASE names {name!r}; use a database of its own")
    server = urlunsplit(urlsplit(base)._replace(path="/postgres"))
    DATA_DIR.mkdir(exist_ok=True)
    runs = {}
    for age, keep in ((60, True), (0, False)):
        report = run_faults(
            server_url=server,
            name=name,
            workers=options.workers,
            clients=options.clients,
            seconds=options.seconds,
            kills=options.kills,
            conn_max_age=age,
            keep_database=keep,
            log_path=DATA_DIR / f"faults-gunicorn-{age}.log",
            log=log,
        )
        runs[str(age)] = report.summary()
        log(f"CONN_MAX_AGE={age}: {runs[str(age)]}")
    record("faults", {"options": vars(options), "runs": runs}, markdown(runs, options))
    emit({"faults": runs})
    lost = any(r["acknowledged_writes_found"] != r["acknowledged_writes"] for r in runs.values())
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
