"""`make bench-load`: many people at once on gunicorn with 4 workers, on PostgreSQL, with locust.

A database of its own (BENCH_LOAD_DATABASE, default picketline_load, on BENCH_POSTGRES_URL's
server) holds `picketline seed --disputes N` (20,000 by default; rebuilt only when that count is
not what it holds). Each run adds one event with a capacity and accounts with API tokens for the
RSVP burst, and removes them again. Supporters (bench/locustfile.py) browse the map page and its
data, the list, the nearest search and dispute pages while the burst answers the event.
Per endpoint: requests, requests/s, p50, p99 and failures, into bench/RESULTS.md and
bench/results.json. Afterwards the event must hold exactly as many RSVPs as were acknowledged,
with never more confirmed places than its capacity.

    .venv/bin/python bench/load.py [--disputes 20000] [--users 40] [--seconds 60]
"""

import argparse
import csv
import datetime as dt
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from benchlib import (
    DATA_DIR,
    DEFAULT_POSTGRES_URL,
    PROTECTED_DATABASES,
    ROOT,
    STATIC_ROOT,
    bench_env,
    emit,
    log,
)
from results import record

PREFIX = "bench-load"
TARGETS = DATA_DIR / "load-targets.json"
ACKNOWLEDGED = DATA_DIR / "load-acknowledged.json"


def database_url() -> str:
    base = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    name = os.environ.get("BENCH_LOAD_DATABASE", "picketline_load")
    if name in PROTECTED_DATABASES:
        raise SystemExit(f"BENCH_LOAD_DATABASE names {name!r}; use a database of its own")
    return urlunsplit(urlsplit(base)._replace(path=f"/{name}"))


def rate_limit_variables() -> list[str]:
    """Every rate limit's environment variable, as the settings name them."""
    from picketline.settings import RATE_LIMIT_VARIABLES

    return [variable for variable, _default in RATE_LIMIT_VARIABLES.values()]


def site_env(url: str) -> dict[str, str]:
    env = bench_env("postgres")
    env.update(
        DATABASE_URL=url,
        DATABASE_CONN_MAX_AGE="60",
        EMAIL_URL="dummy://",
    )
    # One client address sends everything; the limits are not what is measured.
    env.update(dict.fromkeys(rate_limit_variables(), "1000000/minute"))
    return env


# --- inside Django (this file run with --inside STEP, DATABASE_URL set) -------------------


def inside(step: str, options: dict) -> dict:
    import django

    django.setup()
    if step == "count":
        from picketline.disputes.models import Dispute

        return {"seeded": Dispute.objects.filter(source_key__startswith="seed:").count()}
    if step == "setup":
        _clean()
        return _setup(**options)
    if step == "verify":
        result = _verify(options["event"], options["capacity"], options["acknowledged"])
        _clean()
        return result
    raise SystemExit(f"unknown step {step}")


def _clean() -> None:
    from events_data import bench_rows_remove

    bench_rows_remove(
        slug_prefix=PREFIX, username_prefix=f"{PREFIX}-", email_domain=f"@{PREFIX}.example.org"
    )


def _setup(*, accounts: int, capacity: int) -> dict:
    import random

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from picketline.accounts.services import api_token_create
    from picketline.disputes.models import Dispute, Site
    from picketline.events.models import Event

    rng = random.Random(1)
    starts_at = timezone.now().replace(microsecond=0) + dt.timedelta(days=10)
    event = Event.objects.create(
        title="Load test rally",
        slug=f"{PREFIX}-rally",
        organiser_name="Load test organisers",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=2),
        timezone="Europe/London",
        venue="Trades Hall",
        locality="Leeds",
        country="GB",
        latitude=53.8,
        longitude=-1.55,
        capacity=capacity,
        published_at=timezone.now(),
    )
    users = get_user_model()
    users.objects.bulk_create(
        [
            users(
                username=f"{PREFIX}-{n}",
                email=f"person{n}@{PREFIX}.example.org",
                first_name=f"Person {n}",
                password="!",
            )
            for n in range(accounts)
        ],
        batch_size=1000,
    )
    tokens = [
        [user.username, api_token_create(user=user, name="load")[1]]
        for user in users.objects.filter(username__startswith=f"{PREFIX}-").order_by("pk")
    ]
    public = Dispute.objects.filter(source_key__startswith="seed:", status__in=["active"])
    slugs = list(public.order_by("?").values_list("slug", flat=True)[:500])
    sites = list(
        Site.objects.filter(dispute__in=public)
        .order_by("?")
        .values_list("public_latitude", "public_longitude")[:400]
    )
    points = [[float(lat), float(lon)] for lat, lon in sites if lat is not None]
    points += [[rng.uniform(-50, 65), rng.uniform(-120, 140)] for _ in range(100)]
    return {
        "event": event.slug,
        "capacity": capacity,
        "tokens": tokens,
        "disputes": [f"/disputes/{slug}/" for slug in slugs],
        "points": points,
    }


def _verify(slug: str, capacity: int, acknowledged: list[str]) -> dict:
    from django.db.models import Count

    from picketline.events.models import Event

    event = Event.objects.get(slug=slug)
    by_status = dict(
        event.rsvps.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    stored = set(event.rsvps.values_list("user__username", flat=True))
    return {
        "rsvps": sum(by_status.values()),
        "by_status": by_status,
        "capacity": capacity,
        "acknowledged_missing": sorted(set(acknowledged) - stored),
    }


# --- outside: the database, gunicorn, locust ----------------------------------------------


def run_inside(step: str, env: dict, *, quiet: bool = False, **options) -> dict:
    completed = subprocess.run(
        [sys.executable, __file__, "--inside", step, "--options", json.dumps(options)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL if quiet else None,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"step {step} failed")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def picketline(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, "-m", "picketline.cli", *args], env=env, cwd=ROOT, check=True)


def ensure_database(url: str, disputes: int) -> float:
    """The seeded database, built when it does not hold exactly `disputes`; seconds spent."""
    import psycopg

    env = site_env(url)
    name = urlsplit(url).path.lstrip("/")
    server = urlunsplit(urlsplit(url)._replace(path="/postgres")).replace(
        "postgres://", "postgresql://", 1
    )
    try:
        if run_inside("count", env, quiet=True)["seeded"] == disputes:
            log(f"{name} already holds {disputes} seeded disputes; migrating it to this code")
            picketline("migrate", "--no-input", "--verbosity", "0", env=env)
            return 0.0
    except RuntimeError:
        pass
    started = time.perf_counter()
    log(f"building {name}: migrate, seed --disputes {disputes}")
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    picketline("migrate", "--no-input", "--verbosity", "0", env=env)
    picketline("seed", "--disputes", str(disputes), "--seed", "1", env=env)
    return time.perf_counter() - started


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(env: dict, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_file = open(DATA_DIR / "load-gunicorn.log", "w")  # noqa: SIM115 (lives with gunicorn)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "picketline.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "120",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log_file,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                return process, url
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError("gunicorn did not start; see bench/.data/load-gunicorn.log")


def warm_up(url: str, targets: dict, workers: int) -> None:
    """Each worker's cache holds the map data before the clock starts, as on a live site."""
    for _ in range(workers * 3):
        for path in ("/", "/disputes.geojson", "/disputes/", targets["disputes"][0]):
            with urllib.request.urlopen(url + path, timeout=120) as answer:
                answer.read()


ALONE = {
    "map page": lambda t: "/",
    "map data (/disputes.geojson)": lambda t: "/disputes.geojson",
    "list (/disputes/)": lambda t: "/disputes/",
    "nearest (/api/v1/disputes?near=…)": lambda t: (
        "/api/v1/disputes?near={:.4f},{:.4f}&radius_km=50".format(*t["points"][0])
    ),
    "dispute page": lambda t: t["disputes"][1],
}


def one_at_a_time(url: str, targets: dict, runs: int = 7) -> dict[str, float]:
    """Each page's median time with nothing else asked of the site: its service time, to
    tell apart from the waiting under load."""
    medians = {}
    for name, path in ALONE.items():
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            with urllib.request.urlopen(url + path(targets), timeout=120) as answer:
                answer.read()
            times.append((time.perf_counter() - started) * 1000)
        medians[name] = round(sorted(times)[len(times) // 2], 1)
    return medians


def run_locust(url: str, env: dict, *, users: int, rate: float, seconds: int) -> list[dict]:
    prefix = DATA_DIR / "load"
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(Path(__file__).with_name("locustfile.py")),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(rate),
        "--run-time",
        f"{seconds}s",
        "--host",
        url,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]
    subprocess.run(command, env=env, cwd=ROOT, check=True)
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return list(csv.DictReader(stats))


def endpoint_rows(stats: list[dict]) -> list[dict]:
    rows = []
    for row in stats:
        rows.append(
            {
                "endpoint": row["Name"] if row["Name"] != "Aggregated" else "all",
                "method": row["Type"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "requests_per_second": round(float(row["Requests/s"]), 1),
                "p50_ms": float(row["50%"]),
                "p99_ms": float(row["99%"]),
                "max_ms": round(float(row["Max Response Time"]), 0),
            }
        )
    return rows


def markdown(data: dict) -> str:
    o = data["options"]
    lines = [
        "## Load: gunicorn under many users (PostgreSQL, locust)",
        "",
        f"`make bench-load` (bench/load.py) on {data['date']}: gunicorn with {o['workers']} "
        f"workers (`DATABASE_CONN_MAX_AGE=60`) on PostgreSQL with {o['disputes']:,} seeded "
        f"disputes; locust (headless, on the same machine) with {o['users']} users for "
        f"{o['seconds']} s: {o['users'] - o['rsvp_users']} supporters browsing (0.5 to 1.5 s "
        f"between requests) and {o['rsvp_users']} answering one event of {o['capacity']} "
        f"places with {o['accounts']} accounts as fast as they can. Machine: {data['machine']}.",
        "",
        "| endpoint | requests | req/s | p50 ms | p99 ms | failures | alone, p50 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in data["endpoints"]:
        name = "**all**" if row["endpoint"] == "all" else f"{row['method']} {row['endpoint']}"
        alone = data["one_at_a_time_p50_ms"].get(row["endpoint"], "")
        lines.append(
            f"| {name} | {row['requests']:,} | {row['requests_per_second']} | "
            f"{row['p50_ms']:.0f} | {row['p99_ms']:.0f} | {row['failures']} | {alone} |"
        )
    lines += [
        "",
        "*Alone*: the same page asked 7 times one after the other before the load, with nothing "
        "else running on the site: the time it takes to serve. Under load the difference is "
        "time spent waiting for a free worker.",
    ]
    r = data["rsvps"]
    stored = (
        "Every acknowledged RSVP is stored"
        if not r["acknowledged_missing"]
        else f"**{r['acknowledged_missing']} acknowledged RSVPs are missing**"
    ) + (
        f"; {r['stored'] - r['acknowledged']} more were answered while locust stopped, mid-request."
        if r["stored"] > r["acknowledged"]
        else "."
    )
    lines += [
        "",
        f"RSVP burst: {r['acknowledged']} answers acknowledged, {r['stored']} RSVPs stored "
        f"({', '.join(f'{n} {s}' for s, n in sorted(r['by_status'].items()))}); capacity "
        f"{r['capacity']}: {'never exceeded' if r['within_capacity'] else '**EXCEEDED**'}. "
        + stored,
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--disputes", type=int, default=20_000)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--rsvp-users", type=int, default=8)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--accounts", type=int, default=600)
    parser.add_argument("--capacity", type=int, default=300)
    parser.add_argument("--inside")
    parser.add_argument("--options", default="{}")
    options = parser.parse_args()
    if options.inside:
        print(json.dumps(inside(options.inside, json.loads(options.options))))
        return 0
    DATA_DIR.mkdir(exist_ok=True)
    url = database_url()
    env = site_env(url)
    build_seconds = ensure_database(url, options.disputes)
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    picketline("collectstatic", "--no-input", "--verbosity", "0", env=env)
    targets = run_inside("setup", env, accounts=options.accounts, capacity=options.capacity)
    ACKNOWLEDGED.unlink(missing_ok=True)
    TARGETS.write_text(json.dumps(targets))
    process, site = start_gunicorn(env, options.workers)
    try:
        log(f"gunicorn at {site}; warming up")
        warm_up(site, targets, options.workers)
        alone = one_at_a_time(site, targets)
        log(f"one request at a time (median ms): {alone}")
        log(f"locust: {options.users} users for {options.seconds} s")
        locust_env = {
            **os.environ,
            "LOAD_TARGETS": str(TARGETS),
            "LOAD_ACKNOWLEDGED": str(ACKNOWLEDGED),
            "LOAD_RSVP_USERS": str(options.rsvp_users),
        }
        stats = run_locust(
            site,
            locust_env,
            users=options.users,
            rate=options.spawn_rate,
            seconds=options.seconds,
        )
    finally:
        process.terminate()
        process.wait(timeout=30)
    endpoints = endpoint_rows(stats)
    acknowledged = json.loads(ACKNOWLEDGED.read_text()) if ACKNOWLEDGED.exists() else []
    verified = run_inside(
        "verify",
        env,
        event=targets["event"],
        capacity=options.capacity,
        acknowledged=acknowledged,
    )
    burst = next(r for r in endpoints if r["endpoint"].startswith("RSVP burst"))
    confirmed = verified["by_status"].get("confirmed", 0)
    cpu = os.cpu_count()
    data = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{cpu} CPUs shared with other work, load average {os.getloadavg()[0]:.1f} "
        "at the end",
        "options": {k: v for k, v in vars(options).items() if k not in {"inside", "options"}},
        "database_build_seconds": round(build_seconds, 1),
        "endpoints": endpoints,
        "one_at_a_time_p50_ms": alone,
        "rsvps": {
            "acknowledged": len(acknowledged),
            "acknowledged_missing": len(verified["acknowledged_missing"]),
            "stored": verified["rsvps"],
            "by_status": verified["by_status"],
            "capacity": options.capacity,
            "within_capacity": confirmed <= options.capacity,
        },
    }
    record("load", data, markdown(data))
    print(markdown(data))
    emit({"load": data})
    ok = data["rsvps"]["within_capacity"] and not verified["acknowledged_missing"]
    ok = ok and len(acknowledged) == burst["requests"] - burst["failures"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
