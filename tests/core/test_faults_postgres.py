"""The site survives its database connections being killed under load, on PostgreSQL.

gunicorn (3 workers, connections kept between requests) serves a scratch database with the demo
data while clients read pages and send solidarity messages, RSVPs and pledges; every connection
of the site is terminated three times meanwhile, then once more while the workers are idle.
See tests/core/faults_harness.py, and bench/faults.py for the same with numbers.
"""

import os
from urllib.parse import quote

import pytest
from django.db import connection

from tests.core.faults_harness import run_faults

pytestmark = pytest.mark.postgres("it kills the app's PostgreSQL connections under load")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    settings = connection.settings_dict
    user = quote(settings.get("USER") or "")
    password = f":{quote(settings['PASSWORD'])}" if settings.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    server = f"postgres://{auth}{settings.get('HOST') or 'localhost'}{port}/postgres"
    name = os.environ.get("FAULTS_TEST_DATABASE") or (
        settings["NAME"].removeprefix("test_") + "_faults"
    )
    return run_faults(
        server_url=server,
        name=name,
        workers=3,
        clients=6,
        seconds=18,
        kills=3,
        conn_max_age=60,
        log_path=tmp_path_factory.mktemp("faults") / "gunicorn.log",
    )


def test_it_kills_every_connection_the_site_holds(report):
    assert len(report.kills) == 3
    assert all(count >= 1 for _, count in report.kills), report.kills


def test_it_answers_again_within_seconds_of_each_kill(report):
    assert max(report.recovery_seconds()) < 10, report.summary()


def test_it_fails_only_requests_that_were_running_when_their_connection_went(report):
    assert report.errors_between_kills() == [], report.summary()


def test_it_replaces_an_idle_workers_dead_connection_before_using_it(report):
    assert report.idle_requests > 0
    assert report.idle_errors == 0, report.summary()


def test_it_stores_every_write_it_acknowledged(report):
    summary = report.summary()
    for kind in ("message", "rsvp", "pledge"):
        assert summary["by_kind"][kind]["acknowledged"] > 0, summary
    assert report.lost() == {"message": [], "rsvp": [], "pledge": []}


def test_it_needs_no_restart(report):
    assert report.workers_before
    assert report.workers_after == report.workers_before
