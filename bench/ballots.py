"""Ballots: votes under contention against plain inserts, and the invitations to 10,000 voters
through the outbox and the worker against raw smtplib (issue 17).

    .venv/bin/python bench/ballots.py --db sqlite|postgres
    .venv/bin/python bench/ballots.py --quick [--db postgres]   # small numbers

- **votes**: a list ballot (`services.ballot_create`, electorate "list", opened at once) of
  VOTES voters; every voter votes through `services.vote_cast` with their private link from
  THREADS threads released together, each with its own connection (on PostgreSQL; SQLite lets
  one writer in at a time, so there it runs in one thread and says so). Then a tenth of those
  links (REPLAY_SHARE) vote again from the same threads, and every replay must be refused
  (`already_voted`).
  Baseline: the same number of rows written with plain `SealedVote.objects.create` (a sealed
  string of the same size, made beforehand) from the same threads into a twin ballot: no lock,
  no roll, no check. Reference (PostgreSQL): `vote_cast` from one thread on a third ballot.
  Afterwards the ballot must hold exactly VOTES sealed votes and VOTES voters marked as voted;
  then `ballot_close` (timed: opening, shuffling and counting the sealed votes) must count
  VOTES votes whose sums per option are the votes cast. Budget (PostgreSQL, several threads):
  `ballot.vote_ratio`, ours ÷ plain inserts in votes per second, at least 0.3 with the checks
  passed, as `rsvp.ratio`. SQLite has no such budget, as for RSVPs.
- **invitations**: a list ballot of FANOUT voters made as a draft, then opened with
  `services.ballot_open` (timed, reported apart: freezing the roll, a link's nonce and hash per
  voter, one invitation per voter written to the outbox). Ours: the `outbox_drain` task that
  opening queues, drained by the worker (`picketline worker --batch`, in this process) to an
  SMTP sink on 127.0.0.1 (`tests/solidarity/messages/smtp_server.py`); timed from the enqueue
  to the worker's exit. Every voter must receive exactly one email, carrying their own link.
  Baseline: the same emails, built beforehand from the outbox rows the way the drain builds
  them, sent with `smtplib.SMTP` over one connection. Budget
  (`fanout.ratio_ballot_invitations_<voters>`): ours' rate ÷ smtplib's, the drain only (the
  opening is not included), at least 0.5, the fan-out's budget, on both databases.

Ballots need no registry: the step runs on a small database of its own
(`benchlib.setup_quick`, no disputes): a fresh SQLite file `bench/.data/ballots-quick.sqlite3`,
or the PostgreSQL database `picketline_bench_ballots_quick`. Its ballots, organisation, emails,
tasks and audit entries are removed at the end (and at the start, after an interrupted run).
"""

import argparse
import datetime as dt
import email
import json
import os
import random
import sys
import time
from collections import Counter
from email.utils import parseaddr

from benchlib import (
    ROOT,
    Unavailable,
    emit,
    log,
    setup_quick,
    smtp_send_plain,
    stats,
    timed,
    vacuum_analyze,
    worker_drain,
)
from budgets import budget_at_least
from contention import in_threads, slices, writers_table

sys.path.insert(0, str(ROOT))
from tests.solidarity.messages.smtp_server import SmtpServer, free_port

THREADS = 16
VOTES = 2_000
FANOUT = 10_000
QUICK_THREADS = 4
QUICK_VOTES = 100
QUICK_FANOUT = 300
# Replays of links that have voted: one for every ten votes.
REPLAY_SHARE = 10
OPTIONS = ["Yes", "No", "Abstain"]
ORGANISATION = "Bench ballots union"
SLUG = "bench-ballots-union"
DOMAIN = "ballots.bench.example"
SEED = 17
VOTE_RATIO_BUDGET = 0.3
FANOUT_RATIO_BUDGET = 0.5


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--quick", action="store_true", help="small numbers")
    parser.add_argument("--votes", type=int, help="voters who vote (default 2,000; 100 quick)")
    parser.add_argument("--voters", type=int, help="invitations (default 10,000; 300 quick)")
    args = parser.parse_args()
    port = free_port()
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    try:
        setup_quick("ballots", db=args.db, disputes=0)
    except Unavailable as reason:
        emit({"db": args.db, "skipped": str(reason)})
        return
    threads = QUICK_THREADS if args.quick else THREADS
    votes = args.votes or (QUICK_VOTES if args.quick else VOTES)
    voters = args.voters or (QUICK_FANOUT if args.quick else FANOUT)
    server = SmtpServer(port)
    server.start()
    try:
        result = run(args.db, server, threads=threads, votes=votes, voters=voters)
    finally:
        server.stop()
    result.update(quick=args.quick)
    emit(result)


# Bench rows -------------------------------------------------------------------------------


def clean() -> None:
    """Removes every row the benchmark made: ballots (their voters, options, votes go with
    them), their audit entries and scheduled tasks, the bench's emails, the organisation."""
    from django.contrib.contenttypes.models import ContentType
    from django_tasks_db.models import DBTaskResult

    from picketline.ballots.models import Ballot
    from picketline.core.models import AuditEntry, OutboxEmail
    from picketline.organisations.models import Organisation

    ballots = Ballot.objects.filter(organisation__slug=SLUG)
    ids = [str(pk) for pk in ballots.values_list("pk", flat=True)]
    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Ballot), object_id__in=ids
    ).delete()
    ballots.delete()
    Organisation.objects.filter(slug=SLUG).delete()
    OutboxEmail.objects.filter(address__endswith="@" + DOMAIN).delete()
    DBTaskResult.objects.filter(task_path__contains="ballots").delete()
    DBTaskResult.objects.filter(task_path__contains="outbox_drain").delete()


def organisation():
    from picketline.organisations.models import Organisation

    found, _created = Organisation.objects.get_or_create(
        slug=SLUG, defaults={"name": ORGANISATION, "kind": Organisation.Kind.UNION}
    )
    return found


def make_ballot(name: str, voters: int, *, open_now: bool):
    """A list ballot of `voters` addresses, opened at once (its invitations queued) or a
    draft that opens in an hour."""
    from django.utils import timezone

    from picketline.ballots.services import ListedVoter, ballot_create

    now = timezone.now()
    opens_at = now - dt.timedelta(minutes=1) if open_now else now + dt.timedelta(hours=1)
    return ballot_create(
        organisation=organisation(),
        question=f"Bench ballot: {name}?",
        options=OPTIONS,
        opens_at=opens_at,
        closes_at=now + dt.timedelta(days=7),
        electorate="list",
        voters=[ListedVoter(email=f"{name}{n}@{DOMAIN}", name=f"Voter {n}") for n in range(voters)],
        zone="UTC",
    )


def links(ballot) -> list[str]:
    from picketline.ballots.links import voter_token
    from picketline.ballots.models import Voter

    return [voter_token(v) for v in Voter.objects.filter(ballot=ballot).order_by("id")]


def tasks_clear() -> None:
    """The worker drains every task due: a ballot's scheduled opening or an earlier drain would
    run in our time."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(status="READY").delete()


# Votes under contention -------------------------------------------------------------------


def _writer(wall: float, latencies: list[float], count: int) -> dict:
    return {"seconds": round(wall, 3), "per_second": count / wall, "latency": stats(latencies)}


def cast_all(ballot, attempts: list[tuple[str, str]], threads: int):
    """Every attempt through `vote_cast` from `threads` threads; (wall, latencies, codes)."""
    from picketline.ballots.services import VoteRefused, vote_cast

    codes: list[str] = []

    def cast(attempt):
        link, label = attempt
        try:
            vote_cast(ballot_id=ballot.pk, token=link, choices=[label])
            codes.append("counted")
        except VoteRefused as refused:
            codes.append(refused.code)

    wall, latencies = in_threads(cast, slices(attempts, threads))
    return wall, latencies, Counter(codes)


def votes_check(ballot, votes: int, replays: int, codes: Counter, replay_codes: Counter) -> dict:
    from picketline.ballots.models import SealedVote, Voter

    check = {
        "counted": codes.get("counted", 0),
        "refused_first_votes": sum(n for code, n in codes.items() if code != "counted"),
        "sealed_votes": SealedVote.objects.filter(ballot=ballot).count(),
        "voters_voted": Voter.objects.filter(ballot=ballot, voted=True).count(),
        "replays": replays,
        "replays_refused_already_voted": replay_codes.get("already_voted", 0),
    }
    check["ok"] = (
        check["counted"] == check["sealed_votes"] == check["voters_voted"] == votes
        and check["refused_first_votes"] == 0
        and check["replays_refused_already_voted"] == replays == sum(replay_codes.values())
    )
    return check


def close_check(ballot, votes: int, cast: Counter) -> dict:
    from picketline.ballots.models import CountedVote, SealedVote

    ballot.refresh_from_db()
    results = ballot.results or {}
    counted = CountedVote.objects.filter(ballot=ballot)
    ids = dict(ballot.options.values_list("label", "id"))
    tracker = Counter()
    for choices, weight in counted.values_list("choices", "weight"):
        for option_id in choices:
            tracker[option_id] += weight
    tally = {option["id"]: option["votes"] for option in results.get("options", [])}
    expected = {ids[label]: cast.get(label, 0) for label in OPTIONS}
    check = {
        "counted_votes": counted.count(),
        "sealed_left": SealedVote.objects.filter(ballot=ballot).count(),
        "turnout": results.get("turnout"),
        "voted_people": results.get("voted_people"),
        "tally_equals_tracker": set(tracker) <= set(tally)
        and all(tally[k] == tracker.get(k, 0) for k in tally),
        "tally_equals_votes_cast": tally == expected,
        "links_cleared": not ballot.voters.exclude(token_hash=None).exists(),
    }
    check["ok"] = (
        check["counted_votes"] == check["turnout"] == check["voted_people"] == votes
        and check["sealed_left"] == 0
        and check["tally_equals_tracker"]
        and check["tally_equals_votes_cast"]
        and check["links_cleared"]
    )
    return check


def votes_under_contention(threads: int, votes: int) -> dict:
    from django.db import connection

    from picketline.ballots.models import SealedVote
    from picketline.ballots.services import ballot_close, vote_cast
    from picketline.core.crypto import seal

    threads = threads if connection.vendor == "postgresql" else 1
    replays = max(1, votes // REPLAY_SHARE)
    ours_ballot = make_ballot("ours", votes, open_now=True)
    plain_ballot = make_ballot("plain", 1, open_now=False)
    serial_ballot = make_ballot("serial", votes, open_now=True) if threads > 1 else None
    warm_ballot = make_ballot("warm", 1, open_now=True)
    # Opening queued invitations: not what this part measures; the worker does not run here.
    from picketline.core.models import OutboxEmail

    OutboxEmail.objects.filter(address__endswith="@" + DOMAIN).delete()
    tasks_clear()
    # The first vote of the process loads the keys and the code: not timed.
    vote_cast(ballot_id=warm_ballot.pk, token=links(warm_ballot)[0], choices=[OPTIONS[0]])

    rng = random.Random(SEED)
    ours_links = links(ours_ballot)
    attempts = [(link, OPTIONS[n % len(OPTIONS)]) for n, link in enumerate(ours_links)]
    rng.shuffle(attempts)
    cast = Counter(label for _link, label in attempts)
    log(f"votes: {votes:,} voters vote on one ballot from {threads} thread(s)")
    ours_wall, ours_latency, codes = cast_all(ours_ballot, attempts, threads)
    log(f"votes: {replays:,} replays of links that have voted")
    replay_attempts = [(link, OPTIONS[1]) for link, _label in rng.sample(attempts, replays)]
    replay_wall, replay_latency, replay_codes = cast_all(ours_ballot, replay_attempts, threads)
    check = votes_check(ours_ballot, votes, replays, codes, replay_codes)
    log(f"votes: check {json.dumps(check)}")
    if not check["ok"]:
        raise SystemExit(f"vote check failed: {check}")

    log(f"votes: closing the ballot (shuffling and counting {votes:,} votes)")
    close_seconds, _ = timed(ballot_close, ours_ballot)
    closed = close_check(ours_ballot, votes, cast)
    log(f"votes: close check {json.dumps(closed)}")
    if not closed["ok"]:
        raise SystemExit(f"close check failed: {closed}")

    log("votes: the same number of rows with plain inserts (baseline)")
    salt = plain_ballot.seal_salt
    sealed = [
        seal(json.dumps({"c": [n], "w": 1, "r": f"{n:064x}"}).encode(), salt=salt)
        for n in range(votes)
    ]
    plain_wall, plain_latency = in_threads(
        lambda text: SealedVote.objects.create(ballot=plain_ballot, sealed=text),
        slices(sealed, threads),
    )
    if SealedVote.objects.filter(ballot=plain_ballot).count() != votes:
        raise SystemExit("baseline: not every row was written")

    serial = None
    if serial_ballot is not None:
        log("votes: vote_cast from one thread (reference, no contention)")
        serial_attempts = [(link, OPTIONS[n % 3]) for n, link in enumerate(links(serial_ballot))]
        serial_wall, serial_latency, serial_codes = cast_all(serial_ballot, serial_attempts, 1)
        serial = _writer(serial_wall, serial_latency, votes)
        serial["ok"] = serial_codes == Counter({"counted": votes})
    ours = _writer(ours_wall, ours_latency, votes)
    plain = _writer(plain_wall, plain_latency, votes)
    return {
        "threads": threads,
        "single_thread_because": (
            "" if threads > 1 else "SQLite lets one writer in at a time: run in one thread"
        ),
        "votes": votes,
        "ours": ours,
        "plain": plain,
        "serial": serial,
        "replays": _writer(replay_wall, replay_latency, replays),
        "close_seconds": round(close_seconds, 3),
        "ratio_ours_over_plain": ours["per_second"] / plain["per_second"],
        "ratio_plain_over_ours": plain["per_second"] / ours["per_second"],
        "check": check,
        "close_check": closed,
    }


# Invitations ------------------------------------------------------------------------------


def built_emails(rows) -> list[tuple[str, list[str], bytes]]:
    """The emails the drain will send, built beforehand from the outbox rows the same way."""
    from django.utils import timezone

    from picketline.core.outbox import _Run

    run = _Run(timezone.now())
    emails = []
    for row in rows:
        message = run.email(row)
        sender = message.envelope_from or parseaddr(message.from_email)[1]
        emails.append((sender, message.recipients(), message.data))
    return emails


def _body(data: bytes) -> str:
    return email.message_from_bytes(data).get_payload(decode=True).decode()


def invitations_check(ballot, received) -> dict:
    from picketline.ballots.links import voter_token
    from picketline.ballots.models import Voter
    from picketline.ballots.notices import vote_url
    from picketline.core.models import OutboxEmail

    wanted = {
        v.email: vote_url(ballot, voter_token(v)) for v in Voter.objects.filter(ballot=ballot)
    }
    per_voter = Counter(address for to, _data in received for address in to)
    own_link = sum(
        1
        for to, data in received
        if len(to) == 1 and to[0] in wanted and wanted[to[0]] in _body(data)
    )
    check = {
        "voters": len(wanted),
        "emails": len(received),
        "voters_with_one_email": sum(1 for a in wanted if per_voter.get(a) == 1),
        "emails_with_own_link": own_link,
        "outbox_left": OutboxEmail.objects.filter(address__endswith="@" + DOMAIN).count(),
    }
    check["ok"] = (
        check["voters"]
        == check["emails"]
        == check["voters_with_one_email"]
        == check["emails_with_own_link"]
        and set(per_voter) == set(wanted)
        and check["outbox_left"] == 0
    )
    return check


def invitations(server, voters: int) -> dict:
    from picketline.ballots.models import Voter
    from picketline.ballots.services import ballot_open
    from picketline.core.models import OutboxEmail
    from picketline.core.outbox import outbox_drain

    started = time.perf_counter()
    ballot = make_ballot("invited", voters, open_now=False)
    vacuum_analyze(Voter)  # untimed, on PostgreSQL
    made = time.perf_counter() - started
    log(f"invitations: a draft ballot of {voters:,} voters made in {made:.1f} s")
    opening, _roll = timed(ballot_open, ballot)
    ballot.refresh_from_db()
    rows = OutboxEmail.objects.filter(address__endswith="@" + DOMAIN)
    queued = rows.count()
    log(f"invitations: opened in {opening:.2f} s, {queued:,} invitations in the outbox")
    if queued != voters:
        raise SystemExit(f"opening queued {queued} invitations for {voters} voters")
    vacuum_analyze(OutboxEmail)  # untimed, as autovacuum would
    building, emails = timed(built_emails, list(rows.order_by("id")))

    tasks_clear()
    server.received.clear()
    log("invitations: the outbox drained by the worker")
    started = time.perf_counter()
    outbox_drain.enqueue()  # what opening queues once it commits
    worker_drain()
    ours = time.perf_counter() - started
    received = list(server.received)
    check = invitations_check(ballot, received)
    log(f"invitations: check {json.dumps(check)}")
    if not check["ok"]:
        raise SystemExit(f"invitation check failed: {check}")

    log("invitations: the same emails through smtplib over one connection (baseline)")
    server.received.clear()
    plain, _ = timed(smtp_send_plain, server.port, emails)
    if len(server.received) != len(emails):
        raise SystemExit(f"baseline: {len(server.received)} of {len(emails)} emails received")
    server.received.clear()
    return {
        "voters": voters,
        "emails": len(received),
        "open_seconds": round(opening, 3),
        "ours_seconds": round(ours, 3),
        "baseline_seconds": round(plain, 3),
        "build_seconds": round(building, 3),
        "emails_per_second": len(received) / ours if ours else 0,
        "baseline_emails_per_second": len(emails) / plain if plain else 0,
        # The drain's rate ÷ smtplib's; the opening is not included.
        "rate_ratio": plain / ours if ours else 0,
        "check": check,
    }


# The run ----------------------------------------------------------------------------------


def budgets(db: str, vendor: str, votes: dict, invited: dict) -> list[dict]:
    records = []
    if vendor == "postgresql" and votes["threads"] > 1:
        record = budget_at_least(
            "ballot.vote_ratio",
            votes["ratio_ours_over_plain"],
            VOTE_RATIO_BUDGET,
            unit="x",
            database=db,
        )
        record["met"] = record["met"] and votes["check"]["ok"] and votes["close_check"]["ok"]
        records.append(record)
    record = budget_at_least(
        f"fanout.ratio_ballot_invitations_{invited['voters']}",
        invited["rate_ratio"],
        FANOUT_RATIO_BUDGET,
        unit="x",
        database=db,
    )
    record["met"] = record["met"] and invited["check"]["ok"]
    records.append(record)
    return records


def run(db: str, server, *, threads: int, votes: int, voters: int) -> dict:
    import django
    from django.db import connection

    clean()
    try:
        voted = votes_under_contention(threads, votes)
        invited = invitations(server, voters)
    finally:
        log("removing the bench ballots")
        clean()
    server_version = ""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server_version = cursor.fetchone()[0]
    return {
        "db": db,
        "django": django.get_version(),
        "vendor": connection.vendor,
        "server_version": server_version,
        "sqlite_version": __import__("sqlite3").sqlite_version,
        "votes": voted,
        "invitations": invited,
        "budgets": budgets(db, connection.vendor, voted, invited),
    }


# Results ----------------------------------------------------------------------------------


def _verdict(record: dict) -> str:
    return "met" if record["met"] else "**MISSED**"


def markdown_section(r: dict) -> list[str]:
    """The results as a section of bench/RESULTS.md."""
    lines = [f"## Ballots: {r.get('db', '')}", ""]
    if "skipped" in r or "error" in r:
        return [*lines, f"Not run: {r.get('skipped') or r.get('error')}", ""]
    v, i = r["votes"], r["invitations"]
    records = {b["name"]: b for b in r.get("budgets") or []}
    threads = (
        f"{v['threads']} threads, each with its own connection"
        if v["threads"] > 1
        else f"one thread ({v['single_thread_because']})"
    )
    check, closed = v["check"], v["close_check"]
    sums_match = closed["tally_equals_votes_cast"] and closed["tally_equals_tracker"]
    lines += [
        f"{r['vendor']} {r['server_version'] or r.get('sqlite_version', '')} · a small database "
        "of its own, no registry.",
        "",
        f"**Votes under contention**: {v['votes']:,} voters of one list ballot vote through "
        f"`services.vote_cast` with their private links, from {threads}. Each vote checks the "
        "ballot is open under a shared lock of its row (PostgreSQL), finds the voter by the "
        "link's hash, raises the voter's flag with one conditional update and writes the sealed "
        "vote (AES-GCM). Baseline: the same number of `SealedVote` rows of the same size "
        "written with plain `SealedVote.objects.create` from the same threads (no lock, no "
        "roll, no check)."
        + (" Reference: `vote_cast` from one thread." if v["threads"] > 1 else ""),
        "",
        *writers_table(v, ours="`vote_cast`", unit="votes"),
        "",
        f"Ours ÷ plain inserts: {v['ratio_ours_over_plain']:.2f}x the votes per second. "
        f"Afterwards: {check['sealed_votes']:,} sealed votes, {check['voters_voted']:,} voters "
        f"marked as voted; {check['replays_refused_already_voted']:,} of {check['replays']:,} "
        f"replays refused as already voted ({v['replays']['per_second']:,.0f} a second). "
        f"Closing (shuffling and counting {v['votes']:,} votes, clearing every link) took "
        f"{v['close_seconds']:.2f} s: {closed['counted_votes']:,} counted votes, the tally's "
        f"sums equal the votes cast and the tracker's: "
        f"{'yes' if sums_match else '**no**'}. "
        f"Checks: {'passed' if check['ok'] and closed['ok'] else '**FAILED**'}.",
        "",
    ]
    vote_record = records.get("ballot.vote_ratio")
    if vote_record:
        lines += [
            f"- `ballot.vote_ratio`: {vote_record['value']:.2f}x (budget ≥ "
            f"{vote_record['budget']}x, checks included): {_verdict(vote_record)}",
            "",
        ]
    else:
        lines += ["- `ballot.vote_ratio`: no budget with one writer at a time (SQLite).", ""]
    fanout = next((b for n, b in records.items() if n.startswith("fanout.")), None)
    lines += [
        f"**Invitations to {i['voters']:,} voters**: opening a draft list ballot "
        "(`services.ballot_open`: the roll frozen, a link per voter, one invitation per voter "
        f"written to the outbox) took {i['open_seconds']:.2f} s, reported apart. Ours: the "
        "`outbox_drain` task opening queues, drained by the worker (`picketline worker "
        "--batch`, without the start-up pause) to an SMTP sink on 127.0.0.1, timed from the "
        "enqueue to the worker's exit. Baseline: the same emails built beforehand from the "
        "outbox rows and sent with `smtplib.SMTP` over one connection. The ratio compares the "
        "drain with smtplib; the opening is not included.",
        "",
        "| voters | opening s | ours (drain) s | baseline s | building s | ours emails/s "
        f"| ours ÷ baseline rate (budget ≥ {FANOUT_RATIO_BUDGET}) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {i['voters']:,} | {i['open_seconds']:.2f} | {i['ours_seconds']:.2f} "
        f"| {i['baseline_seconds']:.2f} | {i['build_seconds']:.2f} "
        f"| {i['emails_per_second']:,.0f} | {i['rate_ratio']:.2f}x "
        f"({_verdict(fanout) if fanout else 'no budget'}) |",
        "",
        f"{i['check']['voters_with_one_email']:,} of {i['voters']:,} voters received exactly one "
        f"email, {i['check']['emails_with_own_link']:,} carrying their own link. Check: "
        f"{'passed' if i['check']['ok'] else '**FAILED**'}.",
    ]
    return [*lines, ""]


if __name__ == "__main__":
    main()
