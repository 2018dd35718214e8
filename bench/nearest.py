"""Nearest-dispute search over the seeded registry, in-process, on one database.

    .venv/bin/python bench/nearest.py --db sqlite|postgres

Ours is `disputes_near(lat, lon, radius_km=50)` over `dispute_list_queryset()` (what the list
shows) ordered by distance, first 25 materialised.
The baseline computes the great-circle distance to every site (the same SQL expression, no
bounding box); the reference variant boxes on the indexed latitude only.
"""

import argparse
import random
import sys
import time

from benchlib import DISPUTES, Unavailable, emit, ensure_seeded, log, setup_django, stats, timed

RADIUS_KM = 50.0
PAGE = 25
SITE_POINTS = 160
RANDOM_POINTS = 40
# The full scan costs a second or so a query on SQLite at 100,000 disputes (ten at a million):
# a spread-out subset keeps the run short.
FULL_SCAN_EVERY = 4 if DISPUTES <= 100_000 else 20
# Median including what the list shows, and how much faster than the full scan at least.
BUDGET_MS = 10.0
BUDGET_RATIO = 15.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    args = parser.parse_args()
    try:
        setup_django(args.db)
    except Unavailable as reason:
        emit({"db": args.db, "skipped": str(reason)})
        return
    seeding = ensure_seeded(args.db)
    result = run(args.db)
    result["seeding"] = seeding
    emit(result)


def ordered(qs):
    return qs.order_by("distance_km", "-id")


def variants(lat: float, lon: float):
    from django.db.models import Min

    from picketline.core.geo import bounding_box, distance_km_expression
    from picketline.disputes.selectors import dispute_list_queryset, disputes_near

    def distance():
        return Min(
            distance_km_expression(lat, lon, "sites__public_latitude", "sites__public_longitude")
        )

    def ours():
        listed = dispute_list_queryset()
        return ordered(disputes_near(lat=lat, lon=lon, radius_km=RADIUS_KM, queryset=listed))

    def ours_without_prefetch():
        # The list's columns without its relations: what those add is the difference.
        bare = dispute_list_queryset().prefetch_related(None)
        return ordered(disputes_near(lat=lat, lon=lon, radius_km=RADIUS_KM, queryset=bare))

    def public():
        # Every public column and relation, as a dispute's own page reads it (and as the list
        # read it before it had a queryset of its own): what the list saves is the difference.
        return ordered(disputes_near(lat=lat, lon=lon, radius_km=RADIUS_KM))

    # The baseline and the reference read what ours reads: only the search differs.
    def full_scan():
        qs = dispute_list_queryset().annotate(distance_km=distance())
        return ordered(qs.filter(distance_km__lte=RADIUS_KM))

    def latitude_box():
        box = bounding_box(lat, lon, RADIUS_KM)
        qs = dispute_list_queryset().filter(
            sites__public_latitude__gte=box.min_lat, sites__public_latitude__lte=box.max_lat
        )
        return ordered(qs.annotate(distance_km=distance()).filter(distance_km__lte=RADIUS_KM))

    return {
        "ours": ours,
        "ours_without_prefetch": ours_without_prefetch,
        "public": public,
        "full_scan": full_scan,
        "latitude_box": latitude_box,
    }


def query_points() -> list[tuple[float, float]]:
    from picketline.disputes.models import Site

    rng = random.Random(20_240_501)
    site_ids = list(Site.objects.order_by("id").values_list("id", flat=True))
    chosen = sorted(rng.sample(site_ids, SITE_POINTS))
    rows = Site.objects.filter(id__in=chosen).values_list(
        "id", "public_latitude", "public_longitude"
    )
    by_id = {pk: (lat, lon) for pk, lat, lon in rows}
    points = [by_id[pk] for pk in chosen]
    points += [(rng.uniform(-60, 70), rng.uniform(-180, 180)) for _ in range(RANDOM_POINTS)]
    rng.shuffle(points)
    return points


def first_page(make_queryset) -> list[tuple[int, float]]:
    return [(d.pk, d.distance_km) for d in list(make_queryset()[:PAGE])]


def compare(ours: list, baseline: list) -> str:
    """ "same", "ties" (differs only in the order of equally distant disputes) or "different"."""
    if [pk for pk, _ in ours] == [pk for pk, _ in baseline]:
        return "same"
    if len(ours) != len(baseline):
        return "different"
    for (_, a), (_, b) in zip(ours, baseline, strict=True):
        if abs(a - b) > 1e-9:
            return "different"
    # Same distances position by position: only equally distant disputes may swap, and only
    # the last distance on the page may let different disputes in.
    last = ours[-1][1] if ours else 0
    inner = {pk for pk, d in ours if abs(d - last) > 1e-9}
    return "ties" if inner == {pk for pk, d in baseline if abs(d - last) > 1e-9} else "different"


def sql_only(make_queryset) -> float:
    """Seconds the database takes to answer ours, without Django building or reading models."""
    from django.db import connection

    sql, params = make_queryset()[:PAGE].query.sql_with_params()
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(sql, params)
        cursor.fetchall()
        return time.perf_counter() - started


def explain(make_queryset) -> str:
    from django.db import connection

    qs = make_queryset()[:PAGE]
    if connection.vendor == "postgresql":
        return qs.explain(analyze=True, buffers=True)
    return qs.explain()


def run(db: str) -> dict:
    import django
    from django.db import connection

    from picketline.disputes.models import Dispute, Site

    points = query_points()
    log(f"{db}: {len(points)} query points, warming up")
    for lat, lon in points[:10]:
        for make in variants(lat, lon).values():
            first_page(make)

    timings = {
        "ours": [],
        "ours_without_prefetch": [],
        "public": [],
        "ours_sql": [],
        "latitude_box": [],
        "full_scan": [],
    }
    subset = {"ours": [], "latitude_box": []}
    found, checks = [], {"same": 0, "ties": 0, "different": 0}
    mismatches = []
    started = time.perf_counter()
    for index, (lat, lon) in enumerate(points):
        queries = variants(lat, lon)
        seconds, ours = timed(first_page, queries["ours"])
        timings["ours"].append(seconds)
        found.append(len(ours))
        timings["ours_without_prefetch"].append(
            timed(first_page, queries["ours_without_prefetch"])[0]
        )
        timings["public"].append(timed(first_page, queries["public"])[0])
        timings["ours_sql"].append(sql_only(queries["ours_without_prefetch"]))
        seconds_box, _ = timed(first_page, queries["latitude_box"])
        timings["latitude_box"].append(seconds_box)
        if index % FULL_SCAN_EVERY == 0:
            subset["ours"].append(seconds)
            subset["latitude_box"].append(seconds_box)
            seconds, baseline = timed(first_page, queries["full_scan"])
            timings["full_scan"].append(seconds)
            verdict = compare(ours, baseline)
            checks[verdict] += 1
            if verdict == "different" and len(mismatches) < 3:
                mismatches.append({"point": [lat, lon], "ours": ours[:5], "baseline": baseline[:5]})
        if index % 50 == 49:
            log(f"{db}: {index + 1} points in {time.perf_counter() - started:.0f} s")

    summary = {name: stats(samples) for name, samples in timings.items()}
    paired = {name: stats(samples) for name, samples in subset.items()}
    full = summary["full_scan"]["median_ms"]
    ratios = {
        "full_scan_over_ours": round(full / paired["ours"]["median_ms"], 1),
        "full_scan_over_latitude_box": round(full / paired["latitude_box"]["median_ms"], 1),
    }
    # Explain the query at the point where ours took the median time.
    by_time = sorted(range(len(points)), key=timings["ours"].__getitem__)
    lat, lon = points[by_time[len(by_time) // 2]]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = cursor.fetchone()[0]
    else:
        import sqlite3

        server = sqlite3.sqlite_version
    database = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    short = "postgres" if database == "postgresql" else "sqlite"
    median = summary["ours"]["median_ms"]
    ratio = ratios["full_scan_over_ours"]
    budgets = [
        {
            "name": f"nearest.{short}_ms",
            "value": median,
            "unit": "ms",
            "budget": BUDGET_MS,
            "met": median < BUDGET_MS,
            "database": database,
        },
        {
            "name": f"nearest.ratio_{short}",
            "value": ratio,
            "unit": "x",
            "budget": BUDGET_RATIO,
            "met": ratio >= BUDGET_RATIO,
            "database": database,
        },
    ]
    return {
        "db": db,
        "budgets": budgets,
        "server_version": server,
        "django": django.get_version(),
        "disputes": Dispute.objects.count(),
        "sites": Site.objects.count(),
        "points": len(points),
        "radius_km": RADIUS_KM,
        "page": PAGE,
        "found_median": sorted(found)[len(found) // 2],
        "found_full_page": sum(1 for n in found if n == PAGE),
        "timings": summary,
        "paired_subset": paired,
        "ratios": ratios,
        "correctness": checks,
        "mismatches": mismatches,
        "explain_point": [lat, lon],
        "explain_ours": explain(variants(lat, lon)["ours"]),
    }


if __name__ == "__main__":
    sys.exit(main())
