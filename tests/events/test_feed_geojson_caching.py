import gzip
import json

import pytest
from django.core.cache import cache

from picketline.events.services import event_update
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/events.geojson"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_it_sends_a_weak_etag_and_public_cache_control(client):
    factories.make_event()
    response = client.get(URL)
    assert response["ETag"].startswith('W/"')
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60"}
    assert "Accept-Language" in response["Vary"]


def test_it_answers_304_to_a_matching_etag(client):
    factories.make_event()
    etag = client.get(URL)["ETag"]
    response = client.get(URL, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_a_change_to_an_event_makes_a_new_etag(client):
    event = factories.make_event(title="Before")
    etag = client.get(URL)["ETag"]
    event_update(event=event, title="After")
    response = client.get(URL, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert json.loads(response.content)["features"][0]["properties"]["title"] == "After"


def test_other_filters_have_their_own_etag(client):
    factories.make_event()
    assert client.get(URL)["ETag"] != client.get(f"{URL}?country=GB")["ETag"]


def test_it_sends_gzip_to_clients_that_take_it(client):
    factories.make_event(title="Squeezed")
    response = client.get(URL, headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    data = json.loads(gzip.decompress(response.content))
    assert data["features"][0]["properties"]["title"] == "Squeezed"


def test_a_day_with_many_events_costs_few_queries(client, django_assert_max_num_queries):
    day = factories.make_day_of_action()
    for n in range(30):
        factories.make_event(
            day_of_action=day,
            organisation=factories.make_organisation() if n % 2 else None,
            latitude=40 + n / 10,
            longitude=-3,
        )
    with django_assert_max_num_queries(3):
        response = client.get(f"{URL}?day={day.slug}")
    assert len(json.loads(response.content)["features"]) == 30
