"""A cold `/disputes.geojson` is streamed as it is encoded, and is the same document as before."""

import gzip
import importlib
import json

import pytest
from django.core.cache import cache

from picketline.disputes.filtering import filters_from_query
from tests import factories

pytestmark = pytest.mark.django_db

# The package exports the view under the module's name.
geojson = importlib.import_module("picketline.disputes.feeds.geojson")

URL = "/disputes.geojson"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def registry():
    for n in range(7):
        factories.make_dispute(
            title=f"Dispute «{n}» — ضراب",
            employer=f"Employer {n}",
            union=f"Union {n}",
            status="announced" if n % 3 == 0 else "active",
        )
    factories.make_dispute(title="Over", status="ended")


def _query(text: str):
    from django.http import QueryDict

    return QueryDict(text)


def test_it_streams_a_cold_body_and_serves_the_cached_one_whole(client, registry):
    cold = client.get(URL)
    assert cold.status_code == 200
    assert cold.streaming
    body = cold.getvalue()  # the body is cached once the last chunk has left
    warm = client.get(URL)
    assert warm.status_code == 200
    assert not warm.streaming
    assert warm.getvalue() == body


@pytest.mark.parametrize(
    "query", ["", "status=ended", "near=53.80,-1.55&radius_km=500&sort=distance"]
)
def test_it_is_a_feature_collection_of_the_features(client, registry, query):
    response = client.get(f"{URL}?{query}")
    streamed = json.loads(response.getvalue())
    features = geojson.features(filters=filters_from_query(_query(query)))
    assert streamed == {
        "type": "FeatureCollection",
        "features": [json.loads(feature) for feature in features],
    }
    assert streamed["features"]


def test_it_is_valid_json_across_chunk_boundaries(client, registry, monkeypatch):
    monkeypatch.setattr(geojson, "CHUNK_FEATURES", 2)
    chunks = list(client.get(URL).streaming_content)
    document = json.loads(b"".join(chunks))
    assert len(chunks) > 3
    assert len(document["features"]) == 7
    cache.clear()
    monkeypatch.setattr(geojson, "CHUNK_FEATURES", 1000)
    assert b"".join(chunks) == client.get(URL).getvalue()


def test_it_is_valid_json_with_no_features(client):
    document = json.loads(client.get(URL).getvalue())
    assert document == {"type": "FeatureCollection", "features": []}


def test_a_streamed_gzip_body_is_the_plain_body_compressed(client, registry):
    compressed = client.get(URL, headers={"Accept-Encoding": "gzip"})
    assert compressed.streaming
    assert compressed["Content-Encoding"] == "gzip"
    body = compressed.getvalue()
    cache.clear()
    plain = client.get(URL).getvalue()
    assert gzip.decompress(body) == plain


def test_a_client_that_leaves_halfway_leaves_nothing_cached(client, registry, monkeypatch):
    monkeypatch.setattr(geojson, "CHUNK_FEATURES", 1)
    response = client.get(URL)
    stream = iter(response.streaming_content)
    next(stream)
    next(stream)
    # The client goes and the server closes the body. The test client wraps the body so that
    # closing it ends the request without closing the test's database connection (calling
    # `response.close()` here would close it, as a real request's end does); close that.
    response._iterator.close()
    assert client.get(URL).streaming
