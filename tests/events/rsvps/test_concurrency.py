"""RSVPs arriving at the same moment from separate database connections never overbook.

Each RSVP runs in its own thread with its own connection; a barrier releases them together so
their transactions overlap. PostgreSQL here allows 100 connections, so at most 60 RSVPs hold one
at a time (a semaphore) while the rest queue for theirs: the event's row lock, not the order the
threads started in, decides who gets a seat.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from picketline.core.models import AuditEntry
from picketline.core.tokens import token_new
from picketline.events.choices import RsvpStatus
from picketline.events.models import Event, Rsvp
from picketline.events.rsvps import selectors as rsvp_selectors
from picketline.events.rsvps import services as rsvps
from tests.concurrency import race
from tests.factories import make_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _users(count: int, prefix: str) -> list:
    User = get_user_model()
    User.objects.bulk_create(
        User(username=f"{prefix}{n}", email=f"{prefix}{n}@example.org") for n in range(count)
    )
    return list(User.objects.filter(username__startswith=prefix).order_by("pk"))


def _race(actions):
    return race(actions, refused=ValidationError)


def _assert_consistent(event: Event) -> list[Rsvp]:
    """The stored seat count matches the rows, and numbers are unique and contiguous."""
    event.refresh_from_db()
    rows = list(Rsvp.objects.filter(event=event).exclude(number=None).order_by("number"))
    numbers = [row.number for row in rows]
    assert numbers == list(range(1, len(rows) + 1))
    confirmed = sum(row.status == RsvpStatus.CONFIRMED for row in rows)
    assert event.confirmed_count == confirmed
    assert event.capacity is None or confirmed <= event.capacity
    return rows


def test_300_rsvps_at_once_to_100_seats_give_100_places_and_200_in_line():
    event = make_event(capacity=100)
    users = _users(300, "crowd")

    outcomes = _race([lambda u=u: rsvps.rsvp_create(event=event, user=u) for u in users])

    assert all(isinstance(o, rsvps.RsvpResult) for o in outcomes)
    statuses = [o.status for o in outcomes]
    assert statuses.count(RsvpStatus.CONFIRMED) == 100
    assert statuses.count(RsvpStatus.WAITLISTED) == 200
    rows = _assert_consistent(event)
    assert len(rows) == 300
    assert len({row.user_id for row in rows}) == 300
    # Places went in the order the lock was taken: every seat before every place in line...
    assert [row.status for row in rows] == [RsvpStatus.CONFIRMED] * 100 + [
        RsvpStatus.WAITLISTED
    ] * 200
    # ...and each person waiting was told their true place, 1 to 200 with none repeated.
    positions = sorted(o.position for o in outcomes if o.status == RsvpStatus.WAITLISTED)
    assert positions == list(range(1, 201))
    for outcome in outcomes:
        if outcome.status == RsvpStatus.WAITLISTED:
            assert outcome.position == outcome.rsvp.number - 100


def test_one_person_answering_twenty_times_at_once_holds_one_rsvp():
    event = make_event(capacity=5)
    (user,) = _users(1, "eager")

    outcomes = _race([lambda: rsvps.rsvp_create(event=event, user=user) for _ in range(20)])

    assert Rsvp.objects.filter(event=event, user=user).count() == 1
    assert sum(not o.existing for o in outcomes) == 1
    event.refresh_from_db()
    assert event.confirmed_count == 1


def test_three_cancellations_at_once_promote_exactly_the_first_three_waiting():
    event = make_event(capacity=10)
    users = _users(15, "queue")
    results = [rsvps.rsvp_create(event=event, user=u) for u in users]
    seated = [r.rsvp for r in results if r.status == RsvpStatus.CONFIRMED]
    waiting = [r.rsvp for r in results if r.status == RsvpStatus.WAITLISTED]
    assert len(seated) == 10 and len(waiting) == 5

    _race([lambda r=r: rsvps.rsvp_cancel(rsvp=r) for r in seated[:3]])

    rows = _assert_consistent(event)
    promoted = [row for row in rows if row.promoted_at is not None]
    assert [row.pk for row in promoted] == [r.pk for r in waiting[:3]]
    assert event.confirmed_count == 10
    still_waiting = [row for row in rows if row.status == RsvpStatus.WAITLISTED]
    assert [rsvp_selectors.waitlist_position(row) for row in still_waiting] == [1, 2]
    assert AuditEntry.objects.filter(action="rsvp.promoted").count() == 3


def test_one_rsvp_cancelled_five_times_at_once_frees_one_seat_once():
    event = make_event(capacity=2)
    users = _users(4, "twice")
    results = [rsvps.rsvp_create(event=event, user=u) for u in users]
    first = results[0].rsvp

    _race([lambda: rsvps.rsvp_cancel(rsvp=first) for _ in range(5)])

    rows = _assert_consistent(event)
    assert [row.pk for row in rows if row.promoted_at] == [results[2].rsvp.pk]
    assert AuditEntry.objects.filter(action="rsvp.promoted").count() == 1
    assert AuditEntry.objects.filter(action="rsvp.cancelled").count() == 1


def test_a_cancellation_racing_new_answers_keeps_the_count_true():
    event = make_event(capacity=10)
    users = _users(16, "racing")
    seated = [rsvps.rsvp_create(event=event, user=u).rsvp for u in users[:10]]

    actions = [lambda: rsvps.rsvp_cancel(rsvp=seated[0])]
    actions += [lambda u=u: rsvps.rsvp_create(event=event, user=u) for u in users[10:]]
    _race(actions)

    rows = _assert_consistent(event)
    assert event.confirmed_count == 10
    assert sum(row.status == RsvpStatus.WAITLISTED for row in rows) == 5


def test_fifty_emailed_links_followed_at_once_fill_twenty_seats():
    event = make_event(capacity=20)
    links = []
    for n in range(50):
        result = rsvps.rsvp_create(event=event, name=f"Guest {n}", email=f"g{n}@example.org")
        raw, result.rsvp.confirm_token_hash = token_new()
        result.rsvp.save(update_fields=["confirm_token_hash"])
        links.append(raw)

    outcomes = _race([lambda raw=raw: rsvps.rsvp_confirm(raw=raw) for raw in links])

    statuses = [o.status for o in outcomes]
    assert statuses.count(RsvpStatus.CONFIRMED) == 20
    assert statuses.count(RsvpStatus.WAITLISTED) == 30
    _assert_consistent(event)


def test_one_confirmation_link_followed_five_times_at_once_works_once():
    event = make_event(capacity=20)
    result = rsvps.rsvp_create(event=event, name="Guest", email="guest@example.org")
    raw, result.rsvp.confirm_token_hash = token_new()
    result.rsvp.save(update_fields=["confirm_token_hash"])

    outcomes = _race([lambda: rsvps.rsvp_confirm(raw=raw) for _ in range(5)])

    assert sum(isinstance(o, rsvps.RsvpResult) for o in outcomes) == 1
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 4 and all(e.code == "unknown" for e in refused)
    rows = _assert_consistent(event)
    assert len(rows) == 1


def test_16_threads_answering_and_cancelling_at_once_keep_the_counters_true():
    event = make_event(capacity=20)
    users = _users(160, "mixed")

    def worker(mine):
        for n, user in enumerate(mine):
            result = rsvps.rsvp_create(event=event, user=user)
            if n % 3 == 2:
                rsvps.rsvp_cancel(rsvp=result.rsvp)
        return len(mine)

    outcomes = _race([lambda n=n: worker(users[n::16]) for n in range(16)])

    assert outcomes == [10] * 16
    rows = _assert_consistent(event)
    assert len(rows) == 160
    confirmed = [r for r in rows if r.status == RsvpStatus.CONFIRMED]
    waiting = [r for r in rows if r.status == RsvpStatus.WAITLISTED]
    assert len(confirmed) == 20
    # Everyone still waiting came after the last seat was given, in order, and nobody waits
    # while a seat is free.
    assert waiting and min(r.number for r in waiting) > 20
    assert rsvps.rsvp_counters_check() == []


def test_with_the_database_task_backend_the_rsvp_and_its_email_are_stored(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
    }
    event = make_event(capacity=1)
    users = _users(2, "stored")

    seated = rsvps.rsvp_create(event=event, user=users[0])
    waiting = rsvps.rsvp_create(event=event, user=users[1])

    assert (seated.status, waiting.status) == (RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED)
    _assert_consistent(event)
    created = AuditEntry.objects.filter(action="rsvp.created").order_by("id")
    assert [e.data for e in created] == [
        {"rsvp": seated.rsvp.pk, "status": RsvpStatus.CONFIRMED},
        {"rsvp": waiting.rsvp.pk, "status": RsvpStatus.WAITLISTED},
    ]
    queued = DBTaskResult.objects.filter(task_path__endswith="rsvp_email_send")
    payloads = sorted(task.args_kwargs["kwargs"]["rsvp_id"] for task in queued)
    assert payloads == sorted([seated.rsvp.pk, waiting.rsvp.pk])
    # The payload names the RSVP, never its address.
    assert not any("@" in str(task.args_kwargs) for task in queued)
