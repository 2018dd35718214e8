"""Picket sign-ups under contention: a part of the events benchmark (`bench/events.py`, alone
with `--only shifts`).

- **ours**: one occurrence of a picket shift with places for half the people of SIGNUPS
  sign-ups; SIGNUPS distinct people (a name, an email, a party of one to three) sign up through
  `pickets.services.signup_create` from THREADS threads at once, each with its own database
  connection (on PostgreSQL; SQLite lets one writer in at a time, so there it runs in one
  thread and says so). Each takes its party's places with one conditional statement on the
  occurrence's counter (`ShiftPlaces`), or is refused as full, and queues its confirmation
  (a task naming the sign-up; no worker runs during the bench).
- **baseline**: the same people's rows (shift, occurrence, name, email, party size, token
  nonce and hash, language), made beforehand, written with plain `ShiftSignup.objects.create`
  from the same threads into a twin shift: no counter, no capacity, no audit entry, no email.
- **reference** (PostgreSQL): `signup_create` from one thread, without contention.

Afterwards the shift must never be overbooked: its counter equals the party sizes of its
active sign-ups, at most the capacity; everyone was either signed up or refused as full (and
told so), and every refused party was larger than the places left. Otherwise the benchmark
fails. Budget (PostgreSQL, several threads): `shift.ratio`, ours ÷ plain inserts in sign-ups
per second, at least 0.3 with the check passed (issue 15).

The bench shifts (notes starting with NOTE) hang on the first site of the registry, or on a
bench dispute of their own when the registry is not seeded (`--only`); `clean` removes them,
their sign-ups, counters and audit entries, that dispute, the confirmations' tasks and the
emails queued for the bench addresses, at the end and at the start (after an interrupted run).
"""

import datetime as dt
import json
import random

from benchlib import log, stats
from budgets import budget_at_least
from contention import in_threads, slices, writers_table

SEED = 20_261_124
NOTE = "bench-shifts"
EMAIL_DOMAIN = "bench-shifts.example.org"
PARTY_SIZES = (1, 1, 1, 2, 3)
BUDGET_RATIO = 0.3


def clean() -> None:
    """Removes every row this benchmark made."""
    from django.contrib.contenttypes.models import ContentType
    from django_tasks_db.models import DBTaskResult

    from picketline.core.models import AuditEntry, OutboxEmail
    from picketline.disputes.models import Dispute, PicketShift
    from picketline.solidarity.pickets.models import ShiftSignup
    from picketline.solidarity.pickets.notices import signup_confirmation_send

    shifts = PicketShift.objects.filter(notes__startswith=NOTE)
    ids = list(shifts.values_list("pk", flat=True))
    if ids:
        AuditEntry.objects.filter(action__startswith="picket.", data__shift__in=ids).delete()
        signups = ShiftSignup.objects.filter(shift__in=ids).values_list("pk", flat=True)
        DBTaskResult.objects.filter(
            task_path=signup_confirmation_send.module_path,
            args_kwargs__kwargs__signup_id__in=list(signups),
        ).delete()
    shifts.delete()  # with their sign-ups and counters
    disputes = Dispute.objects.filter(slug__startswith=NOTE)
    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Dispute),
        object_id__in=[str(pk) for pk in disputes.values_list("pk", flat=True)],
    ).delete()
    disputes.delete()
    OutboxEmail.objects.filter(address__iendswith=f"@{EMAIL_DOMAIN}").delete()
    # The drains the sign-ups queued (no worker runs during a bench); they name nobody.
    DBTaskResult.objects.filter(
        task_path="picketline.core.outbox.outbox_drain", status="READY"
    ).delete()


def _site():
    """The registry's first site, or, with no registry, a bench dispute's own (a dispute left
    in a seeded registry would make the next run rebuild it)."""
    from picketline.disputes.models import Dispute, Site

    site = Site.objects.order_by("pk").first()
    if site is not None:
        return site
    dispute = Dispute.objects.create(title="Bench picket shifts", slug=f"{NOTE}-dispute")
    return Site.objects.create(
        dispute=dispute,
        name="Main gate",
        city="Leeds",
        country="GB",
        latitude=53.8,
        longitude=-1.55,
        public_latitude=53.8,
        public_longitude=-1.55,
        timezone="Europe/London",
    )


def bench_shift(site, name: str, capacity: int | None):
    """A shift ten days ahead (one occurrence), marked for `clean`."""
    from django.utils import timezone

    from picketline.disputes.models import PicketShift

    starts_at = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=10)
    return PicketShift.objects.create(
        site=site,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=3),
        timezone="Europe/London",
        notes=f"{NOTE} {name}",
        capacity=capacity,
    )


def bench_people(count: int) -> list[dict]:
    """Distinct people signing up, in a shuffled order: name, email, party size."""
    rng = random.Random(SEED)
    people = [
        {
            "name": f"Volunteer {n}",
            "email": f"volunteer{n}@{EMAIL_DOMAIN}",
            "party_size": rng.choice(PARTY_SIZES),
        }
        for n in range(count)
    ]
    rng.shuffle(people)
    return people


def plain_rows(shift, people: list[dict]) -> list[dict]:
    """The rows signup_create would write for these people, made beforehand."""
    from django.utils.translation import get_language

    from picketline.core.tokens import keyed_token, nonce_new, token_hash

    rows = []
    for person in people:
        nonce = nonce_new()
        rows.append(
            {
                "shift_id": shift.pk,
                "occurrence_starts_at": shift.starts_at,
                **person,
                "token_nonce": nonce,
                "cancel_token_hash": token_hash(keyed_token("picket", nonce)),
                "language": get_language() or "",
            }
        )
    return rows


def places_check(shift, people: list[dict], outcomes: dict[str, str]) -> dict:
    """What the shift holds after the sign-ups: never overbooked, nobody refused while their
    party still fitted, the counter true, and the drift check agreeing."""
    from picketline.solidarity.pickets.models import ShiftPlaces, ShiftSignup
    from picketline.solidarity.pickets.services import shift_places_check

    shift.refresh_from_db()
    rows = list(
        ShiftSignup.objects.filter(shift=shift, cancelled_at__isnull=True).values_list(
            "email", "party_size"
        )
    )
    counters = list(ShiftPlaces.objects.filter(shift=shift).values_list("taken", flat=True))
    signed_up = sum(size for _email, size in rows)
    told_in = {email for email, outcome in outcomes.items() if outcome == "in"}
    refused = [p["party_size"] for p in people if outcomes.get(p["email"]) == "full"]
    other = sorted({o for o in outcomes.values() if o not in ("in", "full")})
    capacity = shift.capacity
    check = {
        "signups": len(people),
        "people": sum(p["party_size"] for p in people),
        "capacity": capacity,
        "signed_up": len(rows),
        "people_signed_up": signed_up,
        "counter": counters[0] if len(counters) == 1 else counters,
        "refused_full": len(refused),
        "other_outcomes": other,
        "rows_are_those_told_in": {email for email, _size in rows} == told_in,
        "places_left": capacity - signed_up,
        "smallest_refused_party": min(refused, default=None),
        "drifts_found": sum(1 for d in shift_places_check() if d.shift_id == shift.pk),
    }
    check["ok"] = (
        check["counter"] == signed_up
        and signed_up <= capacity
        and len(rows) + len(refused) == len(people) == len(outcomes)
        and not other
        and check["rows_are_those_told_in"]
        and (not refused or check["places_left"] < check["smallest_refused_party"])
        and check["drifts_found"] == 0
    )
    return check


def shifts_under_contention(threads: int, total: int) -> dict:
    from django.core.exceptions import ValidationError
    from django.db import connection

    from picketline.solidarity.pickets.models import ShiftSignup
    from picketline.solidarity.pickets.services import signup_create

    threads = threads if connection.vendor == "postgresql" else 1
    people = bench_people(total)
    capacity = sum(p["party_size"] for p in people) // 2
    site = _site()
    ours_shift = bench_shift(site, "ours", capacity)
    plain_shift = bench_shift(site, "plain", capacity)
    serial_shift = bench_shift(site, "serial", capacity)

    def sign_up_to(shift, outcomes):
        def sign_up(person):
            try:
                signup_create(shift=shift, occurrence_starts_at=shift.starts_at, **person)
            except ValidationError as refused:
                outcomes[person["email"]] = refused.code
            else:
                outcomes[person["email"]] = "in"

        return sign_up

    # The first sign-up of the process loads the time zone data and the content types: not
    # timed.
    warm_up = bench_shift(site, "warm-up", 1)
    signup_create(
        shift=warm_up,
        occurrence_starts_at=warm_up.starts_at,
        name="Warm-up",
        email=f"warm-up@{EMAIL_DOMAIN}",
    )
    log(f"shifts: {total} sign-ups to one occurrence of {capacity} places, {threads} threads")
    outcomes: dict[str, str] = {}
    ours_wall, ours_latency = in_threads(sign_up_to(ours_shift, outcomes), slices(people, threads))
    check = places_check(ours_shift, people, outcomes)
    log(f"shifts: check {json.dumps(check)}")
    if not check["ok"]:
        raise SystemExit(f"picket sign-up check failed: {check}")

    log("shifts: the same rows with plain inserts (baseline)")
    rows = plain_rows(plain_shift, people)
    plain_wall, plain_latency = in_threads(
        lambda fields: ShiftSignup.objects.create(**fields), slices(rows, threads)
    )
    if ShiftSignup.objects.filter(shift=plain_shift).count() != total:
        raise SystemExit("baseline: not every row was written")

    serial = None
    if threads > 1:
        log("shifts: signup_create from one thread (reference, no contention)")
        serial_outcomes: dict[str, str] = {}
        serial_wall, serial_latency = in_threads(
            sign_up_to(serial_shift, serial_outcomes), [people]
        )
        serial = {
            "seconds": round(serial_wall, 3),
            "per_second": total / serial_wall,
            "latency": stats(serial_latency),
            "ok": places_check(serial_shift, people, serial_outcomes)["ok"],
        }
    return {
        "threads": threads,
        "single_thread_because": (
            "" if threads > 1 else "SQLite lets one writer in at a time: run in one thread"
        ),
        "signups": total,
        "capacity": capacity,
        "ours": _rate(ours_wall, ours_latency, total),
        "plain": _rate(plain_wall, plain_latency, total),
        "serial": serial,
        "ratio_plain_over_ours": ours_wall / plain_wall,
        "ratio_ours_over_plain": plain_wall / ours_wall,
        "check": check,
    }


def _rate(wall: float, latencies: list[float], total: int) -> dict:
    return {"seconds": round(wall, 3), "per_second": total / wall, "latency": stats(latencies)}


def budgets(vendor: str, contention: dict | None) -> list[dict]:
    """`shift.ratio`: on PostgreSQL with several threads, ours ÷ plain inserts (sign-ups per
    second), met when at least BUDGET_RATIO and the check passed. SQLite lets one writer in
    at a time, so it has no such budget."""
    if contention is None or vendor != "postgresql" or contention["threads"] < 2:
        return []
    record = budget_at_least(
        "shift.ratio",
        contention["ratio_ours_over_plain"],
        BUDGET_RATIO,
        unit="x",
        database=vendor,
    )
    record["met"] = record["met"] and contention["check"]["ok"]
    return [record]


def _yes(value: bool) -> str:
    return "yes" if value else "**no**"


def markdown_lines(c: dict, records: list[dict]) -> list[str]:
    """The picket sign-ups' lines of the events section of bench/RESULTS.md."""
    check = c["check"]
    threads = (
        f"{c['threads']} threads, each with its own connection"
        if c["threads"] > 1
        else f"one thread ({c['single_thread_because']})"
    )
    lines = [
        f"**Picket sign-ups under contention**: {c['signups']} people ({check['people']} with "
        f"the people they bring) sign up to one occurrence of a shift with {c['capacity']} "
        f"places through `pickets.signup_create`, from {threads}. Each takes its party's "
        "places with one conditional statement on the occurrence's counter, or is refused as "
        "full; a sign-up writes its row and its audit entry (on PostgreSQL in the same "
        "statement) and queues its confirmation (written with its calendar invite by the "
        "worker). Baseline: the same people's rows written with plain "
        "`ShiftSignup.objects.create` from the same threads into a twin shift (no counter, "
        "no capacity, no audit entry, no email)."
        + (" Reference: `signup_create` from one thread." if c["threads"] > 1 else ""),
        "",
        *writers_table(c, ours="`signup_create`", unit="sign-ups"),
    ]
    lines += [
        "",
        f"Plain inserts ÷ ours: {c['ratio_plain_over_ours']:.1f}x the sign-ups per second. "
        f"Afterwards: {check['signed_up']} signed up with {check['people_signed_up']} people "
        f"(capacity {check['capacity']}, the counter {check['counter']}), "
        f"{check['refused_full']} refused as full, each party larger than the "
        f"{check['places_left']} places left; those signed up are those told so: "
        f"{_yes(check['rows_are_those_told_in'])}; drifts found by `shift-places`: "
        f"{check['drifts_found']}. Check: {'passed' if check['ok'] else '**FAILED**'}.",
        "",
    ]
    for record in records:
        lines += [
            f"- `{record['name']}`: ours ÷ plain inserts {record['value']:.2f}x (budget ≥ "
            f"{record['budget']}x, check included): {'met' if record['met'] else '**MISSED**'}",
            "",
        ]
    return lines
