"""Two web processes, as `picketline serve` starts by default, share one count.

With counts in each process's memory, forty reports in a minute from one address once got
twenty through a limit of ten an hour. Here two gunicorn workers answer a fresh, migrated
database with the default settings (no CACHE_URL): each worker accepts some of the first ten
reports, so neither reaches ten on its own, and yet the eleventh is refused.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

REPORT = {
    "employer": "Harbour Lane Warehouse",
    "place": "Leeds",
    "latitude": 53.7997,
    "longitude": -1.5492,
    "kind": "strike",
    "description": "Warehouse workers walked out over the heat inside.",
    "unions": ["Transport Workers' Union"],
    "demands": ["safety"],
    "sources": ["https://example.org/news/walkout"],
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _postgres_url(name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgresql",
            marks=pytest.mark.postgres("the same workers against a PostgreSQL database"),
        ),
    ],
)
def database_url(request, tmp_path):
    """A database of the test's own, migrated from nothing by `picketline migrate`."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'two-processes.sqlite3'}"
        return
    import psycopg

    name = f"picketline_two_processes_{os.getpid()}"
    admin = _postgres_url("postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield _postgres_url(name)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def server(database_url, tmp_path):
    """`gunicorn picketline.wsgi -w 2` on a free port; yields (address, access log path).

    The access log records each answer with the id of the worker process that gave it: the
    test sees which worker answered without the application saying so.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CACHE_URL", "RATE_LIMIT_", "TRUST"))
    }
    env.update(
        DATABASE_URL=database_url,
        SUBMISSION_RATE_LIMIT="10/hour",
        STATIC_PLAIN="true",
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
    )
    subprocess.run(
        [sys.executable, "-m", "picketline.cli", "migrate", "--no-input", "--verbosity", "0"],
        env=env,
        check=True,
        timeout=300,
    )
    port = _free_port()
    log = tmp_path / "access.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "picketline.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            str(log),
            "--access-logformat",
            "%(p)s %(s)s %(m)s %(U)s",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(address, process)
        yield address, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_up(address: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn stopped: {process.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{address}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail("gunicorn did not answer within a minute")


def _report(address: str, number: int) -> int:
    body = json.dumps({**REPORT, "employer": f"Employer {number}"}).encode()
    request = urllib.request.Request(
        f"{address}/api/v1/submissions",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _answers_by_worker(log: Path, *, count: int) -> dict[str, Counter]:
    """The reports' answers in the access log, by worker. A worker writes its log line just
    after the answer has gone out, so the log is read again (for at most ten seconds) until it
    holds all `count` answers."""
    deadline = time.monotonic() + 10
    while True:
        workers: dict[str, Counter] = {}
        for line in log.read_text().splitlines():
            pid, status, method, path = line.split()
            if method == "POST" and path == "/api/v1/submissions":
                workers.setdefault(pid, Counter())[int(status)] += 1
        if sum(map(Counter.total, workers.values())) >= count or time.monotonic() > deadline:
            return workers
        time.sleep(0.05)


def _outside_the_last_minute_of_a_window() -> None:
    """The count starts again each hour: never begin just before one ends."""
    left = 3600 - time.time() % 3600
    if left < 90:
        time.sleep(left + 1)


def test_two_worker_processes_refuse_the_eleventh_report_in_an_hour(server):
    address, log = server
    _outside_the_last_minute_of_a_window()
    # Five at a time: while one worker is busy, the other takes the next connection.
    with ThreadPoolExecutor(max_workers=5) as pool:
        first_ten = list(pool.map(lambda n: _report(address, n), range(10)))
    assert first_ten == [201] * 10
    with ThreadPoolExecutor(max_workers=4) as pool:
        after = list(pool.map(lambda n: _report(address, n), range(10, 14)))
    assert after == [429] * 4

    workers = _answers_by_worker(log, count=14)
    assert len(workers) == 2, f"both workers must have answered: {workers}"
    for answers in workers.values():
        # Each worker accepted some reports but fewer than ten: neither counted alone.
        assert 0 < answers[201] < 10, workers
    assert sum(answers[429] for answers in workers.values()) == 4
