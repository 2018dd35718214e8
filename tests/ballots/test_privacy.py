"""No task payload, log line or audit entry names a voter or a choice."""

import datetime as dt
import json
import logging

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from picketline.ballots.links import voter_token
from picketline.ballots.schedule import ballot_due
from picketline.ballots.services import (
    ListedVoter,
    ballot_close,
    ballot_create,
    ballot_remind,
    vote_cast,
)
from picketline.core.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db

VOTER_EMAIL = "sentinel-ballot-voter@example.invalid"
VOTER_NAME = "Sentinel Ballot Voter"
CHOICE = "Sentinel choice"


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
    }


def test_tasks_logs_and_the_audit_log_hold_no_voter_and_no_choice(
    database_tasks, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        ballot = ballot_create(
            organisation=factories.make_organisation(),
            question="Accept the offer?",
            options=[CHOICE, "Reject"],
            opens_at=now - dt.timedelta(minutes=1),
            closes_at=now + dt.timedelta(days=3),
            electorate="list",
            voters=[ListedVoter(VOTER_EMAIL, VOTER_NAME), ListedVoter("other@example.org")],
        )
    with django_capture_on_commit_callbacks(execute=True):
        voter = ballot.voters.get(email=VOTER_EMAIL)
        vote_cast(ballot_id=ballot.pk, token=voter_token(voter), choices=[CHOICE])
        ballot_remind(ballot)
        ballot_close(ballot)

    scheduled = DBTaskResult.objects.filter(task_path=ballot_due.module_path)
    # The opening, the reminder and the close, each deferred to its time.
    assert scheduled.count() == 3
    assert {t.args_kwargs["kwargs"]["ballot_id"] for t in scheduled} == {ballot.pk}
    stored = " ".join(
        json.dumps(t.args_kwargs, ensure_ascii=False) for t in DBTaskResult.objects.all()
    )
    audit = " ".join(json.dumps(e.data, ensure_ascii=False) for e in AuditEntry.objects.all())
    for text in (stored, audit, caplog.text):
        for sentinel in (VOTER_EMAIL, VOTER_NAME, CHOICE):
            assert sentinel not in text
    assert AuditEntry.objects.filter(action="ballot.closed").exists()
