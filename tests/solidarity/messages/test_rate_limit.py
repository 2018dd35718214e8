from picketline.solidarity.models import Message
from tests.factories import make_dispute
from tests.solidarity.messages.helpers import fresh_limits, send_url, valid_data

__all__ = ["fresh_limits"]


def test_it_refuses_too_many_messages_from_one_address(client, db, settings, fresh_limits):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "message": "2/hour"}
    dispute = make_dispute()
    for _ in range(2):
        assert client.post(send_url(dispute), valid_data()).status_code == 303
    response = client.post(send_url(dispute), valid_data(body="The third one"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert b"Nothing was stored" in response.content
    assert Message.objects.count() == 2


def test_it_counts_other_addresses_apart(client, db, settings, fresh_limits):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "message": "1/hour"}
    dispute = make_dispute()
    assert client.post(send_url(dispute), valid_data()).status_code == 303
    other = client.post(send_url(dispute), valid_data(), REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 303
