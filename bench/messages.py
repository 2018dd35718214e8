"""Solidarity messages: digest delivery through the task worker, and the dispute page, in-process.

    .venv/bin/python bench/messages.py --db sqlite|postgres
    .venv/bin/python bench/messages.py --quick        # small data in a file of its own

- **delivery** (fan-out), at two sizes: 100 recipients x 100 messages and 10,000 recipients x
  10 messages. One seeded dispute gets the recipients (digest "immediate") and the published
  messages, and one delivery row (`MessageDelivery`) per pair, written with `bulk_create`.
  Ours: what publishing a message enqueues (one `deliver_digests` task for the dispute) on the
  database task backend, drained by the real worker (`picketline worker --batch`), which
  claims recipients in batches, renders each message once, and sends each batch over one
  connection to an SMTP sink on 127.0.0.1 (`tests/solidarity/messages/smtp_server.py`, in
  this process for ours and the baseline alike). Timed from the first enqueue until the worker
  exits (its random start-up pause of up to a second is turned off), rendering included. On
  PostgreSQL the tables are vacuumed and analysed first, untimed (`benchlib.vacuum_analyze`).
  Then every delivery must be sent with one attempt, and the sink must hold exactly one email
  per recipient.
  Baseline: the same digests, rendered beforehand, sent with `smtplib.SMTP` over one connection.
  Budget (`fanout.ratio_<recipients>x<messages>`): ours at ≥ 0.5x the baseline's rate.
  Memory (`fanout.peak_mb`): the deliveries are put back to pending and drained once more,
  untimed, under `tracemalloc`; the peak of what the drain allocated is reported.
- **page**: `GET /disputes/<slug>/` and `?messages_page=250` (the last page) on another seeded
  dispute, first with no messages (baseline), then with 10,000 published messages from 40
  countries, written with `bulk_create`.

The bench rows are removed again at the end (and at the start, after an interrupted run), so the
seeded registry the other benchmarks use is left as it was. `--quick` builds a throwaway SQLite
database with 200 disputes, 10 recipients x 20 and 300 x 5 deliveries, and 500 messages on the
page.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
import tracemalloc
from email.utils import parseaddr

from benchlib import (
    ROOT,
    Unavailable,
    emit,
    ensure_seeded,
    log,
    setup_django,
    setup_quick,
    smtp_send_plain,
    stats,
    timed,
    vacuum_analyze,
    worker_drain,
)

sys.path.insert(0, str(ROOT))
from tests.solidarity.messages.smtp_server import SmtpServer, free_port

# (recipients, messages): recipients x messages deliveries each
SIZES = ((100, 100), (10_000, 10))
PAGE_MESSAGES = 10_000
QUICK_DISPUTES = 200
QUICK_SIZES = ((10, 20), (300, 5))
QUICK_PAGE_MESSAGES = 500
PAGE_RUNS = 30
WARM_UP = 5
PER_PAGE = 20
SEED = 20_240_715
RECIPIENT_DOMAIN = "bench-messages.example.org"
COUNTRIES = [
    "AR", "AT", "AU", "BE", "BR", "CA", "CH", "CL", "CO", "CZ",
    "DE", "DK", "EG", "ES", "FI", "FR", "GB", "GR", "HU", "IE",
    "IN", "IT", "JP", "KE", "KR", "MA", "MX", "NG", "NL", "NO",
    "NZ", "PH", "PL", "PT", "RO", "SE", "TR", "US", "ZA", "ZW",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--quick", action="store_true", help="small data, own SQLite file")
    args = parser.parse_args()
    # Pages render templates: serve static names as they are, without collectstatic's manifest.
    os.environ["STATIC_PLAIN"] = "1"
    # The mailer is read from settings at set-up: point it at the sink before django.setup().
    port = free_port()
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    if args.quick:
        seeding = setup_quick("messages", disputes=QUICK_DISPUTES)
        sizes = (QUICK_SIZES, QUICK_PAGE_MESSAGES)
    else:
        try:
            setup_django(args.db)
        except Unavailable as reason:
            emit({"db": args.db, "skipped": str(reason)})
            return
        seeding = ensure_seeded(args.db)
        sizes = (SIZES, PAGE_MESSAGES)
    db = "sqlite" if args.quick else args.db
    server = SmtpServer(port)
    server.start()
    try:
        result = run(db, server, *sizes)
    finally:
        server.stop()
    result.update(seeding=seeding, quick=args.quick)
    emit(result)


# Data -------------------------------------------------------------------------------------


def bench_disputes():
    """Two public seeded disputes: one for delivery, one for the page."""
    from django.test import Client

    from picketline.disputes.models import Dispute

    client = Client()
    chosen = []
    for dispute in Dispute.objects.order_by("id")[:200]:
        if client.get(dispute.get_absolute_url()).status_code == 200:
            chosen.append(dispute)
            if len(chosen) == 2:
                return chosen
    raise SystemExit("fewer than two public disputes to run on")


def clean(disputes) -> None:
    """Removes the bench's messages, recipients and digest tasks."""
    from django_tasks_db.models import DBTaskResult

    from picketline.solidarity.models import Message, MessageDelivery, MessageRecipient

    MessageDelivery.objects.filter(message__dispute__in=disputes).delete()
    Message.objects.filter(dispute__in=disputes).delete()
    MessageRecipient.objects.filter(dispute__in=disputes).delete()
    DBTaskResult.objects.filter(task_path__contains="deliver_digest").delete()


def published_messages(dispute, count: int, rng: random.Random, *, start: int = 0) -> list:
    from django.utils import timezone

    from picketline.solidarity.models import Message

    now = timezone.now()
    messages = []
    for n in range(start, start + count):
        with_email = n % 3 == 0
        messages.append(
            Message(
                dispute=dispute,
                sender_name=f"Bench sender {n}" if n % 4 else "",
                organisation_name=f"Bench branch {n % 97}",
                country=COUNTRIES[n % len(COUNTRIES)],
                body=f"Solidarity from branch {n % 97}! " * rng.randint(2, 12),
                sender_email=f"sender{n}@example.org" if with_email else "",
                contact_consent=with_email,
                published_at=now - dt.timedelta(minutes=count - n + start),
            )
        )
    return Message.objects.bulk_create(messages, batch_size=1000)


def make_deliveries(dispute, recipients: int, messages: int, rng: random.Random) -> list:
    """`recipients` immediate-digest recipients, `messages` published messages, one delivery
    per pair, all with bulk_create. Returns the recipients."""
    from django.db import transaction

    from picketline.solidarity.models import DigestFrequency, MessageDelivery, MessageRecipient

    with transaction.atomic():
        rows = MessageRecipient.objects.bulk_create(
            [
                MessageRecipient(
                    dispute=dispute,
                    email=f"recipient{n}@{RECIPIENT_DOMAIN}",
                    frequency=DigestFrequency.IMMEDIATE,
                )
                for n in range(recipients)
            ]
        )
        if not all(r.pk for r in rows):  # backends that do not return ids
            rows = list(MessageRecipient.objects.filter(dispute=dispute).order_by("id"))
        made = published_messages(dispute, messages, rng)
        if not all(m.pk for m in made):
            made = list(dispute.messages.order_by("id"))
        MessageDelivery.objects.bulk_create(
            [MessageDelivery(message=m, recipient=r) for r in rows for m in made],
            batch_size=2000,
        )
    return rows


# Measurements -----------------------------------------------------------------------------


FANOUT_RATIO_BUDGET = 0.5
FANOUT_PEAK_MB_BUDGET = 64.0


def rendered_digests(recipients) -> list[tuple[str, list[str], bytes]]:
    """The digests ours will send, rendered beforehand the same way: (from, to, bytes)."""
    from django.conf import settings
    from django.utils import timezone, translation

    from picketline.solidarity.messages.delivery import _Digests, _due_deliveries

    now = timezone.now()
    ids: dict[int, list[int]] = {}
    rows = (
        _due_deliveries(now)
        .filter(recipient__in=recipients)
        .values_list("recipient_id", "message_id")
    )
    for recipient_id, message_id in rows.iterator(chunk_size=10_000):
        ids.setdefault(recipient_id, []).append(message_id)
    digests = _Digests()
    digests.prepare(recipients, {pk for listed in ids.values() for pk in listed})
    emails = []
    with translation.override(settings.LANGUAGE_CODE):
        for recipient in recipients:
            email = digests.email(recipient, ids[recipient.pk])
            sender = email.envelope_from or parseaddr(email.from_email)[1]
            emails.append((sender, email.recipients(), email.data))
    return emails


def delivery(dispute, server, recipients: int, messages: int) -> dict:
    from picketline.solidarity.messages.delivery import deliver_digests
    from picketline.solidarity.models import (
        DeliveryStatus,
        Message,
        MessageDelivery,
        MessageRecipient,
    )

    rng = random.Random(SEED)
    started = time.perf_counter()
    rows = make_deliveries(dispute, recipients, messages, rng)
    vacuum_analyze(Message, MessageRecipient, MessageDelivery)  # untimed, on PostgreSQL
    deliveries = MessageDelivery.objects.filter(recipient__dispute=dispute)
    total = deliveries.count()
    log(
        f"made {len(rows):,} recipients, {total:,} deliveries "
        f"in {time.perf_counter() - started:.1f} s"
    )
    rendering, emails = timed(rendered_digests, rows)

    # The worker drains the whole queue: a task another benchmark left would run in our time.
    from django_tasks_db.models import DBTaskResult

    others = DBTaskResult.objects.filter(status="READY")
    if others.exists():
        paths = sorted(set(others.values_list("task_path", flat=True)))
        log(f"delivery: removing {others.count()} tasks left queued in the bench database: {paths}")
        others.delete()
    log(f"delivery {recipients}x{messages}: enqueue and drain with the worker")
    server.received.clear()
    started = time.perf_counter()
    deliver_digests.enqueue(dispute_id=dispute.pk)  # what publishing a message enqueues
    enqueued = time.perf_counter() - started
    worker_drain()
    ours = time.perf_counter() - started
    ours_received = list(server.received)
    sent_once = deliveries.filter(status=DeliveryStatus.SENT, attempts=1).count()
    per_recipient = {}
    for to, _data in ours_received:
        for address in to:
            per_recipient[address] = per_recipient.get(address, 0) + 1
    wanted = {r.email for r in rows}
    one_each = set(per_recipient) == wanted and all(n == 1 for n in per_recipient.values())
    if sent_once != total or not one_each or len(ours_received) != len(rows):
        raise SystemExit(
            f"delivery check failed: {sent_once}/{total} sent once, "
            f"{len(ours_received)} emails for {len(rows)} recipients"
        )

    log("delivery: the same digests through smtplib over one connection (baseline)")
    server.received.clear()
    plain, _ = timed(smtp_send_plain, server.port, emails)
    if len(server.received) != len(emails):
        raise SystemExit(f"baseline: {len(server.received)} of {len(emails)} emails received")

    log("delivery: again, untimed, under tracemalloc for the worker's peak memory")
    deliveries.update(status=DeliveryStatus.PENDING, sent_at=None, attempts=0)
    MessageRecipient.objects.filter(dispute=dispute).update(last_sent_at=None)
    server.received.clear()
    server.keep_data = False  # the sink runs in this process: count the worker's memory only
    deliver_digests.enqueue(dispute_id=dispute.pk)
    tracemalloc.start()
    try:
        worker_drain()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        server.keep_data = True
    if len(server.received) != len(rows):
        raise SystemExit(f"memory run: {len(server.received)} emails for {len(rows)} recipients")
    server.received.clear()
    return {
        "recipients": len(rows),
        "messages": messages,
        "deliveries": total,
        "emails": len(ours_received),
        "sent_once": sent_once,
        "email_bytes_median": sorted(len(d) for _f, _t, d in emails)[len(emails) // 2],
        "ours_seconds": round(ours, 3),
        "enqueue_seconds": round(enqueued, 3),
        "baseline_seconds": round(plain, 3),
        # Rendering the digests (the baseline's preparation, not timed in it).
        "render_seconds": round(rendering, 3),
        # Ours at what share of the baseline's rate (budget: at least FANOUT_RATIO_BUDGET).
        "rate_ratio": plain / ours if ours else 0,
        "peak_mb": round(peak / 1e6, 2),
        "deliveries_per_second": total / ours if ours else 0,
        "emails_per_second": len(ours_received) / ours if ours else 0,
    }


# Each size is delivered this many times; the run with the median ratio is reported. A hundred
# digests take a tenth of a second, where one hiccup of a shared machine shows.
DELIVERY_RUNS = 3


def median_delivery(dispute, server, recipients: int, messages: int) -> dict:
    runs = []
    for _ in range(DELIVERY_RUNS):
        runs.append(delivery(dispute, server, recipients, messages))
        clean([dispute])
    runs.sort(key=lambda d: d["rate_ratio"])
    return {
        **runs[len(runs) // 2],
        "ratios": [round(d["rate_ratio"], 3) for d in runs],
        "peak_mb": max(d["peak_mb"] for d in runs),
    }


def fanout_budgets(db: str, sent: list[dict]) -> list[dict]:
    database = "postgresql" if db == "postgres" else "sqlite"
    budgets = [
        {
            "name": f"fanout.ratio_{d['recipients']}x{d['messages']}",
            "value": round(d["rate_ratio"], 3),
            "unit": "x",
            "budget": FANOUT_RATIO_BUDGET,
            "met": d["rate_ratio"] >= FANOUT_RATIO_BUDGET,
            "database": database,
        }
        for d in sent
    ]
    peak = max(d["peak_mb"] for d in sent)
    budgets.append(
        {
            "name": "fanout.peak_mb",
            "value": peak,
            "unit": "MB",
            "budget": FANOUT_PEAK_MB_BUDGET,
            "met": peak <= FANOUT_PEAK_MB_BUDGET,
            "database": database,
        }
    )
    return budgets


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
            raise SystemExit(f"{url} answered {response.status_code}")
        seconds.append(elapsed)
        queries.append(len(captured))
    return {
        "url": url,
        **stats(seconds),
        "queries_max": max(queries),
        "bytes": len(response.content),
    }


def page(dispute, count: int) -> dict:
    from django.test import Client

    client = Client()
    url = dispute.get_absolute_url()
    last = max(1, -(-count // PER_PAGE))
    deep = f"{url}?messages_page={min(250, last)}"
    log("page: no messages (baseline)")
    empty = measure(client, url, PAGE_RUNS)
    empty_deep = measure(client, deep, PAGE_RUNS)
    started = time.perf_counter()
    published_messages(dispute, count, random.Random(SEED + 1))
    log(f"page: made {count:,} messages in {time.perf_counter() - started:.1f} s")
    full = measure(client, url, PAGE_RUNS)
    full_deep = measure(client, deep, PAGE_RUNS)
    if f"Bench sender {count - 1}" not in client.get(url).text:
        raise SystemExit("the newest message is not on the first page")
    return {
        "messages": count,
        "deep_page": min(250, last),
        "empty": empty,
        "empty_deep": empty_deep,
        "full": full,
        "full_deep": full_deep,
        "ratio_first": full["median_ms"] / empty["median_ms"],
        "ratio_deep": full_deep["median_ms"] / empty_deep["median_ms"],
    }


def run(db: str, server, sizes, page_messages: int) -> dict:
    import django
    from django.db import connection

    from picketline.disputes.models import Dispute

    disputes = bench_disputes()
    clean(disputes)
    try:
        sent = []
        for recipients, messages in sizes:
            sent.append(median_delivery(disputes[0], server, recipients, messages))
        shown = page(disputes[1], page_messages)
    finally:
        log("removing the bench messages")
        clean(disputes)
    return {
        "db": db,
        "django": django.get_version(),
        "vendor": connection.vendor,
        "disputes": Dispute.objects.count(),
        "delivery": sent,
        "page": shown,
        "budgets": fanout_budgets(db, sent),
    }


def markdown_section(r: dict) -> list[str]:
    """The results as a section of bench/RESULTS.md."""
    lines = [f"## Solidarity messages: {r.get('db', '')}", ""]
    if "skipped" in r or "error" in r:
        return [*lines, f"Not run: {r.get('skipped') or r.get('error')}", ""]
    sent, p = r["delivery"], r["page"]
    if isinstance(sent, dict):  # a result written before delivery ran at several sizes
        sent = [sent]
    lines += [
        f"{r['vendor']} · {r['disputes']:,} disputes. **Delivery (fan-out)**: recipients "
        "(digest immediate) x published messages, one delivery row per pair, made with "
        "`bulk_create`. Ours: one `deliver_digests` task for the dispute (what publishing a "
        "message enqueues) on the database task backend, drained by the worker (`picketline "
        "worker --batch`, without the start-up pause), which claims recipients in batches, "
        "renders each message once and sends each batch over one SMTP connection; timed from "
        "the enqueue to the worker's exit, rendering included; each digest goes to an SMTP sink "
        "on 127.0.0.1. On PostgreSQL the tables are vacuumed and analysed after the rows are "
        "made, untimed, as autovacuum would. Baseline: the same digests rendered beforehand and "
        "sent with `smtplib.SMTP` over one connection. Peak memory: a second, untimed drain of "
        "the same deliveries under `tracemalloc`.",
        "",
        "| recipients x messages | deliveries | emails | ours s | baseline s | ours deliveries/s "
        "| ours ÷ baseline rate (budget ≥ 0.5) | worker peak MB | sent once |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for d in sent:
        ratio = d.get("rate_ratio", 0)
        lines.append(
            f"| {d['recipients']:,} x {d['messages']} | {d['deliveries']:,} | {d['emails']:,} "
            f"| {d['ours_seconds']:.2f} | {d['baseline_seconds']:.2f} "
            f"| {d['deliveries_per_second']:,.0f} | {ratio:.2f}x "
            f"({'met' if ratio >= FANOUT_RATIO_BUDGET else 'missed'}) "
            f"| {d.get('peak_mb', 0):.1f} | {d['sent_once']:,} of {d['deliveries']:,} |"
        )
    lines += [
        "",
        f"Each size delivered {DELIVERY_RUNS} times; the run with the median ratio is shown "
        "(the ratios of all runs: "
        + "; ".join(
            f"{d['recipients']:,} x {d['messages']}: "
            + ", ".join(f"{x:.2f}" for x in d.get("ratios", [d.get("rate_ratio", 0)]))
            for d in sent
        )
        + "), and the largest peak of memory.",
        "",
        "Rendering the digests beforehand (the baseline's preparation, not in its time): "
        + ", ".join(f"{d.get('render_seconds', 0):.2f} s for {d['emails']:,}" for d in sent)
        + ". One email per recipient at the sink in every run.",
        "",
        f"**Dispute page** (Django test client), the same dispute with no messages and with "
        f"{p['messages']:,} published messages from {len(COUNTRIES)} countries, "
        f"{PER_PAGE} a page.",
        "",
        "| request | messages | runs | median ms | p95 ms | queries (max) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = [
        ("`/disputes/<slug>/`", 0, p["empty"]),
        ("`/disputes/<slug>/`", p["messages"], p["full"]),
        (f"`?messages_page={p['deep_page']}`", 0, p["empty_deep"]),
        (f"`?messages_page={p['deep_page']}`", p["messages"], p["full_deep"]),
    ]
    for name, count, s in rows:
        lines.append(
            f"| {name} | {count:,} | {s['n']} | {s['median_ms']:.1f} | {s['p95_ms']:.1f} | "
            f"{s['queries_max']} |"
        )
    lines += [
        "",
        f"With ÷ without messages: first page {p['ratio_first']:.2f}x, page {p['deep_page']} "
        f"{p['ratio_deep']:.2f}x.",
    ]
    return [*lines, ""]


if __name__ == "__main__":
    sys.exit(main())
