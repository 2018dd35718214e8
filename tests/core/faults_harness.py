"""Kill every database connection of a running site, under load, and see what it kept.

Used by tests/core/test_faults_postgres.py and bench/faults.py. gunicorn serves a scratch
PostgreSQL database with the demo data; client threads read pages and write solidarity messages
(API), RSVPs (API) and pledges (the fund page's form), each write carrying a unique marker;
meanwhile every connection the site holds is terminated with `pg_terminate_backend`, a few
times. Afterwards every write the site acknowledged (a 2xx or 3xx answer) must be stored.

Reading and checking the data goes through Django in a subprocess pointed at the scratch
database, so the calling process (a test session) keeps its own settings.
"""

import http.cookiejar
import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def postgres_url(base: str, name: str) -> str:
    """`base` with its database name replaced by `name`."""
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def _psycopg(url: str, **options):
    import psycopg

    return psycopg.connect(url.replace("postgres://", "postgresql://", 1), **options)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_env(database_url: str, *, conn_max_age: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env.update(
        DATABASE_URL=database_url,
        DATABASE_CONN_MAX_AGE=str(conn_max_age),
        DJANGO_SETTINGS_MODULE="picketline.settings",
        DEBUG="false",
        STATIC_PLAIN="true",
        SECRET_KEY="faults-only-secret-key-not-for-production-0123456789",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        EMAIL_URL="dummy://",
        CACHE_URL="locmem://",
        # One client address sends everything here; the limits are not what is tested.
        **dict.fromkeys(
            (variable for variable, _default in settings.RATE_LIMIT_VARIABLES.values()),
            "1000000/minute",
        ),
        TILE_URL="http://tiles.invalid/{z}/{x}/{y}.png",
        LOG_LEVEL="ERROR",
        PYTHONUNBUFFERED="1",
    )
    return env


def _picketline(*args: str, env: dict[str, str]) -> str:
    completed = subprocess.run(
        [sys.executable, "-m", "picketline.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"picketline {' '.join(args)} failed: {completed.stderr[-2000:]}")
    return completed.stdout


def _django(code: str, *, env: dict[str, str]) -> dict:
    """Runs `code` with Django set up on the scratch database; it sets `result` (JSON)."""
    script = "import django, json, sys\ndjango.setup()\n" + code + "\nprint(json.dumps(result))"
    completed = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr[-2000:])
    return json.loads(completed.stdout.strip().splitlines()[-1])


TARGETS = """
from django.utils import timezone
from picketline.disputes.demo.people import DEMO_COORDINATED
from picketline.disputes.models import Dispute
from picketline.events.models import Event
from picketline.solidarity.models import Fund

dispute = Dispute.objects.get(title=DEMO_COORDINATED)
fund = Fund.objects.filter(dispute=dispute, verified_at__isnull=False).order_by("pk").first()
event = (
    Event.objects.filter(published_at__isnull=False, status="scheduled",
                         starts_at__gt=timezone.now())
    .order_by("starts_at").first()
)
result = {
    "dispute_id": dispute.pk,
    "dispute_path": dispute.get_absolute_url(),
    "fund_path": f"{dispute.get_absolute_url()}funds/{fund.pk}/",
    "event_slug": event.slug,
}
"""

VERIFY = """
from picketline.events.models import Rsvp
from picketline.solidarity.models import Message, Pledge

markers = MARKERS
result = {
    "message": sorted(set(Message.objects.filter(body__in=markers["message"])
                          .values_list("body", flat=True))),
    "rsvp": sorted(set(Rsvp.objects.filter(email__in=markers["rsvp"])
                       .values_list("email", flat=True))),
    "pledge": sorted(set(Pledge.objects.filter(email__in=markers["pledge"])
                         .values_list("email", flat=True))),
}
"""


def prepare_database(*, server_url: str, name: str, reuse: bool = False) -> tuple[str, dict]:
    """A fresh database `name` with the schema and the demo data; returns its URL and targets.
    With `reuse`, a database of that name left by an earlier run is kept as it is."""
    url = postgres_url(server_url, name)
    if reuse:
        try:
            return url, _django(TARGETS, env=site_env(url, conn_max_age=0))
        except RuntimeError:
            pass
    with _psycopg(postgres_url(server_url, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    env = site_env(url, conn_max_age=0)
    _picketline("migrate", "--no-input", "--verbosity", "0", env=env)
    for command in ("demo", "demo-solidarity", "demo-events"):
        _picketline(command, env=env)
    return url, _django(TARGETS, env=env)


def drop_database(*, server_url: str, name: str) -> None:
    with _psycopg(postgres_url(server_url, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def terminate_connections(*, database_url: str) -> int:
    """Terminates every connection to the site's database but the one asking; returns how many."""
    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    with _psycopg(database_url, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return sum(1 for (done,) in rows if done)


class Site:
    """gunicorn with `workers` processes on the scratch database, on a free port."""

    def __init__(self, database_url: str, *, workers: int, conn_max_age: int, log_path: Path):
        self.port = free_port()
        self.log_path = log_path
        self._log = open(log_path, "w")  # noqa: SIM115 (closed in stop())
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "picketline.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            env=site_env(database_url, conn_max_age=conn_max_age),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not answer /healthz within 60 s")
        # Every worker answers once, so each holds a connection when the first kill comes.
        for _ in range(workers * 4):
            urllib.request.urlopen(f"{self.url}/healthz", timeout=5).close()

    def worker_pids(self) -> set[int]:
        children = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.add(int(stat.parent.name))
        return children

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()


@dataclass
class Call:
    kind: str  # page, api, message, rsvp, pledge
    started: float
    ended: float
    status: int | None  # None: no HTTP answer at all
    marker: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 400


@dataclass
class Report:
    calls: list[Call] = field(default_factory=list)
    kills: list[tuple[float, int]] = field(default_factory=list)  # (when, connections)
    stored: dict = field(default_factory=dict)
    workers_before: set[int] = field(default_factory=set)
    workers_after: set[int] = field(default_factory=set)
    duration: float = 0.0
    # After the load: one more kill while every worker is idle, then requests one by one.
    idle_requests: int = 0
    idle_errors: int = 0

    def errors(self) -> list[Call]:
        return [call for call in self.calls if not call.ok]

    def recovery_seconds(self) -> list[float]:
        """For each kill: from the kill to the end of the first success that started after it."""
        seconds = []
        for when, _ in self.kills:
            after = [c.ended - when for c in self.calls if c.started >= when and c.ok]
            seconds.append(min(after) if after else float("inf"))
        return seconds

    def in_flight_at_a_kill(self, call: Call, grace: float = 0.0) -> bool:
        """The call was being answered when a kill came (or within `grace` seconds after it:
        a terminated backend takes a moment to go)."""
        return any(call.started <= when + grace and call.ended >= when for when, _ in self.kills)

    def errors_between_kills(self, grace: float = 3.0) -> list[Call]:
        """Failed calls that no kill explains: they started more than `grace` seconds after the
        last kill. (pg_terminate_backend only signals; on a busy machine a backend can take a
        moment to go, and a request may pass its health check just before.)"""
        return [c for c in self.errors() if not self.in_flight_at_a_kill(c, grace)]

    def acknowledged(self, kind: str) -> set[str]:
        return {c.marker for c in self.calls if c.kind == kind and c.ok}

    def lost(self) -> dict[str, list[str]]:
        return {
            kind: sorted(self.acknowledged(kind) - set(self.stored.get(kind, [])))
            for kind in ("message", "rsvp", "pledge")
        }

    def summary(self) -> dict:
        writes = [c for c in self.calls if c.kind in {"message", "rsvp", "pledge"}]
        acknowledged = sum(len(self.acknowledged(kind)) for kind in ("message", "rsvp", "pledge"))
        found = acknowledged - sum(len(v) for v in self.lost().values())
        unacknowledged_stored = sum(
            len(set(self.stored.get(kind, [])) - self.acknowledged(kind))
            for kind in ("message", "rsvp", "pledge")
        )
        recovery = self.recovery_seconds()
        return {
            "seconds": round(self.duration, 1),
            "requests": len(self.calls),
            "requests_per_second": round(len(self.calls) / self.duration, 1),
            "errors": len(self.errors()),
            "errors_no_answer": sum(1 for c in self.errors() if c.status is None),
            "errors_in_flight_at_a_kill": len(self.errors()) - len(self.errors_between_kills()),
            "errors_no_kill_explains": len(self.errors_between_kills()),
            "idle_kill_requests": self.idle_requests,
            "idle_kill_errors": self.idle_errors,
            "kills": len(self.kills),
            "connections_terminated": [n for _, n in self.kills],
            "recovery_seconds": [round(s, 3) for s in recovery],
            "writes": len(writes),
            "acknowledged_writes": acknowledged,
            "acknowledged_writes_found": found,
            "unacknowledged_writes_stored": unacknowledged_stored,
            "by_kind": {
                kind: {
                    "sent": sum(1 for c in self.calls if c.kind == kind),
                    "acknowledged": len(self.acknowledged(kind)),
                    "found": len(self.acknowledged(kind)) - len(self.lost()[kind]),
                }
                for kind in ("message", "rsvp", "pledge")
            },
            "workers_unchanged": self.workers_before == self.workers_after,
        }


class Client:
    """One person's browser: cookies, CSRF token, and a marker on every write."""

    def __init__(self, site_url: str, targets: dict):
        self.base = site_url
        self.targets = targets
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def _send(self, method, path, *, data=None, json_body=None) -> tuple[int | None, str]:
        headers = {"Accept-Language": "en"}
        body = None
        if json_body is not None:
            body = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        elif data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = self.base + path
        request = urllib.request.Request(
            self.base + path, data=body, method=method, headers=headers
        )
        try:
            with self.opener.open(request, timeout=20) as answer:
                return answer.status, answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except (OSError, urllib.error.URLError):
            return None, ""

    def one(self, kind: str) -> Call:
        marker = ""
        started = time.monotonic()
        if kind == "page":
            status, _ = self._send("GET", self.targets["dispute_path"])
        elif kind == "api":
            status, _ = self._send("GET", "/api/v1/disputes?limit=10")
        elif kind == "message":
            marker = f"Solidarity from the faults test {uuid.uuid4().hex}"
            status, _ = self._send(
                "POST",
                f"/api/v1/disputes/{self.targets['dispute_id']}/messages",
                json_body={"body": marker, "sender_name": "Faults", "country": "GB"},
            )
        elif kind == "rsvp":
            marker = f"rsvp-{uuid.uuid4().hex}@example.org"
            status, _ = self._send(
                "POST",
                f"/api/v1/events/{self.targets['event_slug']}/rsvps",
                json_body={"name": "Faults test", "email": marker},
            )
        else:
            marker = f"pledge-{uuid.uuid4().hex}@example.org"
            status, page = self._send("GET", self.targets["fund_path"])
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            if status == 200 and token:
                status, _ = self._send(
                    "POST",
                    self.targets["fund_path"],
                    data={
                        "csrfmiddlewaretoken": token.group(1),
                        "amount": "5",
                        "recurrence": "once",
                        "name": "Faults test",
                        "email": marker,
                        "website": "",
                    },
                )
            elif status is not None and status < 400:
                status = 599  # a page without its form is a failure too
        return Call(kind, started, time.monotonic(), status, marker)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_303(self, request, answer, code, message, headers):
        return answer

    http_error_302 = http_error_301 = http_error_303


MIX = ["page", "api", "message", "message", "rsvp", "rsvp", "pledge", "pledge"]


def run_faults(
    *,
    server_url: str,
    name: str,
    workers: int = 3,
    clients: int = 6,
    seconds: float = 20.0,
    kills: int = 3,
    conn_max_age: int = 60,
    keep_database: bool = False,
    log_path: Path | None = None,
    log=lambda message: None,
) -> Report:
    """The whole experiment; returns what happened. The scratch database `name` is dropped at
    the end unless `keep_database`."""
    log(f"preparing {name}")
    database_url, targets = prepare_database(server_url=server_url, name=name, reuse=keep_database)
    try:
        log(f"starting gunicorn with {workers} workers (CONN_MAX_AGE={conn_max_age})")
        log_path = log_path or Path(os.devnull)
        site = Site(database_url, workers=workers, conn_max_age=conn_max_age, log_path=log_path)
        report = Report(workers_before=site.worker_pids())
        try:
            _load(
                site,
                targets,
                report,
                clients=clients,
                seconds=seconds,
                kills=kills,
                database_url=database_url,
                log=log,
            )
            _idle_kill(site, report, database_url=database_url, workers=workers)
            report.workers_after = site.worker_pids()
        finally:
            site.stop()
        markers = {
            kind: sorted({c.marker for c in report.calls if c.kind == kind and c.marker})
            for kind in ("message", "rsvp", "pledge")
        }
        env = site_env(database_url, conn_max_age=0)
        report.stored = _django(VERIFY.replace("MARKERS", repr(markers)), env=env)
        return report
    finally:
        if not keep_database:
            drop_database(server_url=server_url, name=name)


def _idle_kill(site, report, *, database_url, workers) -> None:
    """Connections kept by idle workers are dead after a kill; the next request of each worker
    must notice before using one (CONN_HEALTH_CHECKS), not fail."""
    time.sleep(1.0)
    terminate_connections(database_url=database_url)
    time.sleep(0.5)
    client = Client(site.url, {})
    for _ in range(workers * 3):
        status, _ = client._send("GET", "/api/v1/disputes?limit=1")
        report.idle_requests += 1
        if status != 200:
            report.idle_errors += 1


def _load(site, targets, report, *, clients, seconds, kills, database_url, log) -> None:
    stop = threading.Event()
    lock = threading.Lock()
    origin = time.monotonic()

    def client_loop(number: int) -> None:
        rng = random.Random(number)
        client = Client(site.url, targets)
        while not stop.is_set():
            call = client.one(rng.choice(MIX))
            with lock:
                report.calls.append(call)

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    # Kills spread over the run, the last leaving a third of it to show recovery.
    for k in range(kills):
        when = origin + seconds * (k + 1) / (kills + 1.5)
        time.sleep(max(0.0, when - time.monotonic()))
        killed_at = time.monotonic()
        count = terminate_connections(database_url=database_url)
        report.kills.append((killed_at, count))
        log(f"kill {k + 1}: terminated {count} connections")
    time.sleep(max(0.0, origin + seconds - time.monotonic()))
    stop.set()
    for thread in threads:
        thread.join()
    report.duration = time.monotonic() - origin
