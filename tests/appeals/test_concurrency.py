"""Delivery runs side by side on PostgreSQL: each signature reaches each target once, and
pacing holds across the runs (the targets' row locks)."""

import threading

import pytest
from django.db import connection

from picketline.appeals.delivery import deliver_appeal
from picketline.appeals.models import AppealDelivery, DeliveryStatus
from picketline.core import fanout
from picketline.settings import mailer_settings
from tests.appeals.helpers import make_appeal, sign
from tests.solidarity.messages.smtp_server import SmtpServer, free_port

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def smtp(settings):
    server = SmtpServer(free_port())
    settings.MAILERS = {"default": mailer_settings(f"smtp://127.0.0.1:{server.port}")}
    server.start()
    yield server
    server.stop()


def _side_by_side(appeal, runs: int = 3) -> list[int]:
    sent = [0] * runs
    start = threading.Barrier(runs, timeout=30)

    def run(index: int):
        try:
            start.wait()
            sent[index] = deliver_appeal.call(appeal_id=appeal.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return sent


def test_runs_side_by_side_send_each_signature_to_each_target_once(smtp, monkeypatch):
    monkeypatch.setattr(fanout, "BATCH_SIZE", 5)
    appeal = make_appeal(targets=2, per_hour=None)
    for n in range(20):
        sign(appeal, email=f"s{n}@example.org", name=f"Supporter {n}")
    assert sum(_side_by_side(appeal)) == 40
    assert len(smtp.received) == 40
    assert smtp.count_for("target1@employer.example") == 20
    assert AppealDelivery.objects.filter(status=DeliveryStatus.SENT, attempts=1).count() == 40


def test_pacing_holds_across_runs_side_by_side(smtp, monkeypatch):
    monkeypatch.setattr(fanout, "BATCH_SIZE", 3)
    appeal = make_appeal(targets=1, per_hour=7)
    for n in range(20):
        sign(appeal, email=f"s{n}@example.org", name=f"Supporter {n}")
    assert sum(_side_by_side(appeal)) == 7
    assert smtp.count_for("target1@employer.example") == 7
