"""`picketline shift-places` finds an occurrence whose counter of places disagrees with its
sign-ups (a sign-up deleted by hand, a counter row lost) and repairs it under the row's lock,
with an audit entry."""

import pytest
from django.core.management import call_command

from picketline.core.audit import audit_entries_for
from picketline.disputes.models import PicketShift
from picketline.solidarity.models import ShiftPlaces, ShiftSignup
from picketline.solidarity.pickets import services
from tests.factories import make_dispute

pytestmark = pytest.mark.django_db


@pytest.fixture
def shift():
    dispute = make_dispute(with_shift=True)
    shift = PicketShift.objects.get(site__dispute=dispute)
    PicketShift.objects.filter(pk=shift.pk).update(capacity=10)
    shift.refresh_from_db()
    return shift


def _sign_up(shift, n, party_size=1):
    signup, _raw = services.signup_create(
        shift=shift,
        occurrence_starts_at=shift.starts_at,
        name=f"Volunteer {n}",
        email=f"volunteer{n}@example.org",
        party_size=party_size,
    )
    return signup


def _taken(shift):
    return ShiftPlaces.objects.get(shift=shift, occurrence_starts_at=shift.starts_at).taken


def test_it_finds_nothing_when_sign_ups_and_cancellations_went_through_the_services(shift):
    _sign_up(shift, 1, party_size=3)
    services.signup_cancel(signup=_sign_up(shift, 2, party_size=2))

    assert services.shift_places_check() == []
    assert _taken(shift) == 3


def test_it_finds_a_sign_up_deleted_by_hand(shift):
    _sign_up(shift, 1, party_size=2)
    # Deleted as the admin would, past the services: its places are still counted.
    _sign_up(shift, 2, party_size=3).delete()

    (drift,) = services.shift_places_check()

    assert (drift.shift_id, drift.starts_at, drift.taken, drift.people) == (
        shift.pk,
        shift.starts_at,
        5,
        2,
    )
    assert _taken(shift) == 5, "a check without --repair changes nothing"


def test_it_repairs_the_counter_and_writes_it_in_the_disputes_history(shift):
    _sign_up(shift, 1, party_size=2)
    _sign_up(shift, 2, party_size=3).delete()

    services.shift_places_check(repair=True)

    assert _taken(shift) == 2
    assert services.shift_places_check() == []
    (entry,) = audit_entries_for(shift.site.dispute).filter(action="picket.places_repaired")
    assert entry.data == {
        "shift": shift.pk,
        "starts_at": shift.starts_at.isoformat(),
        "before": 5,
        "after": 2,
    }


def test_a_repaired_counter_lets_the_freed_places_be_taken(shift):
    _sign_up(shift, 1, party_size=10)
    ShiftSignup.objects.filter(shift=shift).delete()

    services.shift_places_check(repair=True)
    _sign_up(shift, 2, party_size=10)

    assert _taken(shift) == 10


def test_it_finds_and_makes_a_missing_counter_row(shift):
    _sign_up(shift, 1, party_size=2)
    _sign_up(shift, 2)
    ShiftPlaces.objects.filter(shift=shift).delete()

    (drift,) = services.shift_places_check()
    assert (drift.shift_id, drift.taken, drift.people) == (shift.pk, None, 3)

    services.shift_places_check(repair=True)

    assert _taken(shift) == 3
    (entry,) = audit_entries_for(shift.site.dispute).filter(action="picket.places_repaired")
    assert (entry.data["before"], entry.data["after"]) == (None, 3)
    assert services.shift_places_check() == []


def test_an_occurrence_with_only_cancelled_sign_ups_needs_no_counter(shift):
    services.signup_cancel(signup=_sign_up(shift, 1))
    ShiftPlaces.objects.filter(shift=shift).delete()

    assert services.shift_places_check() == []


def test_the_command_fails_on_a_drift_and_repairs_it_when_asked(shift, capsys):
    _sign_up(shift, 1, party_size=2)
    ShiftPlaces.objects.filter(shift=shift).update(taken=7)

    with pytest.raises(SystemExit) as failed:
        call_command("shift_places")
    assert failed.value.code == 1
    assert f"Shift {shift.pk} at " in (out := capsys.readouterr().out)
    assert "7 places counted, 2 people signed up" in out
    assert _taken(shift) == 7

    call_command("shift_places", "--repair")
    assert "Repaired the places of 1 shift." in capsys.readouterr().out
    call_command("shift_places")
    assert "agree" in capsys.readouterr().out
    assert _taken(shift) == 2


def test_the_command_names_an_occurrence_without_a_counter(shift, capsys):
    _sign_up(shift, 1, party_size=4)
    ShiftPlaces.objects.filter(shift=shift).delete()

    with pytest.raises(SystemExit):
        call_command("shift_places")

    assert "no places counted, 4 people signed up" in capsys.readouterr().out
