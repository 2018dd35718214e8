import datetime as dt
import gzip
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from picketline.disputes import services
from picketline.organisations.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/disputes.geojson"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _titles(response) -> list[str]:
    return [f["properties"]["title"] for f in json.loads(response.getvalue())["features"]]


def test_it_sends_an_etag_and_public_cache_control(client):
    factories.make_dispute()
    response = client.get(URL)
    assert response.status_code == 200
    assert response["ETag"].startswith('W/"') and response["ETag"].endswith('"')
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60"}
    vary = {part.strip() for part in response["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary


def test_it_answers_304_to_a_matching_if_none_match_without_building_the_body(client):
    factories.make_dispute()
    etag = client.get(URL)["ETag"]
    cache.clear()  # a rebuilt body would need more than the version query
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert len(queries) == 1


def test_it_answers_304_to_a_weak_or_listed_etag(client):
    factories.make_dispute()
    etag = client.get(URL)["ETag"]
    assert etag.startswith('W/"')
    strong = etag.removeprefix("W/")
    assert client.get(URL, headers={"If-None-Match": strong}).status_code == 304
    assert client.get(URL, headers={"If-None-Match": f'"other", {etag}'}).status_code == 304


def test_it_answers_200_to_a_stale_etag(client):
    factories.make_dispute()
    response = client.get(URL, headers={"If-None-Match": '"stale"'})
    assert response.status_code == 200


def test_it_gives_different_queries_different_etags(client):
    factories.make_dispute()
    assert client.get(URL)["ETag"] != client.get(URL + "?status=ended")["ETag"]


def test_it_gives_reordered_queries_the_same_etag(client):
    factories.make_dispute()
    first = client.get(URL + "?status=active&kind=strike&q=")
    second = client.get(URL + "?kind=strike&status=active")
    assert first["ETag"] == second["ETag"]


def test_it_serves_a_cached_body_with_one_query(client):
    factories.make_dispute()
    first = client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(URL)
    assert second.getvalue() == first.getvalue()
    assert len(queries) == 1


def test_it_changes_when_a_dispute_changes(client):
    dispute = factories.make_dispute(title="Before")
    first = client.get(URL)
    services.dispute_update(dispute=dispute, title="After")
    second = client.get(URL, headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert _titles(second) == ["After"]


def test_it_changes_when_a_site_or_shift_is_added(client):
    dispute = factories.make_dispute()
    first = client.get(URL)
    site = services.site_create(
        dispute=dispute, name="Depot", city="York", country="GB", latitude=53.96, longitude=-1.08
    )
    second = client.get(URL)
    assert second["ETag"] != first["ETag"]
    assert len(json.loads(second.getvalue())["features"]) == 2
    start = timezone.now() + dt.timedelta(days=2)
    services.shift_create(
        site=site, starts_at=start, ends_at=start + dt.timedelta(hours=2), timezone="Europe/London"
    )
    assert client.get(URL)["ETag"] != second["ETag"]


def test_it_changes_when_a_dispute_is_deleted(client):
    keep = factories.make_dispute(title="Kept")
    gone = factories.make_dispute(title="Deleted")
    first = client.get(URL)
    gone.delete()
    second = client.get(URL)
    assert second["ETag"] != first["ETag"]
    assert _titles(second) == [keep.title]


def test_it_changes_when_an_organisation_is_renamed(client):
    union = factories.make_organisation(name="Old Union", kind="union")
    factories.make_dispute(union=union)
    first = client.get(URL)
    Organisation.objects.filter(pk=union.pk).update(
        name="New Union", updated_at=timezone.now() + dt.timedelta(seconds=1)
    )
    second = client.get(URL)
    assert second["ETag"] != first["ETag"]
    assert json.loads(second.getvalue())["features"][0]["properties"]["unions"] == ["New Union"]


def test_it_keeps_languages_apart(client):
    factories.make_dispute()
    english = client.get(URL, headers={"Accept-Language": "en"})
    spanish = client.get(URL, headers={"Accept-Language": "es"})
    assert english["ETag"] != spanish["ETag"]


def test_it_sends_the_map_data_compressed_to_browsers_that_accept_it(client):
    factories.make_dispute(title="Compressed")
    plain = client.get(URL)
    plain_body = plain.getvalue()
    compressed = client.get(URL, headers={"Accept-Encoding": "gzip, br"})
    compressed_body = compressed.getvalue()
    again = client.get(URL, headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed_body) == plain_body
    assert gzip.decompress(again.getvalue()) == plain_body
    assert compressed["ETag"] == plain["ETag"]
