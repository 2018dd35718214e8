"""Each occurrence's counter of places taken always equals the people signed up to it, through
sign-ups (some refused as full), cancellations and the erasure of a volunteer's data."""

import random

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum

from picketline.disputes.models import PicketShift
from picketline.solidarity.models import ShiftPlaces, ShiftSignup
from picketline.solidarity.own_data import signups_erase
from picketline.solidarity.pickets import services
from tests.factories import make_dispute, make_user

pytestmark = pytest.mark.django_db


def _assert_counter_true(shift: PicketShift) -> None:
    people = (
        ShiftSignup.objects.filter(
            shift=shift, occurrence_starts_at=shift.starts_at, cancelled_at__isnull=True
        ).aggregate(n=Sum("party_size"))["n"]
        or 0
    )
    places = ShiftPlaces.objects.filter(shift=shift, occurrence_starts_at=shift.starts_at).first()
    assert (places.taken if places else 0) == people
    assert shift.capacity is None or people <= shift.capacity


@pytest.mark.parametrize("seed", [1, 2])
def test_it_keeps_the_counter_true_through_random_sign_ups_cancellations_and_erasures(seed):
    rng = random.Random(seed)
    dispute = make_dispute(with_shift=True)
    shift = PicketShift.objects.get(site__dispute=dispute)
    PicketShift.objects.filter(pk=shift.pk).update(capacity=6)
    shift.refresh_from_db()
    people = [make_user() for _ in range(4)]
    refused = 0

    for _ in range(40):
        action = rng.choice(["sign_up", "sign_up", "cancel", "erase"])
        if action == "sign_up":
            person = rng.choice(people)
            try:
                services.signup_create(
                    shift=shift,
                    occurrence_starts_at=shift.starts_at,
                    name="Volunteer",
                    email=person.email,
                    party_size=rng.randint(1, 3),
                )
            except ValidationError as error:
                assert error.code == "full"
                refused += 1
        elif action == "cancel":
            active = list(ShiftSignup.objects.filter(shift=shift, cancelled_at__isnull=True))
            if active:
                services.signup_cancel(signup=rng.choice(active))
        else:
            signups_erase(rng.choice(people))
        _assert_counter_true(shift)

    assert refused, "the picket never filled: the test did not reach its capacity"


def test_it_refuses_a_party_larger_than_the_places_left_and_takes_nothing():
    dispute = make_dispute(with_shift=True)
    shift = PicketShift.objects.get(site__dispute=dispute)
    PicketShift.objects.filter(pk=shift.pk).update(capacity=3)
    shift.refresh_from_db()
    services.signup_create(
        shift=shift,
        occurrence_starts_at=shift.starts_at,
        name="A",
        email="a@example.org",
        party_size=2,
    )

    with pytest.raises(ValidationError):
        services.signup_create(
            shift=shift,
            occurrence_starts_at=shift.starts_at,
            name="B",
            email="b@example.org",
            party_size=2,
        )

    assert ShiftPlaces.objects.get(shift=shift).taken == 2
    assert ShiftSignup.objects.filter(shift=shift).count() == 1


def test_the_first_sign_up_makes_the_counter_and_a_party_too_large_makes_none():
    dispute = make_dispute(with_shift=True)
    shift = PicketShift.objects.get(site__dispute=dispute)
    PicketShift.objects.filter(pk=shift.pk).update(capacity=3)

    with pytest.raises(ValidationError) as refused:
        services.signup_create(
            shift=shift,
            occurrence_starts_at=shift.starts_at,
            name="A",
            email="a@example.org",
            party_size=4,
        )

    assert refused.value.code == "full"
    assert not ShiftPlaces.objects.filter(shift=shift).exists()
    services.signup_create(
        shift=shift,
        occurrence_starts_at=shift.starts_at,
        name="B",
        email="b@example.org",
        party_size=3,
    )
    assert ShiftPlaces.objects.get(shift=shift).taken == 3


def test_a_shift_without_a_capacity_takes_everyone():
    dispute = make_dispute(with_shift=True)
    shift = PicketShift.objects.get(site__dispute=dispute)
    assert shift.capacity is None

    for n in range(3):
        services.signup_create(
            shift=shift,
            occurrence_starts_at=shift.starts_at,
            name=f"V{n}",
            email=f"v{n}@example.org",
            party_size=50,
        )

    assert ShiftPlaces.objects.get(shift=shift).taken == 150
