"""The clustered map at national scale: first markers in a browser, the first view's data, and
the server's answer to a pan or zoom (cold tiles).

    .venv/bin/python bench/map.py --db sqlite    # or --db postgres; --runs N, --tiles N

- **tiles**: in-process through Django's test client, the tile's cache cleared before each request
  (the registry version counted within two seconds, as on a server answering a pan; counting it
  is timed apart):
  the tiles a pan or zoom asks for, at 120 seeded site locations (so crowded places count as
  often as disputes do) on zoom levels 3 to 14, and every tile of zoom levels 0 to 2. Median and
  p95, the largest query count, and a check that the clusters of the whole world (tile 0/0/0)
  add up to a direct count of the map's sites.
- **browser**: gunicorn (2 workers, DEBUG off, collectstatic) over the same database and
  headless Chromium (`/usr/bin/chromium`) with map tiles blocked. Each load starts in a fresh
  context; the time from navigation to the first marker or cluster drawn on the map is taken
  in the page by a MutationObserver. Then the same with the CPU throttled 4x (DevTools
  protocol, `Emulation.setCPUThrottlingRate`). The first view's data is the tile JSON the page
  fetched until the network was idle, as transferred (compressed); the page's HTML, CSS and JS
  are reported beside it. Each worker's cache is warmed by two loads of each viewport first.

Budgets (issue 15): first markers < 1500 ms, < 3000 ms throttled; first view's data < 300 KB
compressed; a cold tile < 50 ms median on each database.
"""

import argparse
import json
import random
import sys
import time

from benchlib import (
    ROOT,
    Unavailable,
    bench_env,
    emit,
    ensure_seeded,
    log,
    setup_django,
    stats,
    timed,
)

FIRST_MARKERS_BUDGET_MS = 1500.0
THROTTLED_BUDGET_MS = 3000.0
FIRST_VIEW_BUDGET_KB = 300.0
TILE_BUDGET_MS = 50.0
THROTTLE_RATE = 4
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# Recorded before any page script runs: when the first marker or cluster appears on the map.
WATCH_FIRST_MARKER = """
(() => {
  const record = () => {
    if (window.__firstMarkerAt !== undefined) return;
    const map = document.getElementById("dispute-map");
    if (map && map.querySelector(".leaflet-marker-icon")) {
      window.__firstMarkerAt = performance.now();
    }
  };
  new MutationObserver(record).observe(document, { subtree: true, childList: true });
})();
"""

MEASURE = """
() => {
  const resources = performance.getEntriesByType("resource");
  const tiles = resources.filter((e) => e.name.includes("/map/tiles/"));
  const page = resources.filter((e) => !e.name.includes("/map/tiles/"));
  const nav = performance.getEntriesByType("navigation")[0];
  const size = (list) => list.reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize), 0);
  return {
    first_marker_ms: window.__firstMarkerAt === undefined ? null : window.__firstMarkerAt,
    tiles: tiles.length,
    tile_bytes: size(tiles),
    tile_body_bytes: tiles.reduce((sum, e) => sum + e.decodedBodySize, 0),
    page_bytes: size(page) + (nav.transferSize || nav.encodedBodySize),
    loaded: document.getElementById("dispute-map").dataset.loaded || null,
  };
}
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tiles", type=int, default=120)
    parser.add_argument("--no-browser", action="store_true", help="only the tiles in-process")
    args = parser.parse_args()
    setup_django(args.db)
    try:
        ensure_seeded(args.db)
    except Unavailable as reason:
        emit({"database": args.db, "skipped": str(reason)})
        return
    result = {"database": args.db, "tiles": tile_timings(args.tiles)}
    if not args.no_browser:
        result["browser"] = browser_timings(args.db, args.runs)
    result["budgets"] = budgets(result)
    emit(result)


def _pan_and_zoom_tiles(count: int) -> list:
    from picketline.core.tiles import Tile, tile_at
    from picketline.disputes.models import Site

    rng = random.Random(15)
    ids = list(Site.objects.order_by().values_list("id", flat=True))
    points = Site.objects.filter(pk__in=rng.sample(ids, count)).values_list(
        "public_latitude", "public_longitude"
    )
    tiles = {tile_at(lat, lon, rng.randint(3, 14)) for lat, lon in points}
    tiles |= {Tile(z, x, y) for z in range(3) for x in range(2**z) for y in range(2**z)}
    return sorted(tiles, key=lambda t: (t.z, t.x, t.y))


def tile_timings(count: int) -> dict:
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from picketline.disputes.cache import registry_version
    from picketline.disputes.choices import MAP_STATUSES
    from picketline.disputes.models import Site

    client = Client()
    tiles = _pan_and_zoom_tiles(count)
    log(f"map: {len(tiles)} cold tiles in-process")
    samples, by_zoom, max_queries, bodies = [], {}, 0, []
    for tile in tiles:
        url = f"/map/tiles/{tile.z}/{tile.x}/{tile.y}.json"
        cache.clear()
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, headers={"Accept-Encoding": "gzip"})
            elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, response.status_code)
        samples.append(elapsed)
        by_zoom.setdefault(tile.z, []).append(elapsed)
        max_queries = max(max_queries, len(queries))
        bodies.append(len(response.content))
    versions = [timed(registry_version)[0] for _ in range(10)]
    cache.clear()
    world = json.loads(Client().get("/map/tiles/0/0/0.json").content)
    direct = Site.objects.filter(dispute__status__in=MAP_STATUSES).count()
    return {
        "count": len(samples),
        "cold": stats(samples),
        "by_zoom": {str(z): stats(values) for z, values in sorted(by_zoom.items())},
        "max_queries": max_queries,
        "version": stats(versions),
        "gzip_bytes": stats([b / 1000 for b in bodies]),  # "ms" fields hold kilobytes here
        "world_count": world["count"],
        "world_direct_count": direct,
        "counts_add_up": world["count"] == direct,
    }


def browser_timings(db: str, runs: int) -> dict:
    from page import CHROMIUM, CHROMIUM_ARGS, VENV_BIN, collectstatic, free_port, serving
    from playwright.sync_api import sync_playwright

    env = bench_env(db)
    log("map: collecting static files")
    collectstatic(env)
    base = f"http://127.0.0.1:{free_port()}"
    gunicorn = [str(VENV_BIN / "gunicorn"), "picketline.wsgi", "-w", "2", "-b", base[7:]]
    gunicorn.append("--no-control-socket")
    result = {}
    with (
        serving(gunicorn, env=env, cwd=ROOT, probe=base + "/healthz", log_name="map-gunicorn.log"),
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # Each worker keeps its own cache: warm both with the first views.
        for _warm in range(2):
            _load(browser, base, DESKTOP, throttle=None)
            _load(browser, base, PHONE, throttle=None)
        for name, viewport, throttle in (
            ("desktop", DESKTOP, None),
            ("phone_throttled", PHONE, THROTTLE_RATE),
            ("desktop_throttled", DESKTOP, THROTTLE_RATE),
        ):
            loads = [_load(browser, base, viewport, throttle=throttle) for _ in range(runs)]
            log(f"map: {name} {[round(x['first_marker_ms']) for x in loads]} ms")
            result[name] = {
                "first_marker": stats([x["first_marker_ms"] / 1000 for x in loads]),
                "tiles": max(x["tiles"] for x in loads),
                "tile_kb": max(x["tile_bytes"] for x in loads) / 1024,
                "tile_plain_kb": max(x["tile_body_bytes"] for x in loads) / 1024,
                "page_kb": max(x["page_bytes"] for x in loads) / 1024,
                "sites_in_view": loads[-1]["loaded"],
            }
        result["chromium"] = browser.version
        browser.close()
    return result


def _load(browser, base: str, viewport: dict, *, throttle: int | None) -> dict:
    context = browser.new_context(viewport=viewport)
    context.route(lambda url: not url.startswith(base), lambda route: route.abort())
    page = context.new_page()
    if throttle:
        session = context.new_cdp_session(page)
        session.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.add_init_script(WATCH_FIRST_MARKER)
    page.goto(base + "/", wait_until="commit", timeout=90_000)
    deadline = time.monotonic() + 90
    # Polled from outside: the page's CSP (rightly) forbids the eval in-page waits use.
    while page.evaluate("() => window.__firstMarkerAt === undefined"):
        if time.monotonic() > deadline:
            raise RuntimeError("the map drew no marker in 90 s")
        time.sleep(0.02)
    page.wait_for_load_state("networkidle", timeout=90_000)
    measured = page.evaluate(MEASURE)
    context.close()
    return measured


def _budget(name, value, unit, budget, database=None) -> dict:
    return {
        "name": name,
        "value": round(value, 1) if value is not None else None,
        "unit": unit,
        "budget": budget,
        "met": value is not None and value < budget,
        "database": database,
    }


def budgets(result: dict) -> list[dict]:
    db = "postgresql" if result["database"] == "postgres" else "sqlite"
    records = [
        _budget("map.tile_cold_ms", result["tiles"]["cold"]["median_ms"], "ms", TILE_BUDGET_MS, db)
    ]
    browser = result.get("browser")
    if browser:
        records += [
            _budget(
                "map.first_markers_ms",
                browser["desktop"]["first_marker"]["median_ms"],
                "ms",
                FIRST_MARKERS_BUDGET_MS,
                db,
            ),
            _budget(
                "map.first_markers_throttled_ms",
                max(
                    browser["phone_throttled"]["first_marker"]["median_ms"],
                    browser["desktop_throttled"]["first_marker"]["median_ms"],
                ),
                "ms",
                THROTTLED_BUDGET_MS,
                db,
            ),
            _budget(
                "map.first_view_kb",
                max(browser["desktop"]["tile_kb"], browser["phone_throttled"]["tile_kb"]),
                "KB",
                FIRST_VIEW_BUDGET_KB,
                db,
            ),
        ]
    return records


def markdown_section(results: dict[str, dict]) -> list[str]:
    """The human-readable section of RESULTS.md for the map's runs, one per database."""
    lines = ["## Clustered map (`bench/map.py`)", ""]
    for db, r in results.items():
        if "error" in r or "skipped" in r:
            lines += [f"- {db}: not run: {r.get('error') or r.get('skipped')}", ""]
            continue
        t = r["tiles"]
        lines += [
            f"### {db}",
            "",
            f"Cold tiles in-process ({t['count']} tiles a pan or zoom asks for, zoom 0 to 14, "
            f"tile cache cleared before each, the registry version counted within two seconds): "
            f"median {t['cold']['median_ms']} ms, p95 {t['cold']['p95_ms']} ms, at most "
            f"{t['max_queries']} queries. Counting the registry version (once every two seconds "
            f"at most) takes {t.get('version', {}).get('median_ms', 'n/a')} ms. The world tile "
            f"counts {t['world_count']} sites; a direct count gives {t['world_direct_count']} "
            f"({'equal' if t['counts_add_up'] else '**DIFFERENT**'}).",
            "",
            "| zoom | median ms | p95 ms | tiles |",
            "| --- | --- | --- | --- |",
        ]
        for z, s in t["by_zoom"].items():
            lines.append(f"| {z} | {s['median_ms']} | {s['p95_ms']} | {s['n']} |")
        lines.append("")
        b = r.get("browser")
        if b:
            lines += [
                f"Headless Chromium {b['chromium']}, gunicorn with 2 workers, tiles blocked:",
                "",
                "| view | first markers median ms | p95 ms | tile requests | tile data KB "
                "(compressed / plain) | HTML, CSS, JS KB |",
                "| --- | --- | --- | --- | --- | --- |",
            ]
            views = {
                "desktop": "desktop, 1280 x 800",
                "phone_throttled": "phone, 390 x 844, CPU 4x slower",
                "desktop_throttled": "desktop, CPU 4x slower",
            }
            for name, label in views.items():
                v = b[name]
                lines.append(
                    f"| {label} | "
                    f"{v['first_marker']['median_ms']} | {v['first_marker']['p95_ms']} | "
                    f"{v['tiles']} | {v['tile_kb']:.1f} / {v['tile_plain_kb']:.1f} | "
                    f"{v['page_kb']:.1f} |"
                )
            lines.append("")
        for record in r.get("budgets", []):
            verdict = "met" if record["met"] else "**MISSED**"
            lines.append(
                f"- `{record['name']}`: {record['value']} {record['unit']} "
                f"(budget < {record['budget']}): {verdict}"
            )
        lines.append("")
    return lines


if __name__ == "__main__":
    sys.exit(main())
