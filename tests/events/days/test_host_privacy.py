"""A hosted event, once published, shows neither its host's name and email nor its join link on
any public page or feed."""

import pytest

from picketline.events.models import Event
from picketline.moderation.services import item_approve, item_for_object
from tests.events.days.helpers import fresh_limits, host_url, online_data
from tests.factories import make_day_of_action, make_moderator

__all__ = ["fresh_limits"]
pytestmark = pytest.mark.usefixtures("fresh_limits")

SECRETS = ("Private Hostname", "private.host@example.org", "https://meet.example.org/secret-room")


def test_the_host_and_the_join_link_stay_private(client, db):
    day = make_day_of_action(title="Day for the drivers")
    data = online_data(
        day,
        mode="online",
        host_name="Private Hostname",
        host_email="private.host@example.org",
        organiser_name="Drivers Support Group",
        join_url="https://meet.example.org/secret-room",
    )
    assert client.post(host_url(day), data).status_code == 303
    event = Event.objects.get()
    item = item_for_object(event)
    item_approve(item=item, version=item.version, user=make_moderator())
    pages = {
        "event": client.get(event.get_absolute_url()),
        "day": client.get(day.get_absolute_url()),
        "list": client.get("/events/"),
        "geojson": client.get("/events.geojson"),
        "ics": client.get("/events.ics"),
        "thanks": client.get(f"{host_url(day)}thanks/"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        text = response.content.decode()
        for secret in SECRETS:
            assert secret not in text, (name, secret)
    assert "Drivers Support Group" in pages["event"].content.decode()
