"""Thirty people signing up at the same moment to a picket that needs ten: ten get in.

Each thread has its own database connection; a barrier lines them up so their transactions
overlap. The shift's row lock and the capacity re-check decide, not the order of arrival.
"""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from picketline.disputes.models import PicketShift
from picketline.solidarity.models import ShiftSignup
from picketline.solidarity.pickets import services as services
from tests.factories import make_dispute

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PEOPLE = 30
CAPACITY = 10
ONE_DAY = dt.timedelta(days=1)


def test_it_never_overbooks_a_picket_when_everyone_signs_up_at_once():
    dispute = make_dispute(with_shift=True)
    shift = PicketShift.objects.get(site__dispute=dispute)
    PicketShift.objects.filter(pk=shift.pk).update(capacity=CAPACITY)
    barrier = threading.Barrier(PEOPLE)
    outcomes = [None] * PEOPLE

    def sign_up(index):
        try:
            barrier.wait(timeout=10)
            services.signup_create(
                shift=shift,
                occurrence_starts_at=shift.starts_at,
                name=f"Volunteer {index}",
                email=f"volunteer{index}@example.org",
            )
            outcomes[index] = "in"
        except ValidationError as error:
            outcomes[index] = error.code
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(i,)) for i in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert outcomes.count("in") == CAPACITY
    assert outcomes.count("full") == PEOPLE - CAPACITY
    assert ShiftSignup.objects.filter(shift=shift, cancelled_at__isnull=True).count() == CAPACITY


def test_it_reminds_once_when_two_workers_run_at_the_same_moment():
    dispute = make_dispute(with_shift=True)
    shift = PicketShift.objects.get(site__dispute=dispute)
    for index in range(5):
        services.signup_create(
            shift=shift,
            occurrence_starts_at=shift.starts_at,
            name=f"Volunteer {index}",
            email=f"volunteer{index}@example.org",
        )
    workers = 4
    barrier = threading.Barrier(workers)
    claimed = [0] * workers

    def run(index):
        try:
            barrier.wait(timeout=10)
            claimed[index] = services.reminders_send_due(now=shift.starts_at - ONE_DAY)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sum(claimed) == 5
    assert not ShiftSignup.objects.filter(reminded_at__isnull=True).exists()


def test_16_threads_signing_up_and_cancelling_keep_the_counter_true():
    from picketline.solidarity.models import ShiftPlaces
    from tests.concurrency import race

    dispute = make_dispute(with_shift=True)
    shift = PicketShift.objects.get(site__dispute=dispute)
    PicketShift.objects.filter(pk=shift.pk).update(capacity=CAPACITY)

    def worker(n):
        for k in range(6):
            try:
                signup, _raw = services.signup_create(
                    shift=shift,
                    occurrence_starts_at=shift.starts_at,
                    name=f"Volunteer {n}-{k}",
                    email=f"v{n}-{k}@example.org",
                    party_size=1 + (n + k) % 3,
                )
            except ValidationError as error:
                assert error.code == "full"
                continue
            if k % 2:
                services.signup_cancel(signup=signup)
        return n

    assert race([lambda n=n: worker(n) for n in range(16)]) == list(range(16))

    active = ShiftSignup.objects.filter(shift=shift, cancelled_at__isnull=True)
    people = sum(active.values_list("party_size", flat=True))
    places = ShiftPlaces.objects.get(shift=shift, occurrence_starts_at=shift.starts_at)
    assert places.taken == people
    assert 0 < people <= CAPACITY


def test_a_full_picket_refuses_at_once_without_waiting_for_the_counters_lock():
    """Someone holds the counter's row (a sign-up in progress): a party that cannot fit is
    refused from the counter as it reads it, while one that fits waits its turn."""
    from django.db import OperationalError, transaction

    from picketline.solidarity.models import ShiftPlaces

    dispute = make_dispute(with_shift=True)
    shift = PicketShift.objects.select_related("site").get(site__dispute=dispute)
    PicketShift.objects.filter(pk=shift.pk).update(capacity=3)
    services.signup_create(
        shift=shift,
        occurrence_starts_at=shift.starts_at,
        name="First",
        email="first@example.org",
        party_size=2,
    )
    held, release = threading.Event(), threading.Event()

    def hold_the_counter():
        try:
            with transaction.atomic():
                ShiftPlaces.objects.select_for_update().get(shift=shift)
                held.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_counter)
    holder.start()
    try:
        assert held.wait(timeout=10)
        with connection.cursor() as cursor:
            # Waiting for the lock at all fails the statement instead of hanging the test.
            cursor.execute("SET lock_timeout = '500ms'")

        def sign_up(size):
            services.signup_create(
                shift=shift,
                occurrence_starts_at=shift.starts_at,
                name="Next",
                email=f"next{size}@example.org",
                party_size=size,
            )

        with pytest.raises(ValidationError) as refused:
            sign_up(2)
        assert refused.value.code == "full"
        with pytest.raises(OperationalError, match="lock timeout"):
            sign_up(1)
    finally:
        release.set()
        holder.join(timeout=30)
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")

    sign_up(1)
    assert ShiftPlaces.objects.get(shift=shift).taken == 3
