"""A coordinator caps how many people a picket shift needs; sign-ups stop there."""

import pytest

from picketline.disputes.models import PicketShift
from tests.factories import login, make_coordinator, make_dispute

pytestmark = pytest.mark.django_db


def _post(client, dispute, shift, **changes):
    data = {
        "site": shift.site_id,
        "starts_at": "2031-03-04T07:00",
        "ends_at": "2031-03-04T10:00",
        "timezone": "Europe/London",
        "recurrence": "none",
        **changes,
    }
    return client.post(f"/disputes/{dispute.slug}/manage/shifts/{shift.pk}/", data)


def test_it_sets_and_clears_a_shifts_capacity(client):
    dispute = make_dispute(with_shift=True)
    login(client, make_coordinator(dispute))
    shift = PicketShift.objects.get(site__dispute=dispute)

    assert _post(client, dispute, shift, capacity="12").status_code == 302
    shift.refresh_from_db()
    assert shift.capacity == 12

    assert _post(client, dispute, shift, capacity="").status_code == 302
    shift.refresh_from_db()
    assert shift.capacity is None


@pytest.mark.parametrize("capacity", ["0", "-3", "lots"])
def test_it_refuses_a_capacity_that_is_not_a_positive_number(client, capacity):
    dispute = make_dispute(with_shift=True)
    login(client, make_coordinator(dispute))
    shift = PicketShift.objects.get(site__dispute=dispute)

    response = _post(client, dispute, shift, capacity=capacity)

    assert response.status_code == 400
    shift.refresh_from_db()
    assert shift.capacity is None
