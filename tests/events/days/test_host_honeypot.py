import pytest

from picketline.events.models import Event
from tests.events.days.helpers import fresh_limits, host_url, online_data
from tests.factories import make_day_of_action

__all__ = ["fresh_limits"]
pytestmark = pytest.mark.usefixtures("fresh_limits")


def test_it_refuses_what_filled_in_the_trap_without_saying_why(client, db):
    day = make_day_of_action()
    response = client.post(host_url(day), online_data(day, website="http://spam.example"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "could not be sent" in page
    assert "http://spam.example" not in page
    assert not Event.objects.exists()
