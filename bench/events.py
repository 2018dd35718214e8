"""Events: RSVPs and picket sign-ups under contention, and a day of action's map with 5,000
local events.

    .venv/bin/python bench/events.py --db sqlite|postgres
    .venv/bin/python bench/events.py --quick          # small data in a file of its own
    .venv/bin/python bench/events.py --db postgres --only rsvps   # no seeding, no map
    .venv/bin/python bench/events.py --db postgres --only shifts  # picket sign-ups alone

- **rsvps**: one event with capacity for half of RSVPS; RSVPS distinct accounts answer it
  through `rsvps.rsvp_create` from THREADS threads at once, each thread with its own database
  connection (on PostgreSQL; SQLite lets one writer in at a time, so there it runs in one
  thread and says so). Baseline: the same rows (account, name, email, number, status, token)
  written with plain `Rsvp.objects.create` from the same threads into a twin event: no lock, no
  capacity check, no audit entry, no email. Reference (PostgreSQL): `rsvp_create` from one
  thread, without contention. Afterwards the event must hold exactly `capacity` confirmed
  places, with queue numbers 1..capacity, and the waiting list must be numbered
  capacity+1..RSVPS with no gap. Budget (PostgreSQL, 16 threads): `rsvp.ratio`, ours ÷ plain
  inserts in RSVPs per second, at least 0.3 with the check passed (issue 15).
- **shifts**: picket sign-ups to one occurrence of a shift, the same way (`bench/shifts.py`);
  budget `shift.ratio`.
- **map**: a day of action with DAY_EVENTS local events placed at seeded sites (many towns and
  countries), written with `bulk_create`. Through Django's test client: `/events.geojson?day=…`
  first with the cache cleared, then cached, then conditional (If-None-Match → 304); the day of
  action's page; and the API list `/api/v1/events?day=…&limit=100`. Baselines: the same GeoJSON
  bytes served as a file by `django.views.static.serve` through the same middleware and test
  client, and a plain `json.dumps` of the same events' `.values()` rows as a FeatureCollection.

Bench rows (written by events_data.py and shifts.py) are removed at the end (and at the start,
after an interrupted run), so the seeded registry stays as it was. `--quick` builds a throwaway
SQLite database with 200 disputes, 80 RSVPs, 80 picket sign-ups and 500 local events, to check
that the benchmark runs.
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

import shifts
from benchlib import (
    Unavailable,
    emit,
    ensure_seeded,
    log,
    setup_django,
    setup_quick,
    stats,
    timed,
)
from budgets import budget_at_least
from contention import in_threads, slices, writers_table
from events_data import (
    EMAIL_DOMAIN,
    SEED,
    bench_event,
    bench_users,
    bench_warm_up_user,
    clean,
    day_with_events,
    plain_rows,
    values_geojson,
)

THREADS = 16
RSVPS = 800
DAY_EVENTS = 5_000
QUICK_DISPUTES = 200
QUICK_THREADS = 4
QUICK_RSVPS = 80
SIGNUPS = 800
QUICK_SIGNUPS = 80
QUICK_DAY_EVENTS = 500
RUNS = 30
COLD_RUNS = 5
WARM_UP = 3


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--quick", action="store_true", help="small data, own SQLite file")
    parser.add_argument(
        "--only",
        choices=["rsvps", "shifts", "map"],
        help="one part; rsvps or shifts alone need no seeded registry",
    )
    args = parser.parse_args()
    # Pages render templates: serve static names as they are, without collectstatic's manifest.
    os.environ["STATIC_PLAIN"] = "1"
    if args.quick:
        seeding = setup_quick("events", disputes=QUICK_DISPUTES)
        sizes = {
            "threads": QUICK_THREADS,
            "rsvps": QUICK_RSVPS,
            "signups": QUICK_SIGNUPS,
            "day_events": QUICK_DAY_EVENTS,
        }
    else:
        try:
            setup_django(args.db)
        except Unavailable as reason:
            emit({"db": args.db, "skipped": str(reason)})
            return
        if args.only in ("rsvps", "shifts"):
            from django.core.management import call_command

            call_command("migrate", verbosity=0, interactive=False)
            seeding = {"skipped": f"{args.only} only: the registry is not needed"}
        else:
            seeding = ensure_seeded(args.db)
        sizes = {
            "threads": THREADS,
            "rsvps": RSVPS,
            "signups": SIGNUPS,
            "day_events": DAY_EVENTS,
        }
    result = run("sqlite" if args.quick else args.db, only=args.only, **sizes)
    result.update(seeding=seeding, quick=args.quick)
    emit(result)


# RSVPs under contention -------------------------------------------------------------------


def queue_check(event, total: int) -> dict:
    """What the event holds after the RSVPs: never overbooked, and the queue has no gaps."""
    from picketline.events.choices import RsvpStatus
    from picketline.events.models import Rsvp
    from picketline.events.rsvps.selectors import waitlist_position

    event.refresh_from_db()
    rows = list(Rsvp.objects.filter(event=event).values_list("status", "number", "user_id"))
    confirmed = sorted(n for s, n, _u in rows if s == RsvpStatus.CONFIRMED)
    waiting = sorted(n for s, n, _u in rows if s == RsvpStatus.WAITLISTED)
    capacity = event.capacity
    last = Rsvp.objects.filter(event=event, status=RsvpStatus.WAITLISTED).order_by("number").last()
    check = {
        "rsvps": len(rows),
        "distinct_accounts": len({u for _s, _n, u in rows}),
        "capacity": capacity,
        "confirmed": len(confirmed),
        "confirmed_count_column": event.confirmed_count,
        "waitlisted": len(waiting),
        "confirmed_numbers_are_1_to_capacity": confirmed == list(range(1, capacity + 1)),
        "waiting_numbers_contiguous": waiting == list(range(capacity + 1, total + 1)),
        "last_waiting_position": waitlist_position(last) if last else None,
    }
    check["ok"] = (
        check["rsvps"] == check["distinct_accounts"] == total
        and check["confirmed"] == check["confirmed_count_column"] == capacity
        and check["waitlisted"] == total - capacity
        and check["confirmed_numbers_are_1_to_capacity"]
        and check["waiting_numbers_contiguous"]
        and check["last_waiting_position"] == total - capacity
    )
    return check


def rsvps_under_contention(db: str, threads: int, total: int) -> dict:
    from django.db import connection

    from picketline.events.models import Rsvp
    from picketline.events.rsvps.services import rsvp_create

    threads = threads if connection.vendor == "postgresql" else 1
    capacity = total // 2
    users = bench_users(total)
    ours_event = bench_event("rsvp-ours", capacity)
    plain_event = bench_event("rsvp-plain", capacity)
    serial_event = bench_event("rsvp-serial", capacity)

    # The first RSVP of the process loads templates and the time zone data: not timed.
    rsvp_create(event=bench_event("rsvp-warm-up", 1), user=bench_warm_up_user())
    log(f"rsvps: {total} accounts answer one event of {capacity} places from {threads} threads")
    shuffled = users[:]
    random.Random(SEED).shuffle(shuffled)
    ours_wall, ours_latency = in_threads(
        lambda user: rsvp_create(event=ours_event, user=user), slices(shuffled, threads)
    )
    check = queue_check(ours_event, total)
    log(f"rsvps: check {json.dumps(check)}")
    if not check["ok"]:
        raise SystemExit(f"RSVP check failed: {check}")

    log("rsvps: the same rows with plain inserts (baseline)")
    rows = plain_rows(plain_event, shuffled, capacity)
    plain_wall, plain_latency = in_threads(
        lambda fields: Rsvp.objects.create(**fields), slices(rows, threads)
    )
    if Rsvp.objects.filter(event=plain_event).count() != total:
        raise SystemExit("baseline: not every row was written")

    serial = None
    if threads > 1:
        log("rsvps: rsvp_create from one thread (reference, no contention)")
        serial_wall, serial_latency = in_threads(
            lambda user: rsvp_create(event=serial_event, user=user), [shuffled]
        )
        serial = {
            "seconds": round(serial_wall, 3),
            "per_second": total / serial_wall,
            "latency": stats(serial_latency),
            "ok": queue_check(serial_event, total)["ok"],
        }
    return {
        "threads": threads,
        "single_thread_because": (
            "" if threads > 1 else "SQLite lets one writer in at a time: run in one thread"
        ),
        "rsvps": total,
        "capacity": capacity,
        "ours": {
            "seconds": round(ours_wall, 3),
            "per_second": total / ours_wall,
            "latency": stats(ours_latency),
        },
        "plain": {
            "seconds": round(plain_wall, 3),
            "per_second": total / plain_wall,
            "latency": stats(plain_latency),
        },
        "serial": serial,
        "ratio_plain_over_ours": (total / plain_wall) / (total / ours_wall),
        "ratio_ours_over_plain": (total / ours_wall) / (total / plain_wall),
        "check": check,
    }


# The day of action's map ------------------------------------------------------------------


def _get(client, url: str, headers: dict):
    """A request with its whole body read, as sending it to a browser would."""
    response = client.get(url, headers=headers)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def measure(client, url: str, runs: int, *, before=None, headers=None, expect=200) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seconds, queries = [], []
    response = None
    for _ in range(runs):
        if before:
            before()
        with CaptureQueriesContext(connection) as captured:
            elapsed, response = timed(_get, client, url, headers or {})
        if response.status_code != expect:
            raise SystemExit(f"{url} answered {response.status_code}, not {expect}")
        seconds.append(elapsed)
        queries.append(len(captured))
    return {"url": url, **stats(seconds), "queries_max": max(queries)}


def _url(name: str, **kwargs) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def geojson_timings(client, day) -> dict:
    from django.core.cache import cache

    url = _url("events:feed_geojson")
    if url is None:
        return {"skipped": "not available yet: no URL named events:feed_geojson"}
    url = f"{url}?day={day.slug}"
    response = client.get(url)
    if response.status_code != 200:
        return {"skipped": f"not available yet: {url} answers {response.status_code}"}
    body = response.content
    features = json.loads(body).get("features", [])
    if EMAIL_DOMAIN.encode() in body:
        raise SystemExit("the GeoJSON feed carries a join link")
    etag = response.get("ETag")
    cold = measure(client, url, COLD_RUNS, before=cache.clear)
    client.get(url)
    warm = measure(client, url, RUNS)
    conditional = None
    if etag:
        conditional = measure(client, url, RUNS, headers={"If-None-Match": etag}, expect=304)
    return {
        "url": url,
        "features": len(features),
        "bytes": len(body),
        "etag": bool(etag),
        "cold": cold,
        "warm": warm,
        "conditional": conditional,
        "body": body,
    }


def page_timings(client, day) -> dict:
    url = _url("events:day_of_action", slug=day.slug)
    if url is None:
        return {"skipped": "not available yet: no URL named events:day_of_action"}
    first_seconds, response = timed(client.get, url)
    if response.status_code != 200:
        return {"skipped": f"not available yet: {url} answers {response.status_code}"}
    if EMAIL_DOMAIN.encode() in response.content:
        raise SystemExit("the day of action's page carries a join link")
    for _ in range(WARM_UP):
        client.get(url)
    return {
        "first_ms": round(first_seconds * 1000, 1),
        "bytes": len(response.content),
        **measure(client, url, RUNS),
    }


def api_timings(client, day) -> dict:
    url = f"/api/v1/events?day={day.slug}&limit=100"
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    if EMAIL_DOMAIN.encode() in response.content:
        raise SystemExit("the API carries a join link")
    for _ in range(WARM_UP):
        client.get(url)
    return {"items": len(response.json()["items"]), **measure(client, url, RUNS)}


def static_urlconf(directory: str) -> ModuleType:
    """A URLconf serving one directory's files, as `django.views.static.serve` does."""
    from django.urls import path
    from django.views.static import serve

    urlconf = ModuleType("bench_static_urls")
    urlconf.urlpatterns = [path("bench-static/<path:path>", serve, {"document_root": directory})]
    return urlconf


def baselines(body: bytes | None, day) -> dict:
    """The same GeoJSON bytes served as a file through the same middleware and test client,
    and a plain json.dumps of `.values()` rows."""
    from django.test import Client, override_settings

    dumped = [timed(values_geojson, day) for _ in range(COLD_RUNS)]
    result = {
        "values_dumps": {**stats([s for s, _b in dumped]), "bytes": len(dumped[-1][1])},
    }
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "day.geojson"
        path.write_bytes(body if body is not None else dumped[-1][1])
        with override_settings(ROOT_URLCONF=static_urlconf(directory)):
            client = Client()
            for _ in range(WARM_UP):
                client.get("/bench-static/day.geojson")
            static = measure(client, "/bench-static/day.geojson", RUNS)
        result["static_file"] = {**static, "bytes": path.stat().st_size}
    return result


def day_map(count: int) -> dict:
    from django.test import Client

    started = time.perf_counter()
    day, countries = day_with_events(count)
    log(f"map: {count:,} local events made in {time.perf_counter() - started:.1f} s")
    client = Client()
    log("map: /events.geojson?day=…")
    geojson = geojson_timings(client, day)
    log("map: the day of action's page")
    page = page_timings(client, day)
    log("map: the API list")
    api = api_timings(client, day)
    log("map: baselines")
    base = baselines(geojson.pop("body", None), day)
    ratios = {}
    if "cold" in geojson:
        ratios["cold_over_values_dumps"] = (
            geojson["cold"]["median_ms"] / base["values_dumps"]["median_ms"]
        )
        ratios["warm_over_static"] = geojson["warm"]["median_ms"] / base["static_file"]["median_ms"]
        if geojson["conditional"]:
            ratios["conditional_over_static"] = (
                geojson["conditional"]["median_ms"] / base["static_file"]["median_ms"]
            )
    if "median_ms" in page:
        ratios["page_over_static"] = page["median_ms"] / base["static_file"]["median_ms"]
    return {
        "events": count,
        "countries": countries,
        "geojson": geojson,
        "page": page,
        "api": api,
        "baselines": base,
        "ratios": ratios,
    }


RSVP_BUDGET_RATIO = 0.3


def budgets(vendor: str, contention: dict | None) -> list[dict]:
    """`rsvp.ratio`: on PostgreSQL with several threads, ours ÷ plain inserts (RSVPs per
    second), met when at least RSVP_BUDGET_RATIO and the queue check passed. SQLite lets one
    writer in at a time, so it has no such budget."""
    if contention is None or vendor != "postgresql" or contention["threads"] < 2:
        return []
    record = budget_at_least(
        "rsvp.ratio",
        contention["ratio_ours_over_plain"],
        RSVP_BUDGET_RATIO,
        unit="x",
        database=vendor,
    )
    record["met"] = record["met"] and contention["check"]["ok"]
    return [record]


def run(
    db: str,
    *,
    threads: int,
    rsvps: int,
    signups: int,
    day_events: int,
    only: str | None = None,
) -> dict:
    import django
    from django.db import connection

    from picketline.disputes.models import Dispute

    clean()
    shifts.clean()
    contention = signed_up = mapped = None
    try:
        if only in (None, "rsvps"):
            contention = rsvps_under_contention(db, threads, rsvps)
        if only in (None, "shifts"):
            signed_up = shifts.shifts_under_contention(threads, signups)
        if only in (None, "map"):
            mapped = day_map(day_events)
    finally:
        log("removing the bench events and picket shifts")
        clean()
        shifts.clean()
    server = ""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = cursor.fetchone()[0]
    return {
        "db": db,
        "django": django.get_version(),
        "vendor": connection.vendor,
        "server_version": server,
        "sqlite_version": __import__("sqlite3").sqlite_version,
        "disputes": Dispute.objects.count(),
        "rsvps": contention,
        "shifts": signed_up,
        "map": mapped,
        "budgets": [
            *budgets(connection.vendor, contention),
            *shifts.budgets(connection.vendor, signed_up),
        ],
    }


# Results ----------------------------------------------------------------------------------


def _yes(value: bool) -> str:
    return "yes" if value else "**no**"


def _row(name: str, s: dict, ratio: str = "") -> str:
    return (
        f"| {name} | {s['n']} | {s['median_ms']:.2f} | {s['p95_ms']:.2f} | "
        f"{s.get('queries_max', '')} | {ratio} |"
    )


def markdown_section(r: dict) -> list[str]:
    """The results as a section of bench/RESULTS.md."""
    lines = [f"## Events: {r.get('db', '')}", ""]
    if "skipped" in r or "error" in r:
        return [*lines, f"Not run: {r.get('skipped') or r.get('error')}", ""]
    c, s, m = r["rsvps"], r.get("shifts"), r["map"]
    lines += [
        f"{r['vendor']} {r['server_version'] or r.get('sqlite_version', '')} · "
        f"{r['disputes']:,} seeded disputes.",
        "",
    ]
    records = r.get("budgets") or []
    if c is not None:
        lines += _rsvps_lines(c, [b for b in records if b["name"] == "rsvp.ratio"])
    if s is not None:
        lines += shifts.markdown_lines(s, [b for b in records if b["name"] == "shift.ratio"])
    if m is not None:
        lines += _map_lines(m)
    return lines


def _rsvps_lines(c: dict, budgets: list[dict]) -> list[str]:
    check = c["check"]
    threads = (
        f"{c['threads']} threads, each with its own connection"
        if c["threads"] > 1
        else f"one thread ({c['single_thread_because']})"
    )
    lines = [
        f"**RSVPs under contention**: {c['rsvps']} accounts answer one event of "
        f"{c['capacity']} places through `rsvps.rsvp_create`, from {threads}. Each RSVP takes "
        "the next queue number and a place or a place in line with one conditional update of "
        "the event's counters (on PostgreSQL in the same statement as its row and its audit "
        "entry), and queues its email (written by the worker). Baseline: the same rows "
        "written with plain `Rsvp.objects.create` from the same threads (no lock, no "
        "capacity check, no audit entry, no email)."
        + (" Reference: `rsvp_create` from one thread." if c["threads"] > 1 else ""),
        "",
        *writers_table(c, ours="`rsvp_create`", unit="RSVPs"),
    ]
    lines += [
        "",
        f"Plain inserts ÷ ours: {c['ratio_plain_over_ours']:.1f}x the RSVPs per second. "
        f"Afterwards: {check['confirmed']} confirmed (capacity {check['capacity']}, the "
        f"event's counter {check['confirmed_count_column']}), numbered 1 to {check['capacity']}: "
        f"{_yes(check['confirmed_numbers_are_1_to_capacity'])}; {check['waitlisted']} waiting, "
        f"numbered {check['capacity'] + 1} to {check['rsvps']} without a gap: "
        f"{_yes(check['waiting_numbers_contiguous'])}; the last one is told position "
        f"{check['last_waiting_position']}; {check['distinct_accounts']} accounts, one RSVP "
        f"each. Check: {'passed' if check['ok'] else '**FAILED**'}.",
        "",
    ]
    for record in budgets:
        lines += [
            f"- `{record['name']}`: ours ÷ plain inserts {record['value']:.2f}x (budget ≥ "
            f"{record['budget']}x, queue check included): "
            f"{'met' if record['met'] else '**MISSED**'}",
            "",
        ]
    return lines


def _map_lines(m: dict) -> list[str]:
    g, p, a, b = m["geojson"], m["page"], m["api"], m["baselines"]
    ratios = m["ratios"]
    lines = [
        f"**Day-of-action map**: one day of action with {m['events']:,} local events at "
        f"seeded sites in {m['countries']} countries (one in ten hybrid, with a join link "
        "that must not appear), through Django's test client.",
        "",
        "| request | runs | median ms | p95 ms | queries (max) | ratio |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    if "skipped" in g:
        lines.append(f"| `/events.geojson?day=…` | | | | | {g['skipped']} |")
    else:
        lines += [
            _row(
                "`/events.geojson?day=…`, first (cache cleared)",
                g["cold"],
                f"{ratios['cold_over_values_dumps']:.1f}x the `json.dumps` baseline",
            ),
            _row(
                "the same, cached",
                g["warm"],
                f"{ratios['warm_over_static']:.1f}x the static file",
            ),
        ]
        if g["conditional"]:
            lines.append(
                _row(
                    "the same, If-None-Match → 304",
                    g["conditional"],
                    f"{ratios['conditional_over_static']:.1f}x the static file",
                )
            )
    if "skipped" in p:
        lines.append(f"| `/days-of-action/<slug>/` | | | | | {p['skipped']} |")
    else:
        lines.append(
            _row(
                f"`/days-of-action/<slug>/` (first request {p['first_ms']:.0f} ms)",
                p,
                f"{ratios['page_over_static']:.1f}x the static file",
            )
        )
    lines += [
        _row(f"`/api/v1/events?day=…&limit=100` ({a['items']} items)", a),
        _row("baseline: `.values()` rows + `json.dumps`", b["values_dumps"]),
        _row("baseline: the same GeoJSON bytes as a static file", b["static_file"]),
        "",
    ]
    if "skipped" not in g:
        lines += [
            f"The feed: {g['features']:,} features, {g['bytes'] / 1e6:.2f} MB; ETag: "
            f"{'yes' if g['etag'] else '**no**'}. The static file is the feed's own bytes, "
            "served by `django.views.static.serve` through the same middleware and test "
            f"client; the `json.dumps` baseline makes {b['values_dumps']['bytes'] / 1e6:.2f} "
            "MB (fewer properties, no caching).",
            "",
        ]
    return lines


if __name__ == "__main__":
    sys.exit(main())
