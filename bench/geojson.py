"""The map's data, `/disputes.geojson`, over the seeded SQLite registry, through Django's client.

    .venv/bin/python bench/geojson.py

Cold: the cache is cleared before each request, so the body is built from the database.
Warm: the body comes from the cache. Conditional: If-None-Match with the ETag, answered 304.
"""

import gzip
import json
import sys

from benchlib import emit, ensure_seeded, log, setup_django, stats, timed

COLD_RUNS = 5
WARM_RUNS = 30
CONDITIONAL_RUNS = 30
COLD_BUDGET_MS = 1000.0


def fetch(client, url: str, **kwargs):
    """The response with its whole body read: a streamed body counts until its last byte."""
    response = client.get(url, **kwargs)
    response.body = response.getvalue()
    return response


def main() -> None:
    setup_django("sqlite")
    ensure_seeded("sqlite")
    emit(run())


def run() -> dict:
    from django.core.cache import cache
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("feeds:geojson")
    except NoReverseMatch:
        return {"skipped": "not available yet: no URL named feeds:geojson"}
    client = Client()
    cache.clear()
    response = fetch(client, url)
    if response.status_code != 200:
        return {"skipped": f"not available yet: {url} answers {response.status_code}"}
    try:
        features = json.loads(response.body)["features"]
    except (ValueError, KeyError):
        return {"skipped": f"not available yet: {url} is not a FeatureCollection"}
    if not features:
        return {"skipped": f"not available yet: {url} has no features over the seeded registry"}
    etag = response.get("ETag")
    body = response.body

    log(f"geojson: {len(features):,} features, {len(body) / 1e6:.1f} MB; cold runs")
    cold = []
    for _ in range(COLD_RUNS):
        cache.clear()
        seconds, response = timed(fetch, client, url)
        assert response.status_code == 200, response.status_code
        cold.append(seconds)
    log("geojson: cold runs, gzip")
    cold_gzip = []
    for _ in range(COLD_RUNS):
        cache.clear()
        seconds, response = timed(fetch, client, url, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200, response.status_code
        cold_gzip.append(seconds)
    log("geojson: warm and conditional runs")
    warm = []
    for _ in range(WARM_RUNS):
        seconds, response = timed(fetch, client, url)
        assert response.status_code == 200, response.status_code
        warm.append(seconds)
    conditional, statuses = [], set()
    if etag:
        for _ in range(CONDITIONAL_RUNS):
            seconds, response = timed(client.get, url, headers={"If-None-Match": etag})
            statuses.add(response.status_code)
            conditional.append(seconds)

    result = {
        "url": url,
        "features": len(features),
        "bytes": len(body),
        "gzip_bytes": len(gzip.compress(body, 6)),
        "etag": bool(etag),
        "conditional_statuses": sorted(statuses),
        "cold": stats(cold),
        "cold_gzip": stats(cold_gzip),
        "warm": stats(warm),
        "conditional": stats(conditional),
    }
    cold_ms = result["cold"]["median_ms"]
    result["budgets"] = [
        {
            "name": "geojson.cold_ms",
            "value": cold_ms,
            "unit": "ms",
            "budget": COLD_BUDGET_MS,
            "met": cold_ms < COLD_BUDGET_MS,
            "database": "sqlite",
        }
    ]
    result["ratios"] = {"cold_over_warm": round(cold_ms / result["warm"]["median_ms"], 1)}
    if conditional:
        result["ratios"]["cold_over_304"] = round(cold_ms / result["conditional"]["median_ms"], 1)
        result["ratios"]["warm_over_304"] = round(
            result["warm"]["median_ms"] / result["conditional"]["median_ms"], 1
        )
    return result


if __name__ == "__main__":
    sys.exit(main())
