import datetime as dt
import json

import pytest
from django.core import mail
from django.core.cache import cache

from picketline.accounts.services import api_token_create
from picketline.events.choices import EventStatus, RsvpStatus
from picketline.events.models import Event, Rsvp
from picketline.events.rsvps import selectors as rsvp_selectors
from picketline.events.rsvps import services as rsvps
from tests import factories
from tests.api.helpers import problem

pytestmark = pytest.mark.django_db

BODY = {"name": "Ana", "email": "Ana@Example.org"}


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def _post(client, event, body, *, key=None, **headers):
    return client.post(
        f"/api/v1/events/{key or event.pk}/rsvps",
        data=json.dumps(body) if isinstance(body, dict) else body,
        content_type="application/json",
        **headers,
    )


def _bearer(user) -> dict:
    _token, raw = api_token_create(user=user, name="Bot")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_it_emails_a_confirmation_link_without_a_token(client, send_now):
    event = factories.make_event(title="Rally", capacity=10)
    with send_now():
        response = _post(client, event, BODY)
    assert response.status_code == 202
    data = response.json()
    assert data["status"] == "pending"
    assert "email" in data["detail"]
    assert set(data) == {"status", "detail"}
    rsvp = Rsvp.objects.get()
    assert (rsvp.status, rsvp.email, rsvp.name) == (RsvpStatus.PENDING, "ana@example.org", "Ana")
    [email] = mail.outbox
    assert email.to == ["ana@example.org"]
    assert "/events/rsvp/confirm/" in email.body
    assert response["Cache-Control"] == "private, no-store"


def test_it_answers_the_same_for_an_address_that_already_has_a_place(client, send_now):
    event = factories.make_event(capacity=10)
    result = rsvps.rsvp_create(event=event, name="Ana", email="ana@example.org")
    first = _post(client, event, BODY)
    assert first.status_code == 202
    assert Rsvp.objects.get().pk == result.rsvp.pk
    with send_now():
        again = _post(client, event, BODY)
    assert again.json() == first.json()
    assert Rsvp.objects.count() == 1
    assert len(mail.outbox) == 1


def test_it_gives_a_token_holder_a_place_at_once(client):
    user = factories.make_user()
    event = factories.make_event(capacity=1)
    response = _post(client, event, {}, **_bearer(user))
    assert response.status_code == 201
    data = response.json()
    rsvp = Rsvp.objects.get()
    assert data == {
        "id": rsvp.pk,
        "status": "confirmed",
        "position": None,
        "token": rsvp_selectors.rsvp_token(rsvp),
    }
    assert rsvp.user == user
    assert rsvp_selectors.rsvp_get_by_token(raw=data["token"]) == rsvp
    assert response["Cache-Control"] == "private, no-store"
    assert user.email.encode() not in response.content


def test_it_puts_token_holders_on_the_waiting_list_once_full(client):
    event = factories.make_event(capacity=1)
    statuses = []
    for _ in range(3):
        response = _post(client, event, {"name": "Sam"}, **_bearer(factories.make_user()))
        assert response.status_code == 201
        statuses.append((response.json()["status"], response.json()["position"]))
    assert statuses == [("confirmed", None), ("waitlisted", 1), ("waitlisted", 2)]
    event.refresh_from_db()
    assert event.confirmed_count == 1


def test_it_answers_200_with_the_same_rsvp_when_the_account_already_answered(client):
    user = factories.make_user()
    event = factories.make_event(capacity=1)
    _post(client, event, {}, **_bearer(factories.make_user()))
    first = _post(client, event, {}, **_bearer(user))
    again = _post(client, event, {}, **_bearer(user))
    assert again.status_code == 200
    assert again.json() == first.json()
    assert again.json()["position"] == 1
    assert Rsvp.objects.filter(user=user).count() == 1


def test_it_takes_an_unlisted_event_by_its_slug(client):
    event = factories.make_event(visibility="unlisted")
    assert _post(client, event, BODY, key=event.slug).status_code == 202
    problem(_post(client, event, BODY, key=event.pk), 404)


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"name": "Ana"}, {"email"}),
        ({"email": "ana@example.org"}, {"name"}),
        ({"name": "Ana", "email": "not an address"}, {"email"}),
        ({"name": "A" * 101, "email": "ana@example.org"}, {"name"}),
        ({"name": 12, "email": ["ana@example.org"]}, {"name", "email"}),
    ],
)
def test_it_refuses_a_bad_body_naming_the_fields_and_stores_nothing(client, body, fields):
    event = factories.make_event()
    document = problem(_post(client, event, body), 400)
    assert fields <= set(document["errors"])
    assert not Rsvp.objects.exists()


def test_it_refuses_a_body_that_is_not_json(client):
    event = factories.make_event()
    problem(_post(client, event, "name=Ana"), 400)
    assert not Rsvp.objects.exists()


def test_it_refuses_a_bad_name_from_a_token_holder(client):
    event = factories.make_event()
    document = problem(
        _post(client, event, {"name": "A" * 101}, **_bearer(factories.make_user())), 400
    )
    assert "name" in document["errors"]
    assert not Rsvp.objects.exists()


def test_it_refuses_an_invalid_token_and_stores_nothing(client):
    event = factories.make_event()
    problem(_post(client, event, BODY, HTTP_AUTHORIZATION="Bearer plt_nope"), 401)
    assert not Rsvp.objects.exists()


def test_it_refuses_an_event_that_is_over(client):
    event = factories.make_event(starts_in=dt.timedelta(days=-2))
    for headers in ({}, _bearer(factories.make_user())):
        document = problem(_post(client, event, BODY, **headers), 409)
        assert document["type"] == "urn:picketline:problem:rsvps-closed"
        assert "over" in document["detail"]
    assert not Rsvp.objects.exists()


def test_it_refuses_a_cancelled_event(client):
    event = factories.make_event()
    Event.objects.filter(pk=event.pk).update(status=EventStatus.CANCELLED)
    document = problem(_post(client, event, {}, **_bearer(factories.make_user())), 409)
    assert "cancelled" in document["detail"]
    assert not Rsvp.objects.exists()


def test_it_is_a_404_for_an_unpublished_event(client):
    event = factories.make_event(published=False)
    problem(_post(client, event, BODY), 404)
    problem(_post(client, event, BODY, key=event.slug), 404)
    assert not Rsvp.objects.exists()


def test_it_limits_rsvps_from_one_address(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "rsvp": "1/hour"}
    event = factories.make_event()
    assert _post(client, event, BODY).status_code == 202
    document = problem(_post(client, event, {**BODY, "email": "bo@example.org"}), 429)
    assert document["type"] == "urn:picketline:problem:too-many-rsvps"
    assert Rsvp.objects.count() == 1


def test_it_says_when_to_try_again(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "rsvp": "1/hour"}
    event = factories.make_event()
    _post(client, event, BODY)
    response = _post(client, event, BODY)
    assert 0 < int(response["Retry-After"]) <= 3600


def test_it_does_not_limit_token_holders(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "rsvp": "1/hour"}
    event = factories.make_event()
    _post(client, event, BODY)
    assert _post(client, event, {}, **_bearer(factories.make_user())).status_code == 201
