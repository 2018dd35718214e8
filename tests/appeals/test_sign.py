"""Signing an appeal: the form, the API, the emailed link (once, expiry, forged), duplicates,
and bad input that stores nothing."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from picketline.appeals.models import AppealDelivery, Signature, SignatureStatus
from picketline.core.models import OutboxEmail
from tests.appeals.helpers import confirm_token, make_appeal, sign

pytestmark = pytest.mark.django_db


def _post(client, appeal, **data):
    values = {"name": "Ada Picket", "email": "ada@example.org", "country": "FR"} | data
    return client.post(f"/appeals/{appeal.slug}/sign/", values)


def test_it_takes_a_signature_that_counts_only_once_confirmed(client):
    appeal = make_appeal()
    response = _post(client, appeal, paragraph="My own words.")
    assert response.status_code == 303
    signature = Signature.objects.get()
    assert signature.status == SignatureStatus.PENDING
    assert signature.paragraph == "My own words."
    assert not AppealDelivery.objects.exists()
    assert "0 signatures" in client.get(f"/appeals/{appeal.pk}/").content.decode()

    token = confirm_token("ada@example.org")
    assert client.get(f"/appeal-signatures/{token}/").status_code == 200
    response = client.post(f"/appeal-signatures/{token}/")
    assert response.status_code == 303
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.CONFIRMED
    assert AppealDelivery.objects.filter(signature=signature).count() == 2
    page = client.get(f"/appeals/{appeal.slug}/").content.decode()
    assert "1 signature" in page


def test_the_link_works_once(client):
    appeal = make_appeal()
    _post(client, appeal)
    token = confirm_token("ada@example.org")
    assert client.post(f"/appeal-signatures/{token}/").status_code == 303
    assert client.post(f"/appeal-signatures/{token}/").status_code == 404
    assert AppealDelivery.objects.count() == 2


def test_an_expired_link_confirms_nothing(client):
    appeal = make_appeal()
    _post(client, appeal)
    token = confirm_token("ada@example.org")
    Signature.objects.update(confirm_expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert client.post(f"/appeal-signatures/{token}/").status_code == 410
    assert Signature.objects.get().status == SignatureStatus.PENDING
    assert not AppealDelivery.objects.exists()


def test_a_forged_link_is_refused(client):
    appeal = make_appeal()
    _post(client, appeal)
    assert client.post("/appeal-signatures/forged-token-0123456789/").status_code == 404
    assert Signature.objects.get().status == SignatureStatus.PENDING


def test_the_same_email_twice_is_one_signature(client):
    appeal = make_appeal()
    sign(appeal, email="ada@example.org")
    assert _post(client, appeal, email="ADA@example.org", name="Other").status_code == 303
    assert Signature.objects.count() == 1
    assert Signature.objects.get().name == "Ada Picket"
    assert AppealDelivery.objects.count() == 2


@pytest.mark.parametrize(
    "data",
    [
        {"name": ""},
        {"email": "not-an-address"},
        {"country": "ZZZ"},
        {"paragraph": "x" * 201},
        {"website": "http://spam.example"},
    ],
)
def test_bad_input_stores_nothing(client, data):
    appeal = make_appeal()
    response = _post(client, appeal, **data)
    assert response.status_code == 400
    assert not Signature.objects.exists()
    assert not OutboxEmail.objects.filter(body__contains="/appeal-signatures/").exists()


def test_a_paragraph_is_refused_when_the_appeal_takes_none(client):
    appeal = make_appeal(allowance="none")
    assert _post(client, appeal, paragraph="Extra").status_code == 303
    # The form has no such field: what a client sends anyway is ignored, not stored.
    assert Signature.objects.get().paragraph == ""


def test_a_closed_appeal_takes_no_signature(client):
    now = timezone.now()
    appeal = make_appeal(opens_at=now - dt.timedelta(days=3), closes_at=now - dt.timedelta(days=1))
    assert _post(client, appeal).status_code == 400
    assert not Signature.objects.exists()


def _api(client, appeal, **data):
    values = {"name": "Bo", "email": "bo@example.org", "country": "ES"} | data
    return client.post(
        f"/api/v1/appeals/{appeal.pk}/signatures",
        data=json.dumps(values),
        content_type="application/json",
    )


def test_the_api_takes_a_signature(client):
    appeal = make_appeal()
    response = _api(client, appeal, paragraph="Por favor.")
    assert response.status_code == 202
    assert response.json() == {"status": "pending"}
    assert Signature.objects.get().email == "bo@example.org"
    assert "bo@example.org" not in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "nope"}, "email"),
        ({"country": "XX"}, "country"),
        ({"name": ""}, "name"),
        ({"paragraph": "x" * 201}, "paragraph"),
    ],
)
def test_the_api_answers_bad_input_with_a_problem_and_stores_nothing(client, data, field):
    appeal = make_appeal()
    response = _api(client, appeal, **data)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert field in response.json()["errors"]
    assert not Signature.objects.exists()


def test_the_api_refuses_a_paragraph_the_appeal_does_not_take(client):
    appeal = make_appeal(allowance="none")
    response = _api(client, appeal, paragraph="Extra")
    assert response.status_code == 400
    assert "paragraph" in response.json()["errors"]
    assert not Signature.objects.exists()


def test_the_api_says_a_closed_appeal_is_closed(client):
    now = timezone.now()
    appeal = make_appeal(opens_at=now + dt.timedelta(days=1), closes_at=now + dt.timedelta(days=2))
    response = _api(client, appeal)
    assert response.status_code == 409
    assert not Signature.objects.exists()


def test_the_api_answers_404_for_no_appeal(client):
    response = client.post(
        "/api/v1/appeals/999999/signatures",
        data=json.dumps({"name": "Bo", "email": "bo@example.org", "country": "ES"}),
        content_type="application/json",
    )
    assert response.status_code == 404


def test_signing_is_rate_limited(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "appeal-sign": "2/hour"}
    appeal = make_appeal()
    assert _post(client, appeal, email="a@example.org").status_code == 303
    assert _api(client, appeal, email="b@example.org").status_code == 202
    assert _post(client, appeal, email="c@example.org").status_code == 429
    assert _api(client, appeal, email="d@example.org").status_code == 429
    assert Signature.objects.count() == 2
