import pytest

from picketline.events.models import Event
from tests.events.days.helpers import fresh_limits, host_url, online_data
from tests.factories import make_day_of_action

__all__ = ["fresh_limits"]
pytestmark = pytest.mark.usefixtures("fresh_limits")


def test_it_refuses_too_many_events_from_one_address(client, db, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "host": "2/hour"}
    day = make_day_of_action()
    for n in range(2):
        response = client.post(host_url(day), online_data(day, title=f"Event {n}"))
        assert response.status_code == 303
    response = client.post(host_url(day), online_data(day, title="The third one"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many events" in response.content.decode()
    assert Event.objects.count() == 2


def test_it_counts_other_addresses_apart(client, db, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "host": "1/hour"}
    day = make_day_of_action()
    assert client.post(host_url(day), online_data(day)).status_code == 303
    other = client.post(host_url(day), online_data(day), REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 303
