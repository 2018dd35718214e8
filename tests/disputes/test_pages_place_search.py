import pytest

from picketline.places import selectors as place_selectors
from picketline.places.selectors import PlaceCandidate

pytestmark = pytest.mark.django_db

URL = "/places/search.json"

LEEDS = PlaceCandidate(
    geonameid=2644688,
    name="Leeds",
    label="Leeds, England, United Kingdom",
    country="GB",
    latitude=53.79648,
    longitude=-1.54785,
    population=455123,
)


def test_it_suggests_places_for_the_search_box(client, monkeypatch):
    calls = []

    def search(*, text, limit):
        calls.append((text, limit))
        return [LEEDS]

    monkeypatch.setattr(place_selectors, "place_search", search)
    response = client.get(URL, {"q": " Lee "})
    assert response.status_code == 200
    assert response.json() == {
        "results": [
            {
                "name": "Leeds",
                "label": "Leeds, England, United Kingdom",
                "query": "53.79648,-1.54785",
            }
        ]
    }
    assert calls == [("Lee", 8)]
    assert "max-age=3600" in response["Cache-Control"]


def test_it_waits_for_two_letters(client, monkeypatch):
    monkeypatch.setattr(place_selectors, "place_search", lambda **kwargs: [LEEDS])
    assert client.get(URL, {"q": "L"}).json() == {"results": []}


def test_it_only_answers_get(client):
    assert client.post(URL, {"q": "Leeds"}).status_code == 405
