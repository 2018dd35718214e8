"""A wrong or suspicious answer is refused plainly, on the right field, and stores nothing."""

import pytest
from django.core import mail

from picketline.events.models import Rsvp
from tests.events.rsvps.helpers import answer, fresh_limits
from tests.factories import make_event

pytestmark = pytest.mark.django_db
__all__ = ["fresh_limits"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"email": ""}, "email", "This field is required."),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"name": "x" * 101}, "name", "at most 100 characters"),
    ],
)
def test_it_shows_what_is_wrong_on_the_field(
    client, send_now, fresh_limits, fields, field, message
):
    event = make_event()
    with send_now():
        response = answer(client, event, **fields)

    assert response.status_code == 400
    assert 'class="field field--invalid"' in response.text
    assert f'href="#id_{field}"' in response.text
    assert message in response.text
    assert not Rsvp.objects.exists()
    assert mail.outbox == []


def test_it_keeps_what_was_typed(client, fresh_limits):
    event = make_event()
    response = answer(client, event, email="ada@")
    assert 'value="Ada Lovelace"' in response.text


def test_it_refuses_the_hidden_field_filled_in(client, send_now, fresh_limits):
    event = make_event()
    with send_now():
        response = answer(client, event, website="http://spam.example")

    assert response.status_code == 400
    assert "This could not be sent" in response.text
    assert "http://spam.example" not in response.text
    assert not Rsvp.objects.exists()
    assert mail.outbox == []


def test_it_refuses_too_many_answers_from_one_address(client, settings, fresh_limits):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "rsvp": "2/hour"}
    event = make_event()
    for n in range(2):
        assert answer(client, event, email=f"p{n}@example.org").status_code == 303

    response = answer(client, event, name="Grace Hopper", email="grace@example.org")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many answers" in response.text
    assert 'value="Grace Hopper"' in response.text
    assert 'value="grace@example.org"' in response.text
    assert Rsvp.objects.count() == 2


def test_a_second_connection_has_its_own_limit(client, settings, fresh_limits):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "rsvp": "1/hour"}
    event = make_event()
    assert answer(client, event).status_code == 303
    other = client.post(
        f"/events/{event.slug}/rsvp/",
        {"name": "Bo", "email": "bo@example.org"},
        REMOTE_ADDR="192.0.2.9",
    )
    assert other.status_code == 303
