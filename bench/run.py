"""`make bench`: run every benchmark, print the results and write them to bench/RESULTS.md.

Each benchmark runs in its own process (settings read DATABASE_URL at import time) and hands
back one JSON line. Budgets come from DESIGN.md and the issues; a missed budget is reported, not
fatal. Every step's budget records (see budgets.py) are gathered into bench/results.json under
"budgets", beside the keys the stand-alone benchmarks keep there (results.py);
`bench/check_budgets.py` lists the missed ones. The exit status is non-zero only when a
benchmark itself failed to run.
"""

import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from appeals import markdown_section as appeals_section
from ballots import markdown_section as ballots_section
from benchlib import BENCH_DIR, DISPUTES, RESULT_PREFIX, ROOT, bench_env, log
from budgets import budgets_gather
from events import markdown_section as events_section
from map import markdown_section as map_section
from membership import markdown_section as membership_section
from messages import markdown_section as messages_section
from moderation import markdown_section as moderation_section
from public_pages import markdown_section as public_pages_section
from results import RESULTS_JSON, kept_sections

RESULTS = BENCH_DIR / "RESULTS.md"
# Upper bounds per step; with reused bench databases the whole run takes about five minutes.
TIMEOUTS = {
    "nearest": 900,
    "geojson": 600,
    "page": 600,
    "public_pages": 900,
    "moderation": 1200,
    "messages": 900,
    "appeals": 900,
    "ballots": 900,
    "events": 600,
    "map": 900,
    "membership": 1800,
}

NEAREST_BUDGET_MS = 10.0
NEAREST_BUDGET_RATIO = 15.0
PAGE_BUDGET_RATIO = 1.5
PAGE_BUDGET_GZIP = 200 * 1024


def run_step(script: str, *args: str, db: str = "sqlite") -> dict:
    command = [sys.executable, str(BENCH_DIR / script), *args]
    log(f"running {' '.join(Path(c).name if c.startswith('/') else c for c in command)}")
    started = time.perf_counter()
    try:
        completed = subprocess.run(
            command,
            env=bench_env(db),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            timeout=TIMEOUTS[Path(script).stem],
        )
    except subprocess.TimeoutExpired:
        return {"error": f"{script} did not finish within {TIMEOUTS[Path(script).stem]} s"}
    lines = [line for line in completed.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if completed.returncode != 0 or not lines:
        return {"error": f"{script} {' '.join(args)} failed (exit {completed.returncode})"}
    result = json.loads(lines[-1].removeprefix(RESULT_PREFIX))
    result["wall_seconds"] = round(time.perf_counter() - started, 1)
    return result


def machine() -> dict:
    cpu = ""
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import django

    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": __import__("sqlite3").sqlite_version,
    }


def verdict(ok: bool) -> str:
    return "met" if ok else "**MISSED**"


def nearest_section(results: dict[str, dict]) -> list[str]:
    lines = [
        "## Nearest-dispute search",
        "",
        f"{DISPUTES:,} seeded disputes. Ours: `disputes_near(lat, lon, radius_km=50)` ordered by "
        "distance, first 25 materialised with what the list shows (`dispute_list_queryset`). "
        "Baseline: great-circle distance to every site in SQL, no bounding box. Reference: a "
        "box on the indexed latitude only. Budget: median < 10 ms and ≥ 15x faster than the "
        "full scan.",
        "",
    ]
    for db, r in results.items():
        lines.append(f"### {db}")
        lines.append("")
        if "skipped" in r or "error" in r:
            lines += [f"Not run: {r.get('skipped') or r.get('error')}", ""]
            continue
        t, paired = r["timings"], r["paired_subset"]
        ratio = r["ratios"]["full_scan_over_ours"]
        median = t["ours"]["median_ms"]
        lines += [
            f"{r['server_version']} · {r['disputes']:,} disputes, {r['sites']:,} sites · "
            f"{r['points']} query points ({r['found_full_page']} fill a page of 25; median "
            f"{r['found_median']} found)"
            + f" · towns from the {r['seeding'].get('towns', '?')}"
            + (
                "" if r["seeding"].get("reused") else f", seeded in {r['seeding']['seconds']:.0f} s"
            ),
            "",
            "| query | points | median ms | p95 ms | full scan ÷ this (same points) |",
            "| --- | ---: | ---: | ---: | ---: |",
            f"| ours (`disputes_near`) | {t['ours']['n']} | {median:.2f} | "
            f"{t['ours']['p95_ms']:.2f} | {ratio:.1f}x |",
            f"| latitude box only | {t['latitude_box']['n']} | "
            f"{t['latitude_box']['median_ms']:.2f} | {t['latitude_box']['p95_ms']:.2f} | "
            f"{r['ratios']['full_scan_over_latitude_box']:.1f}x |",
            f"| ours without the list's relations | {t['ours_without_prefetch']['n']} | "
            f"{t['ours_without_prefetch']['median_ms']:.2f} | "
            f"{t['ours_without_prefetch']['p95_ms']:.2f} | |",
            f"| ours reading what a dispute's page reads | {t['public']['n']} | "
            f"{t['public']['median_ms']:.2f} | {t['public']['p95_ms']:.2f} | |",
            f"| ours, SQL alone | {t['ours_sql']['n']} | {t['ours_sql']['median_ms']:.2f} | "
            f"{t['ours_sql']['p95_ms']:.2f} | |",
            f"| full scan (baseline) | {t['full_scan']['n']} | {t['full_scan']['median_ms']:.2f} "
            f"| {t['full_scan']['p95_ms']:.2f} | 1.0x |",
            "",
            f"Ratios use medians over the {paired['ours']['n']} points where the full scan also "
            f"ran (ours there: {paired['ours']['median_ms']:.2f} ms).",
            "",
            f"- Median < {NEAREST_BUDGET_MS:g} ms: {verdict(median < NEAREST_BUDGET_MS)} "
            f"({median:.2f} ms)",
            f"- ≥ {NEAREST_BUDGET_RATIO:g}x the full scan: "
            f"{verdict(ratio >= NEAREST_BUDGET_RATIO)} ({ratio:.1f}x)",
            f"- Same disputes in the same order as the full scan: {r['correctness']['same']} of "
            f"{sum(r['correctness'].values())} points identical, {r['correctness']['ties']} "
            f"differ only among equally distant disputes, {r['correctness']['different']} differ",
            "",
            f"<details><summary>Plan of ours at {r['explain_point'][0]:.4f}, "
            f"{r['explain_point'][1]:.4f}</summary>",
            "",
            "```",
            r["explain_ours"],
            "```",
            "",
            "</details>",
            "",
        ]
    return lines


def geojson_section(r: dict) -> list[str]:
    lines = ["## Map data: `/disputes.geojson`", ""]
    if "skipped" in r or "error" in r:
        return [*lines, f"Not run: {r.get('skipped') or r.get('error')}", ""]
    cold, warm, cond = r["cold"], r["warm"], r["conditional"]
    ratios = r["ratios"]
    lines += [
        f"Django test client over the seeded SQLite registry; the map's default filter "
        f"(announced and active): {r['features']:,} features, {r['bytes'] / 1e6:.1f} MB "
        f"({r['gzip_bytes'] / 1e6:.1f} MB gzipped).",
        "",
        "| request | runs | median ms | p95 ms | cold ÷ this |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| cold (cache cleared) | {cold['n']} | {cold['median_ms']:.1f} | {cold['p95_ms']:.1f} "
        "| 1x |",
        *(
            [
                f"| cold, gzip (streamed compressed) | {r['cold_gzip']['n']} | "
                f"{r['cold_gzip']['median_ms']:.1f} | {r['cold_gzip']['p95_ms']:.1f} | |"
            ]
            if r.get("cold_gzip", {}).get("n")
            else []
        ),
        f"| warm (cached body) | {warm['n']} | {warm['median_ms']:.2f} | {warm['p95_ms']:.2f} "
        f"| {ratios['cold_over_warm']:.0f}x |",
    ]
    if cond.get("n"):
        lines.append(
            f"| conditional (If-None-Match → {'/'.join(map(str, r['conditional_statuses']))}) "
            f"| {cond['n']} | {cond['median_ms']:.2f} | {cond['p95_ms']:.2f} | "
            f"{ratios['cold_over_304']:.0f}x |"
        )
        lines += [
            "",
            f"Warm ÷ conditional: {ratios['warm_over_304']:.1f}x. "
            f"Cached and conditional: {verdict(r['etag'] and r['conditional_statuses'] == [304])}.",
        ]
    else:
        lines += ["", "Conditional requests: **MISSED** (no ETag in the response)."]
    lines += [
        "",
        f"Cold, streamed to its last byte: {cold['median_ms']:.0f} ms (budget < 1000 ms): "
        f"{verdict(cold['median_ms'] < 1000)}.",
    ]
    return [*lines, ""]


def page_section(r: dict) -> list[str]:
    lines = ["## Map page load: app vs static files", ""]
    if "skipped" in r or "error" in r:
        return [*lines, f"Not run: {r.get('skipped') or r.get('error')}", ""]
    total, drawn, ttfb, data = r["total"], r["drawn"], r["html_ttfb"], r["data_end"]
    ratio = r["ratio_ours_over_static"]
    size = r["sizes"]["total_gzip_bytes"]
    lines += [
        f"Headless Chromium {r['chromium']}, a fresh context per load, tiles blocked; "
        f"{r['runs']} loads each, alternating. Ours: gunicorn, 2 workers, DEBUG off, the "
        "seeded SQLite registry. Static: the same HTML, CSS, JS, images and GeoJSON saved from "
        "ours and served by `python -m http.server`. A load ends when the `load` event has "
        "fired and the map has handled its data and drawn a marker.",
        "",
        *(
            f"- {name}: the map's element reported {', '.join(r['outcomes'][name])}; markers "
            f"drawn in {r['markers_drawn'][name]} of {r['runs']} loads"
            for name in ("ours", "static")
        ),
        "",
        "| server | median ms | p95 ms | HTML first byte ms | GeoJSON received ms | "
        "markers drawn ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in ("ours", "static"):
        lines.append(
            f"| {name} | {total[name]['median_ms']:.0f} | {total[name]['p95_ms']:.0f} | "
            f"{ttfb[name]['median_ms']:.1f} | {data[name].get('median_ms', 0):.0f} | "
            f"{drawn[name]['median_ms']:.0f} |"
        )
    lines += [
        "",
        f"- Ours ÷ static: {ratio:.2f}x (budget ≤ {PAGE_BUDGET_RATIO}x): "
        f"{verdict(ratio <= PAGE_BUDGET_RATIO)}",
        f"- HTML + CSS + JS, gzip: {size / 1024:.1f} KB (budget < 200 KB): "
        f"{verdict(size < PAGE_BUDGET_GZIP)}",
        "",
        "| file | kind | gzip KB |",
        "| --- | --- | ---: |",
        *(
            f"| `{f['path']}` | {f['type']} | {f['gzip_bytes'] / 1024:.1f} |"
            for f in r["sizes"]["files"]
        ),
        "",
    ]
    return lines


def budgets_write(budgets: list[dict], info: dict) -> None:
    """Puts this run's budget records in results.json, keeping the stand-alone benchmarks' keys."""
    try:
        existing = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {}
    except ValueError:
        existing = {}
    existing["budgets"] = budgets
    existing["budgets_run"] = {"date": info["date"], "nproc": info["nproc"], "load": info["load"]}
    RESULTS_JSON.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")
    missed = [record["name"] for record in budgets if not record["met"]]
    log(f"budgets: {len(budgets) - len(missed)} of {len(budgets)} met; missed: {missed or 'none'}")


def main() -> int:
    started = time.perf_counter()
    info = machine()
    nearest = {
        "SQLite": run_step("nearest.py", "--db", "sqlite"),
        "PostgreSQL": run_step("nearest.py", "--db", "postgres", db="postgres"),
    }
    geojson = run_step("geojson.py")
    page = run_step("page.py")
    public_pages = {
        "SQLite": run_step("public_pages.py", "--db", "sqlite"),
        "PostgreSQL": run_step("public_pages.py", "--db", "postgres", db="postgres"),
    }
    # The browser's part once (its budgets do not depend on the database); tiles on both.
    clustered_map = {
        "SQLite": run_step("map.py", "--db", "sqlite"),
        "PostgreSQL": run_step("map.py", "--db", "postgres", "--no-browser", db="postgres"),
    }
    moderation = {
        "SQLite": run_step("moderation.py", "--db", "sqlite"),
        "PostgreSQL": run_step("moderation.py", "--db", "postgres", db="postgres"),
    }
    messages = {
        "SQLite": run_step("messages.py", "--db", "sqlite"),
        "PostgreSQL": run_step("messages.py", "--db", "postgres", db="postgres"),
    }
    appeals = {
        "SQLite": run_step("appeals.py", "--db", "sqlite"),
        "PostgreSQL": run_step("appeals.py", "--db", "postgres", db="postgres"),
    }
    ballots = {
        "SQLite": run_step("ballots.py", "--db", "sqlite"),
        "PostgreSQL": run_step("ballots.py", "--db", "postgres", db="postgres"),
    }
    events = {
        "SQLite": run_step("events.py", "--db", "sqlite"),
        "PostgreSQL": run_step("events.py", "--db", "postgres", db="postgres"),
    }
    membership = {
        "SQLite": run_step("membership.py", "--db", "sqlite"),
        "PostgreSQL": run_step("membership.py", "--db", "postgres", db="postgres"),
    }
    postgres = nearest["PostgreSQL"].get("server_version", "not reachable")
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (bench/run.py) on {info['date']}; whole run "
        f"{time.perf_counter() - started:.0f} s. Medians; ratios are measured in the same run.",
        "",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), load average at start {info['load']}"
        " — shared and noisy, so compare ratios rather than absolute times",
        f"- Python {info['python']}, Django {info['django']}, SQLite {info['sqlite']}, "
        f"PostgreSQL {postgres}",
        "",
        *nearest_section(nearest),
        *geojson_section(geojson),
        *page_section(page),
        *public_pages_section(public_pages),
        *map_section(clustered_map),
        *(line for r in moderation.values() for line in moderation_section(r)),
        *(line for r in messages.values() for line in messages_section(r)),
        *(line for r in appeals.values() for line in appeals_section(r)),
        *(line for r in ballots.values() for line in ballots_section(r)),
        *(line for r in events.values() for line in events_section(r)),
        *(line for r in membership.values() for line in membership_section(r)),
    ]
    text = "\n".join(lines).rstrip() + "\n"
    # The load and fault benchmarks run on their own; their sections stay as they were.
    previous = RESULTS.read_text() if RESULTS.exists() else ""
    text += "".join("\n" + section for section in kept_sections(previous))
    RESULTS.write_text(text)
    print(text)
    steps = (
        *nearest.values(),
        geojson,
        page,
        *public_pages.values(),
        *clustered_map.values(),
        *moderation.values(),
        *messages.values(),
        *appeals.values(),
        *ballots.values(),
        *events.values(),
        *membership.values(),
    )
    budgets_write(budgets_gather(steps), info)
    failed = [r["error"] for r in steps if "error" in r]
    for error in failed:
        print(f"error: {error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
