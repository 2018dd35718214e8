"""Appeals: sending one appeal through the task worker, in-process, against raw smtplib.

    .venv/bin/python bench/appeals.py --db sqlite|postgres
    .venv/bin/python bench/appeals.py --quick        # small data in a file of its own

An appeal of a seeded dispute with 3 targets and 5,000 confirmed signatures: 15,000 delivery
rows (`AppealDelivery`, one per signature and target), written with `bulk_create`; pacing off
(`per_hour=None`), since the bench measures the fan-out, not the hour. Ours: what confirming a
signature enqueues (one `deliver_appeal` task for the appeal) on the database task backend,
drained by the real worker (`picketline worker --batch`), which claims the rows in batches,
renders the message once and each signature's part once, and sends each batch over one
connection to an SMTP sink on 127.0.0.1 (`tests/solidarity/messages/smtp_server.py`, in this
process for ours and the baseline alike). Then every delivery must be sent with one attempt,
and the sink must hold exactly 5,000 emails for each target. Baseline: the same emails, built
beforehand, sent with `smtplib.SMTP` over one connection. On PostgreSQL the appeal's tables are
vacuumed and analysed after the rows are made, untimed, as for the messages' fan-out. Reported:
`rate_ratio`, ours at what share of the baseline's rate; budget
(`fanout.ratio_appeal_<signatures>x<targets>`): ≥ 0.5x, the fan-out's budget.

Part of `make bench` (bench/run.py), on both databases. The bench's appeal is removed at the
end (and at the start, after an interrupted run). `--quick`: a small database of its own
(`benchlib.setup_quick`: a throwaway SQLite file, or the PostgreSQL database
`picketline_bench_appeals_quick`), 200 disputes, 300 signatures (`--quick --signatures 5000`:
the full appeal on that small registry).
"""

import argparse
import os
import sys
import time
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
    timed,
    vacuum_analyze,
    worker_drain,
)
from budgets import budget_at_least

sys.path.insert(0, str(ROOT))
from tests.solidarity.messages.smtp_server import SmtpServer, free_port

SIGNATURES = 5_000
TARGETS = 3
QUICK_SIGNATURES = 300
QUICK_DISPUTES = 200
TITLE = "Bench appeal"
FANOUT_RATIO_BUDGET = 0.5
COUNTRIES = ["BR", "DE", "ES", "FR", "GB", "IN", "KR", "MX", "NG", "ZA"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--quick", action="store_true", help="small data, own SQLite file")
    parser.add_argument("--signatures", type=int, help="how many (default 5,000; 300 quick)")
    args = parser.parse_args()
    port = free_port()
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    if args.quick:
        seeding = setup_quick("appeals", db=args.db, disputes=QUICK_DISPUTES)
        signatures = QUICK_SIGNATURES
    else:
        try:
            setup_django(args.db)
        except Unavailable as reason:
            emit({"db": args.db, "skipped": str(reason)})
            return
        seeding = ensure_seeded(args.db)
        signatures = SIGNATURES
    signatures = args.signatures or signatures
    server = SmtpServer(port)
    server.start()
    try:
        result = run(args.db, server, signatures)
    finally:
        server.stop()
    result.update(seeding=seeding, quick=args.quick)
    emit(result)


def clean() -> None:
    from django_tasks_db.models import DBTaskResult

    from picketline.appeals.models import Appeal

    Appeal.objects.filter(title=TITLE).delete()
    DBTaskResult.objects.filter(task_path__contains="deliver_appeal").delete()


def make_appeal(signatures: int):
    """The appeal, its targets, its confirmed signatures and their deliveries, in bulk."""
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from picketline.appeals import services
    from picketline.appeals.models import AppealDelivery, Signature, SignatureStatus, Target
    from picketline.disputes.models import Dispute

    now = timezone.now()
    with transaction.atomic():
        appeal = services.appeal_create(
            dispute=Dispute.objects.order_by("id").first(),
            user=None,
            title=TITLE,
            subject="Negotiate with your workers",
            body="We ask you to meet the unions and negotiate in good faith.\n\n" * 3,
            allowance="paragraph",
            paragraph_limit=600,
            mode="send",
            opens_at=now - dt.timedelta(days=1),
            closes_at=now + dt.timedelta(days=30),
            per_hour=None,
            show_targets=False,
            language="en",
        )
        for n in range(TARGETS):
            services.target_add(
                appeal=appeal, name=f"Manager {n}", email=f"manager{n}@bench.example", user=None
            )
        Signature.objects.bulk_create(
            [
                Signature(
                    appeal=appeal,
                    name=f"Supporter {n}",
                    email=f"supporter{n}@bench.example",
                    country=COUNTRIES[n % len(COUNTRIES)],
                    paragraph="In solidarity from my workplace. " * (n % 4),
                    status=SignatureStatus.CONFIRMED,
                    confirmed_at=now,
                )
                for n in range(signatures)
            ],
            batch_size=1000,
        )
        signature_ids = list(
            Signature.objects.filter(appeal=appeal).order_by("id").values_list("id", flat=True)
        )
        targets = list(Target.objects.filter(appeal=appeal).values_list("id", flat=True))
        AppealDelivery.objects.bulk_create(
            [
                AppealDelivery(appeal=appeal, signature_id=s, target_id=t)
                for s in signature_ids
                for t in targets
            ],
            batch_size=2000,
        )
    return appeal


def built_emails(appeal) -> list[tuple[str, list[str], bytes]]:
    """The emails ours will send, built beforehand the same way: (from, to, bytes)."""
    from django.utils import timezone

    from picketline.appeals.delivery import _Run
    from picketline.appeals.models import AppealDelivery

    run = _Run(appeal, timezone.now())
    rows = list(AppealDelivery.objects.filter(appeal=appeal).order_by("id"))
    emails = []
    for start in range(0, len(rows), 1000):
        chunk = rows[start : start + 1000]
        parts = run.signatures.get_many(row.signature_id for row in chunk)
        for _pk, email in run._emails(chunk, parts):
            sender = email.envelope_from or parseaddr(email.from_email)[1]
            emails.append((sender, email.recipients(), email.data))
    return emails


def run(db: str, server, signatures: int) -> dict:
    import django
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from picketline.appeals.delivery import deliver_appeal
    from picketline.appeals.models import AppealDelivery, DeliveryStatus, Signature, Target

    clean()
    try:
        started = time.perf_counter()
        appeal = make_appeal(signatures)
        # Untimed, as autovacuum would: the worker's plans are for the rows just made.
        vacuum_analyze(Signature, Target, AppealDelivery)
        deliveries = AppealDelivery.objects.filter(appeal=appeal)
        total = deliveries.count()
        log(
            f"made {signatures:,} signatures, {total:,} deliveries in "
            f"{time.perf_counter() - started:.1f} s"
        )
        building, emails = timed(built_emails, appeal)
        DBTaskResult.objects.filter(status="READY").delete()

        server.received.clear()
        started = time.perf_counter()
        deliver_appeal.enqueue(appeal_id=appeal.pk)
        worker_drain()
        ours = time.perf_counter() - started
        received = list(server.received)
        sent_once = deliveries.filter(status=DeliveryStatus.SENT, attempts=1).count()
        per_target: dict[str, int] = {}
        for to, _data in received:
            for address in to:
                per_target[address] = per_target.get(address, 0) + 1
        if sent_once != total or len(received) != total or set(per_target.values()) != {signatures}:
            raise SystemExit(
                f"delivery check failed: {sent_once}/{total} sent once, {len(received)} emails, "
                f"per target {per_target}"
            )

        server.received.clear()
        plain, _ = timed(smtp_send_plain, server.port, emails)
        if len(server.received) != len(emails):
            raise SystemExit(f"baseline: {len(server.received)} of {len(emails)} received")
        server.received.clear()
    finally:
        clean()
    ratio = plain / ours if ours else 0
    return {
        "db": db,
        "django": django.get_version(),
        "vendor": connection.vendor,
        "signatures": signatures,
        "targets": TARGETS,
        "emails": total,
        "ours_seconds": round(ours, 3),
        "baseline_seconds": round(plain, 3),
        "build_seconds": round(building, 3),
        "rate_ratio": round(ratio, 3),
        "emails_per_second": round(total / ours, 1) if ours else 0,
        "sent_once": sent_once,
        "budgets": [
            budget_at_least(
                f"fanout.ratio_appeal_{signatures}x{TARGETS}",
                ratio,
                FANOUT_RATIO_BUDGET,
                unit="x",
                database=db,
            )
        ],
    }


def markdown_section(r: dict) -> list[str]:
    """The results as a section of bench/RESULTS.md."""
    lines = [f"## Appeals: {r.get('db', '')}", ""]
    if "skipped" in r or "error" in r:
        return [*lines, f"Not run: {r.get('skipped') or r.get('error')}", ""]
    ratio = r["rate_ratio"]
    lines += [
        f"{r['vendor']} · one appeal of a seeded dispute, {r['targets']} targets, "
        f"{r['signatures']:,} confirmed signatures: one delivery row per signature and target, "
        "made with `bulk_create`, pacing off. Ours: one `deliver_appeal` task (what confirming a "
        "signature enqueues) on the database task backend, drained by the worker (`picketline "
        "worker --batch`, without the start-up pause), which claims the rows in batches, renders "
        "the message and each signature's part once and sends each batch over one SMTP "
        "connection; timed from the enqueue to the worker's exit. On PostgreSQL the tables are "
        "vacuumed and analysed after the rows are made, untimed. Baseline: the same emails built "
        "beforehand and sent with `smtplib.SMTP` over one connection.",
        "",
        "| signatures x targets | emails | ours s | baseline s | building s | ours emails/s "
        f"| ours ÷ baseline rate (budget ≥ {FANOUT_RATIO_BUDGET}) | sent once |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {r['signatures']:,} x {r['targets']} | {r['emails']:,} | {r['ours_seconds']:.2f} "
        f"| {r['baseline_seconds']:.2f} | {r['build_seconds']:.2f} "
        f"| {r['emails_per_second']:,.0f} | {ratio:.2f}x "
        f"({'met' if ratio >= FANOUT_RATIO_BUDGET else '**MISSED**'}) "
        f"| {r.get('sent_once', r['emails']):,} of {r['emails']:,} |",
        "",
        f"Every target received exactly {r['signatures']:,} emails at the sink.",
    ]
    return [*lines, ""]


if __name__ == "__main__":
    main()
