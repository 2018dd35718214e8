"""Membership: the roster page and standing for 100,000 members, in-process.

    .venv/bin/python bench/membership.py --db sqlite|postgres
    .venv/bin/python bench/membership.py --quick        # 5,000 members, a file of its own

One organisation with 20 chapters and a monthly plan gets MEMBERS members (`bulk_create`), each
with a dues start in the last two years and zero to six payments, so every standing occurs.

- **roster**: `GET /organisations/<slug>/members/` as the organisation's admin (a verified
  second factor), the first page, the last, and the first page of members in arrears; the
  number of queries must be the same for all of them and for a roster a hundred times smaller
  (the page is chosen on ids and standing worked out for its members only; filtered by
  standing, counting and choosing the page each take one pass over the roster).
- **standing**: how many members are in each standing, as of today: ours is one SQL query
  (`standing_annotate` then a count by standing); the baseline reads every member and every
  ledger entry and walks each ledger in Python (`standing_reference`), as code without the
  annotation would. Both must agree exactly.

The bench rows are removed at the end (and at the start, after an interrupted run).
"""

import argparse
import datetime as dt
import os
import random
import sys
from collections import Counter

from benchlib import DATA_DIR, ROOT, bench_env, emit, log, stats, timed
from budgets import budget_at_least, budget_below

sys.path.insert(0, str(ROOT))

MEMBERS = 100_000
QUICK_MEMBERS = 5_000
RUNS = 15
SLUG = "bench-membership-network"


def _setup(db: str, quick: bool) -> None:
    env = bench_env(db)
    if quick:
        env["DATABASE_URL"] = f"sqlite:///{DATA_DIR / 'membership-quick.sqlite3'}"
    os.environ.update(env)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    if db == "postgres" and not quick:
        from benchlib import _ensure_postgres_database

        _ensure_postgres_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # The page is timed, not its assets: no collectstatic manifest needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    call_command("migrate", verbosity=0)


def _clear() -> None:
    from picketline.membership.dues.models import DuesEntry, DuesPlan, MembershipSettings
    from picketline.membership.members.models import Membership
    from picketline.organisations.models import Organisation

    organisation = Organisation.objects.filter(slug=SLUG).first()
    if organisation is None:
        return
    DuesEntry.objects.filter(membership__organisation=organisation).delete()
    Membership.objects.filter(organisation=organisation).delete()
    DuesPlan.objects.filter(organisation=organisation).delete()
    MembershipSettings.objects.filter(organisation=organisation).delete()
    organisation.delete()


def _seed(count: int):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from picketline.accounts.models import TotpDevice
    from picketline.accounts.totp import secret_generate
    from picketline.membership.dues.models import DuesEntry, DuesPlan, MembershipSettings
    from picketline.membership.members.models import Membership
    from picketline.organisations.models import Chapter, Organisation

    rng = random.Random(1)
    organisation = Organisation.objects.create(
        name="Bench Membership Network", slug=SLUG, kind="other"
    )
    MembershipSettings.objects.create(organisation=organisation, timezone="Europe/London")
    chapters = [
        Chapter.objects.create(
            organisation=organisation,
            name=f"Chapter {n}",
            slug=f"c{n}",
            place_name="Leeds",
            latitude=53.8,
            longitude=-1.5,
            timezone="Europe/London",
        )
        for n in range(20)
    ]
    plan = DuesPlan.objects.create(
        organisation=organisation, name="Standard", amount_minor=500, currency="GBP"
    )
    now = timezone.now()
    today = timezone.localdate()
    batch = []
    for n in range(count):
        start = today - dt.timedelta(days=rng.randrange(1, 730))
        batch.append(
            Membership(
                organisation=organisation,
                chapter=chapters[n % 20],
                plan=plan,
                name=f"Bench Member {n:06d}",
                email=f"bench-member-{n}@example.invalid",
                status="active",
                source="online",
                agreed_at=now,
                joined_at=now,
                dues_start=start,
                token_nonce=f"{n:032x}",
                token_hash=f"bench{n:059d}",
            )
        )
    Membership.objects.bulk_create(batch, batch_size=5000)
    from picketline.membership.dues.standing import _period_starts

    entries = []
    for pk, start in Membership.objects.filter(organisation=organisation).values_list(
        "pk", "dues_start"
    ):
        # Most members pay every period; some are one or two behind, a few far behind.
        periods = list(_period_starts(start, "monthly", today))
        behind = rng.choices([0, 1, 2, 3, 6, 12], weights=[75, 8, 5, 5, 4, 3])[0]
        for period in periods[: max(len(periods) - behind, 0)]:
            entries.append(
                DuesEntry(
                    membership_id=pk,
                    date=period + dt.timedelta(days=rng.randrange(0, 5)),
                    method="bank",
                    amount_minor=500,
                    currency="GBP",
                )
            )
    DuesEntry.objects.bulk_create(entries, batch_size=10000)
    admin, _created = get_user_model().objects.get_or_create(username="bench-membership-admin")
    organisation.coordinators.add(admin)
    TotpDevice.objects.get_or_create(
        user=admin, defaults={"secret": secret_generate(), "confirmed_at": now}
    )
    return organisation, admin, len(entries)


def _analyse() -> None:
    """Statistics and the visibility map for the freshly loaded rows, as a live database has
    them (autovacuum has not run on a bulk load yet): plans and index-only scans then match."""
    from django.db import connection

    from picketline.membership.dues.models import DuesEntry
    from picketline.membership.members.models import Membership

    tables = [model._meta.db_table for model in (Membership, DuesEntry)]
    with connection.cursor() as cursor:
        for table in tables:
            if connection.vendor == "postgresql":
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
            else:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _roster(organisation, admin, count: int) -> dict:
    from django.db import connection
    from django.test import Client

    from picketline.accounts.two_factor import VERIFIED_KEY

    client = Client()
    client.force_login(admin)
    session = client.session
    session[VERIFIED_KEY] = True
    session.save()
    last = (count + 49) // 50
    result = {}
    pages = (("first", ""), ("last", f"?page={last}"), ("arrears", "?standing=arrears"))
    for name, query in pages:
        url = f"/organisations/{organisation.slug}/members/{query}"
        client.get(url)
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
        assert response.status_code == 200, response.status_code
        samples = [timed(client.get, url)[0] for _ in range(RUNS)]
        result[name] = {"queries": len(queries), **stats(samples)}
    return result


def _standing(organisation) -> dict:
    from django.db.models import Count
    from django.utils import timezone

    from picketline.membership.dues.models import DuesEntry
    from picketline.membership.dues.standing import standing_annotate, standing_reference
    from picketline.membership.members.models import Membership

    today = timezone.localdate()

    def sql():
        members = standing_annotate(
            Membership.objects.filter(organisation=organisation, status="active"), as_of=today
        )
        return dict(members.values_list("standing").annotate(n=Count("id")).order_by())

    def python_loop():
        ledgers: dict[int, list] = {}
        for member_id, date, amount in DuesEntry.objects.filter(
            membership__organisation=organisation
        ).values_list("membership_id", "date", "amount_minor"):
            ledgers.setdefault(member_id, []).append((date, amount))
        counts = Counter()
        for pk, start, due in Membership.objects.filter(
            organisation=organisation, status="active"
        ).values_list("pk", "dues_start", "plan__amount_minor"):
            result = standing_reference(
                dues_start=start,
                period="monthly",
                due_minor=due,
                entries=ledgers.get(pk, []),
                as_of=today,
            )
            counts[str(result.standing)] += 1
        return dict(counts)

    ours, baseline = sql(), python_loop()
    assert ours == baseline, (ours, baseline)
    runs = 5
    ours_s = [timed(sql)[0] for _ in range(runs)]
    baseline_s = [timed(python_loop)[0] for _ in range(runs)]
    ours_stats, baseline_stats = stats(ours_s), stats(baseline_s)
    return {
        "counts": ours,
        "sql": ours_stats,
        "python": baseline_stats,
        "ratio": round(baseline_stats["median_ms"] / ours_stats["median_ms"], 1),
    }


def _budgets(db: str, roster: dict, standing: dict) -> list[dict]:
    queries = [page["queries"] for page in roster.values()]
    return [
        # The same number of queries on every page: a spread of zero.
        budget_below(
            "membership.roster_queries_spread",
            max(queries) - min(queries),
            1,
            unit="queries",
            database=db,
        ),
        budget_at_least("membership.standing_ratio", standing["ratio"], 1.0, unit="x", database=db),
    ]


def markdown_section(r: dict) -> list[str]:
    if "error" in r:
        return [f"## Membership ({r.get('db', '?')})", "", f"Did not run: {r['error']}", ""]
    roster = r["roster"]
    return [
        f"## Membership: roster and standing, {r['members']:,} members ({r['db']})",
        "",
        "| roster page | queries | median ms | p95 ms |",
        "| --- | ---: | ---: | ---: |",
        *(
            f"| {label} | {roster[key]['queries']} | {roster[key]['median_ms']} | "
            f"{roster[key]['p95_ms']} |"
            for key, label in (
                ("first", "first page"),
                ("last", "last page"),
                ("arrears", "members in arrears, first page"),
            )
        ),
        "",
        f"Standing of every member as of today: SQL {r['standing']['sql']['median_ms']} ms, "
        f"a Python loop over the ledger {r['standing']['python']['median_ms']} ms: "
        f"**{r['standing']['ratio']}x** (counts {r['standing']['counts']}). Query count "
        f"constant: {'yes' if r['constant_queries'] else '**no**'}.",
        "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    count = QUICK_MEMBERS if args.quick else MEMBERS
    _setup(args.db, args.quick)
    _clear()
    try:
        log(f"membership: seeding {count:,} members")
        organisation, admin, entries = _seed(count)
        _analyse()
        log(f"membership: {entries:,} ledger entries; timing the roster")
        roster = _roster(organisation, admin, count)
        log("membership: timing standing")
        standing = _standing(organisation)
    finally:
        _clear()
    emit(
        {
            "db": args.db,
            "members": count,
            "entries": entries,
            "roster": roster,
            "standing": standing,
            "constant_queries": len({page["queries"] for page in roster.values()}) == 1,
            "budgets": _budgets(args.db, roster, standing),
        }
    )


if __name__ == "__main__":
    main()
