"""No answer of the events API carries a join link, a host's contact or who is coming."""

import json

import pytest
from django.core.cache import cache

from picketline.accounts.services import api_token_create
from picketline.events.choices import EventMode
from picketline.events.rsvps import services as rsvps
from tests import factories

pytestmark = pytest.mark.django_db

SENTINELS = (
    "sentinel-join.example",
    "host-sentinel@example.org",
    "Host Sentinel",
    "rsvp-sentinel@example.org",
    "Attendee Sentinel",
    "account-sentinel@example.org",
)


@pytest.fixture
def event(db):
    cache.clear()
    event = factories.make_event(
        title="Hybrid rally",
        mode=EventMode.HYBRID,
        capacity=1,
        join_url="https://sentinel-join.example/x",
        host_name="Host Sentinel",
        host_email="host-sentinel@example.org",
    )
    holder = factories.make_user(email="account-sentinel@example.org")
    rsvps.rsvp_create(event=event, user=holder, name="Attendee Sentinel")
    rsvps.rsvp_create(event=event, name="Attendee Sentinel", email="rsvp-sentinel@example.org")
    return event


def _responses(client, event):
    user = factories.make_user()
    _token, raw = api_token_create(user=user, name="Bot")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    rsvp_url = f"/api/v1/events/{event.pk}/rsvps"
    yield client.get("/api/v1/events")
    yield client.get("/api/v1/events?near=51.5,-0.12&q=rally&mode=hybrid")
    yield client.get("/api/v1/events?q=sentinel")
    yield client.get(f"/api/v1/events/{event.pk}")
    yield client.get(f"/api/v1/events/{event.slug}")
    yield client.get("/api/v1/openapi.json")
    anonymous = {"name": "Attendee Sentinel", "email": "rsvp-sentinel@example.org"}
    yield client.post(rsvp_url, json.dumps(anonymous), content_type="application/json")
    answered = client.post(rsvp_url, "{}", content_type="application/json", **bearer)
    yield answered
    yield client.post(rsvp_url, "{}", content_type="application/json", **bearer)
    yield client.delete(f"{rsvp_url}/{answered.json()['token']}")
    yield client.delete(f"{rsvp_url}/unknown-token")


def test_no_response_carries_a_private_detail(client, event):
    statuses = []
    for response in _responses(client, event):
        statuses.append(response.status_code)
        text = response.content.decode()
        for sentinel in SENTINELS:
            assert sentinel not in text, (response.request["PATH_INFO"], sentinel)
    assert statuses == [200, 200, 200, 200, 200, 200, 202, 201, 200, 200, 404]


def test_searching_a_private_detail_finds_nothing(client, event):
    for word in ("host-sentinel", "sentinel-join", "rsvp-sentinel", "Attendee"):
        assert client.get(f"/api/v1/events?q={word}").json()["items"] == []
