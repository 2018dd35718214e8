"""Shared by the benchmark scripts: the bench databases, Django set-up, timing statistics.

Each script runs in its own process because settings read DATABASE_URL at import time. A script
prints its result as one JSON line starting with RESULT_PREFIX; progress goes to stderr.
"""

import hashlib
import io
import json
import os
import smtplib
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / ".data"
STATIC_ROOT = DATA_DIR / "static"
# The registry's size. `make bench` uses 100,000; BENCH_DISPUTES=1000000 measures a larger one
# (docs/scaling.md) in a SQLite file and a stamp of its own, so the usual databases stay as
# they are (give PostgreSQL a database of its own with BENCH_POSTGRES_URL).
DISPUTES = int(os.environ.get("BENCH_DISPUTES", "100000"))
_SIZE_SUFFIX = "" if DISPUTES == 100_000 else f"-{DISPUTES}"
SQLITE_PATH = DATA_DIR / f"bench{_SIZE_SUFFIX}.sqlite3"
SEED = 1
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/picketline_bench"
# Databases a benchmark must never reset, whatever BENCH_POSTGRES_URL says.
PROTECTED_DATABASES = {"", "test", "postgres", "root", "template0", "template1"}
RESULT_PREFIX = "BENCH-RESULT "


class Unavailable(Exception):
    """The benchmark cannot run here (no PostgreSQL, page not written yet…); says why."""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def emit(result: dict) -> None:
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def database_url(db: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{SQLITE_PATH}"
    if db == "postgres":
        url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
        name = urlsplit(url).path.lstrip("/")
        if name in PROTECTED_DATABASES:
            raise SystemExit(f"BENCH_POSTGRES_URL names {name!r}; use a database of its own")
        return url
    raise SystemExit(f"unknown database {db!r}: use sqlite or postgres")


def bench_env(db: str = "sqlite") -> dict[str, str]:
    """Environment for Django processes of the bench (settings read only these)."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url(db),
        DJANGO_SETTINGS_MODULE="picketline.settings",
        DEBUG="0",
        STATIC_ROOT=str(STATIC_ROOT),
        SECRET_KEY="bench-only-secret-key-not-for-production-use-0123456789",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        # Nothing leaves the machine: tiles point at a host that cannot resolve.
        TILE_URL="http://tiles.invalid/{z}/{x}/{y}.png",
        CACHE_URL="locmem://",
        LOG_LEVEL="WARNING",
    )
    return env


def setup_django(db: str) -> None:
    os.environ.update(bench_env(db))
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    if db == "postgres":
        _ensure_postgres_database(os.environ["DATABASE_URL"])
    import django

    django.setup()


def _ensure_postgres_database(url: str) -> None:
    """Create the bench database when the server answers but the database is missing."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    options = {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": parts.username or "postgres",
        "password": parts.password,
        "connect_timeout": 5,
    }
    try:
        psycopg.connect(dbname=name, **options).close()
        return
    except psycopg.OperationalError as error:
        if "does not exist" not in str(error):
            reason = " ".join(str(error).split())
            raise Unavailable(
                f"PostgreSQL at {options['host']}:{options['port']}: {reason}"
            ) from None
    # CREATE DATABASE has to be issued from another database; this only creates the bench one.
    with psycopg.connect(dbname="postgres", autocommit=True, **options) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    log(f"created PostgreSQL database {name}")


def setup_quick(name: str, *, db: str = "sqlite", disputes: int = 200) -> dict:
    """A small database of its own for a `--quick` run, set up with Django; the shared bench
    databases stay untouched. SQLite: a fresh file `<name>-quick.sqlite3`, seeded with
    `disputes` disputes. PostgreSQL: the database `picketline_bench_<name>_quick` on the bench
    server (made when missing, seeded when empty). Returns how it was seeded."""
    os.environ.update(bench_env("sqlite"))
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    if db == "postgres":
        base = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
        url = base.rsplit("/", 1)[0] + f"/picketline_bench_{name}_quick"
        os.environ["DATABASE_URL"] = url
        _ensure_postgres_database(url)
    else:
        path = DATA_DIR / f"{name}-quick.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.core.management import call_command

    from picketline.disputes.demo.seeding import seed_disputes
    from picketline.disputes.models import Dispute

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    sites = 0
    if not Dispute.objects.exists():
        report = seed_disputes(count=disputes, seed=1)
        sites = report.sites
        log(f"quick: seeded {report.disputes:,} disputes in {time.perf_counter() - started:.0f} s")
    return {"seconds": round(time.perf_counter() - started, 1), "sites": sites}


def fingerprint() -> str:
    """Changes when the schema (any migration) or the seeding code changes: then we reseed."""
    digest = hashlib.sha256(f"{DISPUTES}:{SEED}".encode())
    sources = sorted(ROOT.glob("picketline/*/migrations/*.py"))
    sources += [
        ROOT / "picketline/disputes/demo/seeding.py",
        ROOT / "picketline/disputes/demo/words.py",
        BENCH_DIR / "pages_data.py",
    ]
    for path in sources:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _stamp_path(db: str) -> Path:
    return DATA_DIR / f"{db}{_SIZE_SUFFIX}.seeded.json"


def _reset_database(db: str) -> None:
    from django.db import connection

    if db == "sqlite":
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")


def _seeded_as_expected() -> bool:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from picketline.disputes.models import Dispute

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return False
    return (
        Dispute.objects.count() == DISPUTES
        and Dispute.objects.filter(source_key__startswith="seed:").count() == DISPUTES
    )


def ensure_seeded(db: str) -> dict:
    """Reuse the bench database when it holds the expected data, else rebuild it.

    Call after setup_django(). Returns how the data was seeded (seconds, sites, towns), with
    "reused" set when an earlier run's data was kept.
    """
    from django.core.management import call_command
    from django.db import connection

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    stamp = _stamp_path(db)
    expected = fingerprint()
    recorded = json.loads(stamp.read_text()) if stamp.exists() else {}
    if recorded.get("fingerprint") == expected:
        call_command("migrate", verbosity=0, interactive=False)
        if _seeded_as_expected():
            log(f"{db}: reusing the seeded bench database")
            return {"reused": True, **{k: v for k, v in recorded.items() if k != "fingerprint"}}
    log(f"{db}: (re)building the bench database with {DISPUTES:,} disputes")
    stamp.unlink(missing_ok=True)
    _reset_database(db)
    call_command("migrate", verbosity=0, interactive=False)
    # A real instance loads the gazetteer on setup, and seeding then spreads disputes over its
    # towns; without it they crowd into the seeding module's couple of hundred cities.
    load_started = time.perf_counter()
    try:
        call_command("load_places", verbosity=0, stdout=io.StringIO())
    except Exception as error:  # the gazetteer is optional: seed around the built-in towns
        log(f"{db}: could not load the gazetteer ({error!r}); seeding around built-in towns")
    else:
        log(f"{db}: loaded the gazetteer in {time.perf_counter() - load_started:.0f} s")
    from picketline.disputes.demo.seeding import seed_disputes

    started = time.perf_counter()
    report = seed_disputes(
        count=DISPUTES,
        seed=SEED,
        progress=lambda done, total: done % 20_000 == 0 and log(f"{db}: seeded {done:,}"),
    )
    # The public pages' bench needs a long dispute page, a large day of action and so on.
    from pages_data import seed_page_data

    seed_page_data()
    seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would soon gather, so plans do not depend on timing.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    info = {"seconds": round(seconds, 1), "sites": report.sites, "towns": report.towns_from}
    stamp.write_text(json.dumps({"fingerprint": expected, **info}))
    log(f"{db}: seeded {report.disputes:,} disputes, {report.sites:,} sites in {seconds:.0f} s")
    return info


def stats(samples_s: list[float]) -> dict:
    """Median, p95 and spread of timings given in seconds, reported in milliseconds."""
    ms = sorted(s * 1000 for s in samples_s)
    if not ms:
        return {"n": 0}
    p95_index = min(len(ms) - 1, max(0, round(0.95 * len(ms) + 0.5) - 1))
    return {
        "n": len(ms),
        "median_ms": round(statistics.median(ms), 3),
        "p95_ms": round(ms[p95_index], 3),
        "min_ms": round(ms[0], 3),
        "max_ms": round(ms[-1], 3),
    }


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - started, value


# The fan-out benchmarks (messages, appeals) -------------------------------------------------


def vacuum_analyze(*models) -> None:
    """On PostgreSQL, vacuums and analyses the models' tables, as autovacuum would between two
    runs (the bench server may run without it): the rows an earlier run deleted are cleared, and
    the planner plans for the rows just made rather than for the empty tables it last saw."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {tables}")


def worker_drain() -> None:
    """`picketline worker --batch`, without its per-task log lines and without the random
    start-up pause of up to a second (meant to spread many workers' first polls)."""
    from django.core.management import call_command

    call_command(
        "worker", batch=True, interval=0.05, startup_delay=False, verbosity=0, stdout=io.StringIO()
    )


def smtp_send_plain(port: int, emails) -> None:
    """The fan-out's baseline: finished emails `(from, to, bytes)` sent with smtplib, every one
    over one connection to 127.0.0.1:`port`."""
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for sender, to, data in emails:
            smtp.sendmail(sender, to, data)
