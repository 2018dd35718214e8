import json
import re

import pytest

from picketline.events.choices import EventMode, EventStatus
from picketline.events.services import event_update
from tests import factories

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.net/secret-room-42"


def _json_ld(client, event) -> dict:
    html = client.get(event.get_absolute_url()).text
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_it_describes_an_in_person_event_with_its_place(client):
    event = factories.make_event(
        title="Rally", speakers=[{"name": "Rosa", "role": "Shop steward", "bio": ""}]
    )
    data = _json_ld(client, event)
    assert data["@type"] == "Event"
    assert data["name"] == "Rally"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["startDate"].startswith(event.starts_at.strftime("%Y-%m-%d"))
    assert data["startDate"][-6] in "+-"
    place = data["location"][0]
    assert place["@type"] == "Place"
    assert place["address"]["addressLocality"] == "London"
    assert place["geo"]["latitude"] == pytest.approx(51.5072)
    assert data["performer"] == [{"@type": "Person", "name": "Rosa"}]
    assert data["organizer"]["name"] == "Leeds Strike Support"
    assert data["url"].endswith(event.get_absolute_url())
    assert data["inLanguage"] == "en"


def test_an_online_event_has_a_virtual_location_without_the_join_link(client):
    event = factories.make_event(
        mode=EventMode.ONLINE, join_url=JOIN, latitude=None, longitude=None
    )
    data = _json_ld(client, event)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == [{"@type": "VirtualLocation", "url": data["url"]}]
    assert "secret-room" not in json.dumps(data)


def test_a_hybrid_event_is_mixed(client):
    event = factories.make_event(mode=EventMode.HYBRID, join_url=JOIN)
    data = _json_ld(client, event)
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [location["@type"] for location in data["location"]] == ["Place", "VirtualLocation"]
    assert "secret-room" not in json.dumps(data)


@pytest.mark.parametrize(
    ("status", "schema"),
    [
        (EventStatus.POSTPONED, "https://schema.org/EventPostponed"),
        (EventStatus.CANCELLED, "https://schema.org/EventCancelled"),
    ],
)
def test_it_gives_the_status(client, status, schema):
    event = factories.make_event()
    event_update(event=event, status=status, status_note="The hall flooded.")
    assert _json_ld(client, event)["eventStatus"] == schema


def test_text_cannot_close_the_script_element(client):
    event = factories.make_event(title="</script><script>alert(1)</script>")
    html = client.get(event.get_absolute_url()).text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    assert "<" not in block
    assert json.loads(block)["name"] == "</script><script>alert(1)</script>"
