from picketline.moderation.models import ModerationItem
from picketline.solidarity.models import Message
from tests.factories import make_dispute
from tests.solidarity.messages.helpers import fresh_limits, send_url, valid_data

__all__ = ["fresh_limits"]


def test_it_refuses_a_message_with_the_hidden_field_filled_in(client, db, fresh_limits):
    dispute = make_dispute()
    response = client.post(send_url(dispute), valid_data(website="http://spam.example"))
    assert response.status_code == 400
    assert b"could not be sent" in response.content
    assert not Message.objects.exists()
    assert not ModerationItem.objects.exists()
