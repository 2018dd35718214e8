import pytest

from picketline.moderation.models import ModerationItem
from picketline.solidarity.models import Message
from tests.factories import make_dispute
from tests.solidarity.messages.helpers import fresh_limits, send_url, valid_data

__all__ = ["fresh_limits"]

CASES = [
    ({"body": ""}, "body"),
    ({"body": "x" * 2001}, "body"),
    ({"country": "Brazil"}, "country"),
    ({"country": "1A"}, "country"),
    ({"language": "xx"}, "language"),
    ({"sender_email": "not-an-email"}, "sender_email"),
    ({"contact_consent": None}, "contact_consent"),
    ({"sender_name": "n" * 101}, "sender_name"),
    ({"organisation_name": "o" * 201}, "organisation_name"),
]


@pytest.mark.parametrize(("overrides", "field"), CASES)
def test_it_refuses_an_invalid_field_and_stores_nothing(client, db, fresh_limits, overrides, field):
    dispute = make_dispute()
    response = client.post(send_url(dispute), valid_data(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert b"field--invalid" in response.content
    assert not Message.objects.exists()
    assert not ModerationItem.objects.exists()


def test_it_accepts_an_anonymous_message_without_email(client, db, fresh_limits):
    dispute = make_dispute()
    data = valid_data(sender_name="", sender_email="", contact_consent=None, country="")
    assert client.post(send_url(dispute), data).status_code == 303
    message = Message.objects.get()
    assert message.sender_name == ""
    assert not message.contact_consent


def test_it_is_a_404_for_an_unknown_dispute(client, db, fresh_limits):
    response = client.post("/disputes/no-such-dispute/messages/", valid_data())
    assert response.status_code == 404
    assert not Message.objects.exists()
