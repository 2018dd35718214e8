"""The moderation queue over the seeded registry and 10,000 pending submissions, in-process.

    .venv/bin/python bench/moderation.py --db sqlite|postgres
    .venv/bin/python bench/moderation.py --quick        # small data in a file of its own

Pages go through Django's test client as a signed-in moderator (two-factor session verified):

- **queue**: `/moderation/` (`moderation:queue`), the first page of pending items, newest first;
- **queue, filtered**: the same with country, category, sources and oldest-first filters;
- **item**: `/moderation/<id>/` (`moderation:item`) for pending items picked at random, which
  scores the likely duplicates among the 100,000 disputes; and `submission_duplicates` alone.

Half the submissions report a seeded dispute again (its employer, near one of its sites, at
overlapping dates), half a new employer near a seeded site. They are written in bulk with their
queue items and marked (`status_nonce` "bench-…"), and reused while there are as many as asked.
`--quick` builds a throwaway SQLite database with 2,000 disputes and 500 submissions, to check
that the benchmark runs.
"""

import argparse
import datetime as dt
import hashlib
import os
import random
import sys
import time

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

SUBMISSIONS = 10_000
QUICK_DISPUTES = 2_000
QUICK_SUBMISSIONS = 500
NONCE_PREFIX = "bench-"
QUEUE_RUNS = 30
ITEM_RUNS = 60
# The baseline reads and scores every dispute, so it runs on fewer items.
BASELINE_RUNS = 8
WARM_UP = 5
SEED = 20_240_601


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--quick", action="store_true", help="small data, own SQLite file")
    args = parser.parse_args()
    # Pages render templates: serve static names as they are, without collectstatic's manifest.
    os.environ["STATIC_PLAIN"] = "1"
    if args.quick:
        seeding = setup_quick("moderation", disputes=QUICK_DISPUTES)
        submissions = QUICK_SUBMISSIONS
    else:
        try:
            setup_django(args.db)
        except Unavailable as reason:
            emit({"db": args.db, "skipped": str(reason)})
            return
        seeding = ensure_seeded(args.db)
        submissions = SUBMISSIONS
    made = ensure_submissions(submissions)
    result = run(db="sqlite" if args.quick else args.db)
    result.update(seeding=seeding, submissions_seeding=made, quick=args.quick)
    result["budgets"] = budgets(result)
    emit(result)


# Scoring a report's likely duplicates through the two indexed lookups must stay far ahead of
# reading every dispute (the same bar as the nearest search's), and find the same best one.
DUPLICATES_BUDGET_RATIO = 15.0


def budgets(r: dict) -> list[dict]:
    """`moderation.duplicates_ratio` (every dispute ÷ ours) and
    `moderation.duplicates_same_best` (share of reports whose best candidate is the same)."""
    b = r["baseline"]
    database = r["vendor"]
    return [
        budget_at_least(
            "moderation.duplicates_ratio",
            b["ratio"],
            DUPLICATES_BUDGET_RATIO,
            unit="x",
            database=database,
        ),
        budget_at_least(
            "moderation.duplicates_same_best",
            b["same_best"] / b["n"] if b["n"] else 0.0,
            1.0,
            unit="share",
            database=database,
        ),
    ]


# Data -------------------------------------------------------------------------------------


def ensure_submissions(count: int) -> dict:
    """`count` pending bench submissions with their queue items: reused, or made again."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from picketline.disputes.models import Submission
    from picketline.moderation.models import ItemStatus, ModerationItem

    ours = Submission.objects.filter(status_nonce__startswith=NONCE_PREFIX)
    content_type = ContentType.objects.get_for_model(Submission)
    items = ModerationItem.objects.filter(
        content_type=content_type, object_id__in=ours.values("id"), status=ItemStatus.PENDING
    )
    if ours.count() == count and items.count() == count:
        log(f"reusing {count:,} bench submissions")
        return {"reused": True}
    started = time.perf_counter()
    with transaction.atomic():
        ModerationItem.objects.filter(
            content_type=content_type, object_id__in=ours.values("id")
        ).delete()
        ours.delete()
        _make_submissions(count, content_type)
    seconds = time.perf_counter() - started
    log(f"made {count:,} bench submissions in {seconds:.0f} s")
    return {"seconds": round(seconds, 1)}


def _make_submissions(count: int, content_type) -> None:
    from django.utils import timezone

    from picketline.disputes.models import Dispute, Site, Submission
    from picketline.moderation.models import ModerationItem
    from picketline.moderation.registry import handler_for

    rng = random.Random(SEED)
    ids = list(Dispute.objects.order_by("id").values_list("id", flat=True))
    chosen = rng.sample(ids, min(count, len(ids)))
    facts = {}
    for start in range(0, len(chosen), 500):
        chunk = chosen[start : start + 500]
        for row in Dispute.objects.filter(id__in=chunk).values(
            "id", "kind", "start_date", "end_date"
        ):
            facts[row["id"]] = row
        for row in (
            Site.objects.filter(dispute_id__in=chunk)
            .order_by("id")
            .values("dispute_id", "latitude", "longitude", "city", "country", "timezone")
        ):
            facts[row["dispute_id"]].setdefault("site", row)
        for dispute_id, name in Dispute.employers.through.objects.filter(
            dispute_id__in=chunk
        ).values_list("dispute_id", "organisation__name"):
            facts[dispute_id].setdefault("employer", name)
        for dispute_id, name in Dispute.unions.through.objects.filter(
            dispute_id__in=chunk
        ).values_list("dispute_id", "organisation__name"):
            facts[dispute_id].setdefault("union", name)

    now = timezone.now()
    today = now.date()
    submissions = []
    for n in range(count):
        fact = facts[chosen[n % len(chosen)]]
        site = fact.get("site") or {
            "latitude": 51.5,
            "longitude": -0.12,
            "city": "London",
            "country": "GB",
            "timezone": "Europe/London",
        }
        again = n % 2 == 0
        lat = max(-89.9, min(89.9, site["latitude"] + rng.uniform(-0.01, 0.01)))
        lon = max(-179.9, min(179.9, site["longitude"] + rng.uniform(-0.01, 0.01)))
        if again:
            start = fact["start_date"] or today
        else:
            start = today - dt.timedelta(days=rng.randint(0, 30))
        with_email = rng.random() < 0.6
        submissions.append(
            Submission(
                employer=fact.get("employer", "Unknown") if again else f"Bench Employer {n} Ltd",
                unions=fact.get("union", "") if again else "",
                kind=fact["kind"] if again else rng.choice(["strike", "walkout", "protest"]),
                description="Reported for the moderation benchmark.",
                start_date=start,
                end_date=None,
                place_name=site["city"] or "Somewhere",
                city=site["city"],
                country=site["country"],
                latitude=round(lat, 7),
                longitude=round(lon, 7),
                timezone=site["timezone"] or "UTC",
                sources=["https://news.example.org/bench"] if rng.random() < 0.5 else [],
                submitter_email=f"bench{n}@example.org" if with_email else "",
                contact_consent=with_email,
                status_nonce=f"{NONCE_PREFIX}{n}",
                status_token_hash=hashlib.sha256(f"{NONCE_PREFIX}{n}".encode()).hexdigest(),
                is_demo=True,
            )
        )
    created = Submission.objects.bulk_create(submissions, batch_size=1000)
    handler = handler_for("submission")
    items = []
    for submission in created:
        facets = handler.facets(submission)
        items.append(
            ModerationItem(
                kind="submission",
                content_type=content_type,
                object_id=submission.pk,
                summary=facets.summary[:300],
                country=facets.country,
                category=facets.category,
                has_sources=facets.has_sources,
                submitted_at=now - dt.timedelta(minutes=rng.randint(0, 30 * 24 * 60)),
                # The digest has been sent: the bench must not mail anyone.
                notified_at=now,
            )
        )
    ModerationItem.objects.bulk_create(items, batch_size=1000)


# Measurements -----------------------------------------------------------------------------


def moderator_client():
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from picketline.accounts import totp
    from picketline.accounts.models import TotpDevice
    from picketline.accounts.roles import Role
    from picketline.accounts.services import user_grant_role
    from picketline.accounts.two_factor import VERIFIED_KEY

    user, created = get_user_model().objects.get_or_create(username="bench-moderator")
    if created:
        user_grant_role(user=user, role=Role.MODERATOR)
        # Moderators need an authenticator; the session below counts as having used it.
        TotpDevice.objects.create(
            user=user, secret=totp.secret_generate(), confirmed_at=timezone.now()
        )
    client = Client()
    client.force_login(user)
    session = client.session
    session[VERIFIED_KEY] = True
    session.save()
    return client


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
            where = response.get("Location", "")
            raise SystemExit(f"{url} answered {response.status_code} {where}".rstrip())
        seconds.append(elapsed)
        queries.append(len(captured))
    return {"url": url, **stats(seconds), "queries_max": max(queries)}


def all_facts() -> dict:
    """Baseline: the scoring's facts of every published dispute, read as plain rows."""
    from picketline.disputes.duplicates import _Facts
    from picketline.disputes.models import Dispute, Site

    facts = {
        pk: _Facts(kind=kind, status=status, start_date=start, end_date=end)
        for pk, kind, status, start, end in Dispute.objects.order_by().values_list(
            "id", "kind", "status", "start_date", "end_date"
        )
    }
    employers = Dispute.employers.through.objects.values_list(
        "dispute_id", "organisation__name_key"
    )
    for pk, key in employers:
        facts[pk].employer_keys.append(key)
    for pk, key in Dispute.unions.through.objects.values_list(
        "dispute_id", "organisation__name_key"
    ):
        facts[pk].union_keys.add(key)
    for pk, lat, lon in Site.objects.order_by().values_list("dispute_id", "latitude", "longitude"):
        facts[pk].points.append((lat, lon))
    return facts


def baseline(submission, *, limit: int = 5) -> list[int]:
    """Every dispute read and scored: what the two indexed lookups save."""
    from picketline.disputes.duplicates import reported_of, scored_best

    return [
        pk for _score, pk, _why in scored_best(reported_of(submission), all_facts(), limit=limit)
    ]


def run(db: str) -> dict:
    import django
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from picketline.disputes.duplicates import submission_duplicates
    from picketline.disputes.models import Dispute, Submission
    from picketline.moderation.models import ItemStatus, ModerationItem

    client = moderator_client()
    pending = ModerationItem.objects.filter(status=ItemStatus.PENDING)
    country = (
        pending.exclude(country="")
        .values("country")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("country", flat=True)
        .first()
        or "GB"
    )
    log(f"{db}: queue pages")
    queue = measure(client, "/moderation/", QUEUE_RUNS)
    filtered = measure(
        client,
        f"/moderation/?country={country}&category=strike&sources=yes&order=oldest",
        QUEUE_RUNS,
    )

    log(f"{db}: item pages")
    rng = random.Random(SEED + 1)
    item_ids = list(pending.order_by("id").values_list("id", flat=True))
    sample = rng.sample(item_ids, min(ITEM_RUNS + WARM_UP, len(item_ids)))
    for pk in sample[:WARM_UP]:
        client.get(f"/moderation/{pk}/")
    page_seconds, page_queries = [], []
    scoring_seconds, scoring_queries, found = [], [], []
    for pk in sample[WARM_UP:]:
        with CaptureQueriesContext(connection) as captured:
            elapsed, response = timed(client.get, f"/moderation/{pk}/")
        if response.status_code != 200:
            raise SystemExit(f"/moderation/{pk}/ answered {response.status_code}")
        page_seconds.append(elapsed)
        page_queries.append(len(captured))
        submission = Submission.objects.get(pk=ModerationItem.objects.get(pk=pk).object_id)
        with CaptureQueriesContext(connection) as captured:
            elapsed, candidates = timed(submission_duplicates, submission=submission)
        scoring_seconds.append(elapsed)
        scoring_queries.append(len(captured))
        found.append(len(candidates))

    log(f"{db}: duplicate scoring against every dispute (baseline)")
    baseline_seconds, ours_seconds, same_best = [], [], 0
    for pk in sample[WARM_UP : WARM_UP + BASELINE_RUNS]:
        submission = Submission.objects.get(pk=ModerationItem.objects.get(pk=pk).object_id)
        elapsed, everything = timed(baseline, submission)
        baseline_seconds.append(elapsed)
        elapsed, candidates = timed(submission_duplicates, submission=submission)
        ours_seconds.append(elapsed)
        same_best += [c.obj.pk for c in candidates][:1] == everything[:1]
    base, ours = stats(baseline_seconds), stats(ours_seconds)

    return {
        "db": db,
        "django": django.get_version(),
        "vendor": connection.vendor,
        "disputes": Dispute.objects.count(),
        "pending_items": pending.count(),
        "queue": queue,
        "queue_filtered": filtered,
        "item": {**stats(page_seconds), "queries_max": max(page_queries, default=0)},
        "duplicates": {
            **stats(scoring_seconds),
            "queries_max": max(scoring_queries, default=0),
            "found_median": sorted(found)[len(found) // 2] if found else 0,
            "found_any": sum(1 for n in found if n),
        },
        "baseline": {
            "every_dispute": base,
            "ours": ours,
            "ratio": base["median_ms"] / ours["median_ms"] if ours["median_ms"] else 0,
            "same_best": same_best,
            "n": len(baseline_seconds),
        },
    }


def markdown_section(r: dict) -> list[str]:
    """The results as a section of bench/RESULTS.md."""
    lines = [f"## Moderation queue: {r.get('db', '')}", ""]
    if "skipped" in r or "error" in r:
        return [*lines, f"Not run: {r.get('skipped') or r.get('error')}", ""]
    dup = r["duplicates"]
    lines += [
        f"{r['vendor']} · {r['disputes']:,} disputes · {r['pending_items']:,} pending items · "
        "Django test client, signed in as a moderator. Item pages for "
        f"{r['item']['n']} random pending items; duplicates found for {dup['found_any']} of them "
        f"(median {dup['found_median']} shown).",
        "",
        "| request | runs | median ms | p95 ms | queries (max) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    rows = [
        ("queue, first page (`moderation:queue`)", r["queue"]),
        ("queue, filtered", r["queue_filtered"]),
        ("item page with duplicates (`moderation:item`)", r["item"]),
        ("`submission_duplicates` alone", dup),
    ]
    for name, s in rows:
        lines.append(
            f"| {name} | {s['n']} | {s['median_ms']:.1f} | {s['p95_ms']:.1f} | {s['queries_max']} |"
        )
    b = r["baseline"]
    lines += [
        "",
        f"Baseline on the same data: reading and scoring every dispute for {b['n']} reports "
        f"takes a median {b['every_dispute']['median_ms']:.0f} ms against "
        f"{b['ours']['median_ms']:.1f} ms for the two indexed lookups: "
        f"**{b['ratio']:.0f}x faster**, with the same best candidate for {b['same_best']} of "
        f"{b['n']} reports. The queue's query count does not grow with the number of items "
        f"({r['queue']['queries_max']} queries with {r['pending_items']:,} pending).",
        "",
        *(
            f"- `{x['name']}`: {x['value']} (budget ≥ {x['budget']}): "
            f"{'met' if x['met'] else '**MISSED**'}"
            for x in r.get("budgets") or []
        ),
    ]
    return [*lines, ""]


if __name__ == "__main__":
    sys.exit(main())
