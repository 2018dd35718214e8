import pytest
from django.core.cache import cache

from picketline.core.tiles import Tile, tile_at
from picketline.events.choices import EventMode
from picketline.events.rsvps import services as rsvps
from tests import factories

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.net/secret-room-42"
SENTINELS = ("secret-room-42", "host-sentinel@example.org", "attendee-sentinel@example.org")


def test_no_public_page_or_feed_shows_the_join_link_or_anyones_email(client):
    cache.clear()
    dispute = factories.make_dispute()
    day = factories.make_day_of_action(disputes=[dispute])
    event = factories.make_event(
        mode=EventMode.HYBRID,
        join_url=JOIN,
        host_name="Hidden Host",
        host_email="host-sentinel@example.org",
        day_of_action=day,
        disputes=[dispute],
    )
    rsvps.rsvp_create(event=event, name="Att Endee", email="attendee-sentinel@example.org")
    street = tile_at(51.5072, -0.1276, 16)
    urls = [
        "/events/",
        "/events/map/",
        event.get_absolute_url(),
        f"/events/{event.slug}.ics",
        "/events.ics",
        "/events.geojson",
        f"/events.geojson?day={day.slug}",
        # The clustered maps' tiles and the list of the cluster holding the event, at the
        # world's zoom and a street's.
        "/events/map/tiles/0/0/0.json",
        f"/events/map/tiles/0/0/0.json?day={day.slug}&past=on",
        f"/events/map/tiles/0/0/0/{Tile(0, 0, 0).cell_of(51.5072, -0.1276)}.json",
        f"/events/map/tiles/16/{street.x}/{street.y}.json?day={day.slug}&past=on",
        f"/events/map/tiles/16/{street.x}/{street.y}/{street.cell_of(51.5072, -0.1276)}.json",
        "/days-of-action/",
        day.get_absolute_url(),
        dispute.get_absolute_url(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for sentinel in SENTINELS:
            assert sentinel not in body, (url, sentinel)
        assert "Att Endee" not in body, url
        assert "Hidden Host" not in body, url
