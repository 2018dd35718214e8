"""No task's payload names a person. After every flow that emails someone (a report, a
moderator's question, a pledge, a picket sign-up and the organisers' message, RSVPs, a chapter
request, an invitation, joining and a message to the roster, endorsing a charter, confirming an
address, asking for erasure, a password reset, the moderators' digest), the stored tasks hold
ids at most; the addresses and texts wait in the outbox, and only until they are sent."""

import json

import pytest
from django.db.models import Q
from django_tasks_db.models import DBTaskResult

from picketline.accounts.own_data import email_confirm_start, erasure_request
from picketline.core.models import OutboxEmail
from picketline.disputes.shifts import ShiftOccurrence
from picketline.events.rsvps.notices import rsvp_email_send
from picketline.membership.members.selectors import RosterFilters, membership_access_for
from picketline.membership.members.services import roster_message
from picketline.moderation.digest import moderators_digest_send
from picketline.solidarity.pickets.models import ShiftSignup
from picketline.solidarity.pickets.notices import signup_confirmation_send
from picketline.solidarity.pickets.services import picket_message_send
from tests.accounts.own_data_seed import EMAIL, SENTINELS, seed_person
from tests.membership import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_tasks(settings):
    """Tasks stored as rows, as in production, and left for a worker that never comes."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
    }


def _payloads_naming(sentinels: list[str]) -> list[str]:
    found = []
    for task in DBTaskResult.objects.all():
        payload = json.dumps(task.args_kwargs, ensure_ascii=False).lower()
        if any(sentinel.lower() in payload for sentinel in sentinels):
            found.append(f"{task.task_path}: {payload}")
    return found


def test_no_task_payload_holds_an_address_or_a_name(
    client, database_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        seeded = seed_person()
        user = seeded["user"]
        email_confirm_start(user=user)
        erasure_request(user=user)
        client.post("/accounts/password/reset/", {"email": EMAIL})
        member = seeded["member"]
        organisation = member.organisation
        roster_message(
            access=membership_access_for(
                user=helpers.make_admin(organisation), organisation=organisation
            ),
            by=None,
            filters=RosterFilters(),
            subject="Branch meeting",
            body="Thursday at seven.",
        )
        signup = ShiftSignup.objects.select_related("shift").get(email__iexact=EMAIL)
        shift = signup.shift
        picket_message_send(
            shift=shift,
            occurrence=ShiftOccurrence(
                shift=shift,
                starts_at=signup.occurrence_starts_at,
                ends_at=signup.occurrence_starts_at + (shift.ends_at - shift.starts_at),
            ),
            subject="Bring a flask",
            body="It will be cold.",
            user=None,
        )
        moderators_digest_send.call()
    # The worker writes the RSVPs' emails and the sign-ups' confirmations from their ids.
    for written_by_worker in (rsvp_email_send, signup_confirmation_send):
        for task in DBTaskResult.objects.filter(task_path=written_by_worker.module_path):
            written_by_worker.call(**task.args_kwargs["kwargs"])

    assert _payloads_naming(SENTINELS) == []
    assert DBTaskResult.objects.filter(task_path="picketline.core.outbox.outbox_drain").exists()
    # The emails did go to the person, and wait in the outbox with their text.
    to_person = OutboxEmail.objects.filter(address__iexact=EMAIL)
    for subject in ("Branch meeting", "Bring a flask", "picket line", "Meeting", "Rally"):
        assert to_person.filter(subject__icontains=subject).exists(), subject
    assert to_person.filter(body__contains="/account/data/erase/").exists()
    assert to_person.filter(Q(body__contains="/password/reset/") | ~Q(html="")).exists()
    assert to_person.filter(ics__contains="BEGIN:VCALENDAR").count() >= 2
