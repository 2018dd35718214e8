"""The private link a volunteer gets to cancel their sign-up."""

import pytest
from django.urls import reverse

from picketline.disputes.models import PicketShift
from picketline.solidarity.models import ShiftSignup
from picketline.solidarity.pickets import services as services
from picketline.solidarity.pickets.selectors import people_coming
from tests.factories import make_dispute

pytestmark = pytest.mark.django_db


def _signup(**fields):
    dispute = make_dispute(with_shift=True)
    shift = PicketShift.objects.get(site__dispute=dispute)
    signup, token = services.signup_create(
        shift=shift,
        occurrence_starts_at=shift.starts_at,
        name="Ada",
        email="ada@example.org",
        party_size=3,
        **fields,
    )
    return shift, signup, token


def test_it_asks_before_cancelling(client):
    _shift, signup, token = _signup()

    response = client.get(reverse("solidarity:picket_cancel", kwargs={"token": token}))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "Yes, cancel my sign-up" in response.text
    signup.refresh_from_db()
    assert signup.cancelled_at is None


def test_it_cancels_and_frees_the_places(client):
    shift, signup, token = _signup()
    assert people_coming(shift=shift, starts_at=shift.starts_at) == 3

    response = client.post(reverse("solidarity:picket_cancel", kwargs={"token": token}))

    assert response.status_code == 200
    assert "Your sign-up is cancelled" in response.text
    signup.refresh_from_db()
    assert signup.cancelled_at is not None
    assert people_coming(shift=shift, starts_at=shift.starts_at) == 0


def test_it_cancels_twice_harmlessly(client):
    _shift, signup, token = _signup()
    url = reverse("solidarity:picket_cancel", kwargs={"token": token})
    client.post(url)
    signup.refresh_from_db()
    first = signup.cancelled_at

    response = client.post(url)

    assert response.status_code == 200
    signup.refresh_from_db()
    assert signup.cancelled_at == first


def test_it_stores_only_the_tokens_hash(client):
    _shift, signup, token = _signup()

    assert token not in signup.cancel_token_hash
    assert ShiftSignup.objects.filter(cancel_token_hash=services.token_hash(token)).exists()


def test_it_knows_no_made_up_token(client):
    _signup()

    url = reverse("solidarity:picket_cancel", kwargs={"token": "not-a-real-token"})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
