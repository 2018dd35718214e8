"""Sending an appeal: one email per target per confirmed signature, the supporter named and
their address nowhere in it; pacing per target; exactly once through a mail outage; a
petition sends nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from picketline.appeals.delivery import deliver_appeal
from picketline.appeals.models import AppealDelivery, DeliveryStatus
from picketline.settings import mailer_settings
from tests.appeals.helpers import make_appeal, sign
from tests.solidarity.messages.smtp_server import SmtpServer, free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    server = SmtpServer(free_port())
    settings.MAILERS = {"default": mailer_settings(f"smtp://127.0.0.1:{server.port}")}
    yield server
    server.stop()


def _sent():
    return AppealDelivery.objects.filter(status=DeliveryStatus.SENT).count()


def test_it_sends_each_signature_to_each_target_once(smtp):
    smtp.start()
    appeal = make_appeal(targets=2)
    sign(appeal, email="ada@example.org", name="Ada Picket", country="FR", paragraph="Mine.")
    sign(appeal, email="bo@example.org", name="Bo Striker", country="ES")
    assert deliver_appeal.call(appeal_id=appeal.pk) == 4
    assert smtp.count_for("target1@employer.example") == 2
    assert smtp.count_for("target2@employer.example") == 2
    everything = b"".join(data for _to, data in smtp.received)
    assert b"Ada Picket, France" in everything
    assert b"Bo Striker, Spain" in everything
    assert b"Dear Manager 1," in everything
    assert b"ada@example.org" not in everything
    assert b"bo@example.org" not in everything
    assert deliver_appeal.call(appeal_id=appeal.pk) == 0
    assert len(smtp.received) == 4


def test_a_target_added_later_gets_every_confirmed_signature(smtp):
    from picketline.appeals.services import target_add

    smtp.start()
    appeal = make_appeal(targets=1)
    sign(appeal, email="ada@example.org")
    target_add(appeal=appeal, name="Investor", email="fund@investor.example", user=None)
    assert deliver_appeal.call(appeal_id=appeal.pk) == 2
    assert smtp.count_for("fund@investor.example") == 1


def test_pacing_sends_at_most_per_hour_to_a_target_and_the_rest_next_run(smtp):
    smtp.start()
    appeal = make_appeal(targets=2, per_hour=3)
    for n in range(5):
        sign(appeal, email=f"s{n}@example.org", name=f"Supporter {n}")
    assert deliver_appeal.call(appeal_id=appeal.pk) == 6
    assert smtp.count_for("target1@employer.example") == 3
    assert smtp.count_for("target2@employer.example") == 3
    # The same hour: nothing more.
    assert deliver_appeal.call(appeal_id=appeal.pk) == 0
    assert len(smtp.received) == 6
    appeal.refresh_from_db()
    assert appeal.delivery_run_at is not None
    assert appeal.delivery_run_at > timezone.now() + dt.timedelta(minutes=55)

    # An hour later the rest go.
    AppealDelivery.objects.filter(status=DeliveryStatus.SENT).update(
        sent_at=timezone.now() - dt.timedelta(hours=1, seconds=1)
    )
    assert deliver_appeal.call(appeal_id=appeal.pk) == 4
    assert smtp.count_for("target1@employer.example") == 5
    assert smtp.count_for("target2@employer.example") == 5
    assert _sent() == 10


def test_pacing_counts_what_was_sent_in_the_last_hour(smtp):
    smtp.start()
    appeal = make_appeal(targets=1, per_hour=2)
    sign(appeal, email="a@example.org")
    assert deliver_appeal.call(appeal_id=appeal.pk) == 1
    for n in range(3):
        sign(appeal, email=f"b{n}@example.org")
    # One of the two places of this hour is taken already.
    assert deliver_appeal.call(appeal_id=appeal.pk) == 1
    assert smtp.count_for("target1@employer.example") == 2


def test_nothing_is_lost_or_sent_twice_through_a_mail_outage(smtp):
    appeal = make_appeal(targets=2, per_hour=None)
    for n in range(3):
        sign(appeal, email=f"s{n}@example.org", name=f"Supporter {n}")
    # The server is down: every delivery waits with its attempt counted.
    assert deliver_appeal.call(appeal_id=appeal.pk) == 0
    rows = list(AppealDelivery.objects.all())
    assert len(rows) == 6
    assert all(r.status == DeliveryStatus.PENDING and r.attempts == 1 for r in rows)
    assert all(r.next_attempt_at > timezone.now() and r.last_error for r in rows)

    # It comes back, takes three emails and goes down again.
    smtp.start()
    smtp.down_after = 3
    AppealDelivery.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    assert deliver_appeal.call(appeal_id=appeal.pk) == 3
    assert _sent() == 3

    smtp.down_after = None
    AppealDelivery.objects.filter(status=DeliveryStatus.PENDING).update(
        next_attempt_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert deliver_appeal.call(appeal_id=appeal.pk) == 3
    assert _sent() == 6
    pairs = [(tuple(to), data.split(b"\r\n\r\n", 1)[1]) for to, data in smtp.received]
    assert len(smtp.received) == 6
    assert len(set(pairs)) == 6
    assert smtp.count_for("target1@employer.example") == 3
    assert smtp.count_for("target2@employer.example") == 3


def test_a_petition_sends_nothing(smtp):
    smtp.start()
    appeal = make_appeal(targets=2, mode="petition")
    sign(appeal, email="ada@example.org")
    assert not AppealDelivery.objects.exists()
    assert deliver_appeal.call(appeal_id=appeal.pk) == 0
    assert smtp.received == []
