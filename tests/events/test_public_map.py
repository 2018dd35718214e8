import pytest

from picketline.events.choices import EventMode
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_loads_the_feed_with_the_same_filters(client):
    factories.make_event(country="GB")
    factories.make_event(mode=EventMode.ONLINE, latitude=None, longitude=None, country="GB")
    response = client.get("/events/map/?country=GB&page=2")
    assert response.status_code == 200
    html = response.text
    assert 'data-geojson-url="/events.geojson?country=GB"' in html
    assert "1 event on the map" in html
    assert "js/events-map.js" in html
    # Clusters come from the server's tiles: no clustering library is sent to the phone.
    assert "leaflet.markercluster.js" not in html
    assert 'data-tiles-url="/events/map/tiles/{z}/{x}/{y}.json?country=GB"' in html
    assert 'href="/events/?country=GB"' in html


def test_bad_filters_show_the_errors_with_400(client):
    response = client.get("/events/map/?mode=underwater")
    assert response.status_code == 400
    assert 'href="#f-mode"' in response.text
