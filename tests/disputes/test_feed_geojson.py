import json

import pytest
from django.urls import reverse

from picketline.disputes import services
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/disputes.geojson"


def _get(client, query="", **headers):
    return client.get(URL + (f"?{query}" if query else ""), headers=headers)


def _collection(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.getvalue())


def _assert_rfc7946(document: dict) -> None:
    assert document["type"] == "FeatureCollection"
    assert isinstance(document["features"], list)
    # RFC 7946 §4: no "crs" member; coordinates are WGS 84 longitude, latitude.
    assert "crs" not in document
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["id"], (int, str))
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180
        assert -90 <= lat <= 90


def test_it_is_the_url_of_the_public_contract():
    assert reverse("feeds:geojson") == URL


def test_it_returns_an_rfc_7946_feature_collection(client):
    dispute = factories.make_dispute(
        title="Bin workers' strike",
        lat=53.7965,
        lon=-1.5478,
        employer="Leeds City Council",
        union="Unite",
        workers_involved=300,
    )
    document = _collection(_get(client))
    _assert_rfc7946(document)
    [feature] = document["features"]
    site = dispute.sites.get()
    assert feature["id"] == site.pk
    assert feature["geometry"]["coordinates"] == [-1.5478, 53.7965]
    properties = feature["properties"]
    assert properties["dispute_id"] == dispute.pk
    assert properties["slug"] == dispute.slug
    assert properties["title"] == "Bin workers' strike"
    assert properties["url"] == dispute.get_absolute_url()
    assert properties["status"] == "active"
    assert properties["status_label"] == "Active"
    assert properties["kind"] == "strike"
    assert properties["kind_label"] == "Strike"
    assert properties["employers"] == ["Leeds City Council"]
    assert properties["unions"] == ["Unite"]
    assert properties["workers_involved"] == 300
    assert properties["start_date"] == dispute.start_date.isoformat()
    assert properties["end_date"] is None
    assert properties["verification"] == "crowd"
    assert properties["site_name"] == site.name
    assert properties["city"] == "Leeds"
    assert properties["country"] == "GB"
    assert "distance_km" not in properties


def test_it_has_one_feature_per_site(client):
    dispute = factories.make_dispute()
    services.site_create(
        dispute=dispute,
        name="Depot",
        city="Bradford",
        country="GB",
        latitude=53.79,
        longitude=-1.75,
    )
    document = _collection(_get(client))
    assert len(document["features"]) == 2
    assert {f["properties"]["dispute_id"] for f in document["features"]} == {dispute.pk}


def test_it_shows_what_the_map_shows_without_a_status_filter(client):
    active = factories.make_dispute(status="active")
    announced = factories.make_dispute(status="announced")
    factories.make_dispute(status="ended")
    factories.make_dispute(status="balloting")
    document = _collection(_get(client))
    assert {f["properties"]["dispute_id"] for f in document["features"]} == {
        active.pk,
        announced.pk,
    }


def test_it_honours_the_status_filter(client):
    factories.make_dispute(status="active")
    ended = factories.make_dispute(status="ended")
    document = _collection(_get(client, "status=ended"))
    assert [f["properties"]["dispute_id"] for f in document["features"]] == [ended.pk]


def test_it_honours_kind_country_and_text_filters(client):
    factories.make_dispute(title="Dockers walk out", kind="walkout", country="ES", city="Vigo")
    wanted = factories.make_dispute(title="Nurses strike", kind="strike", country="FR")
    factories.make_dispute(title="Nurses strike in Spain", kind="strike", country="ES")
    document = _collection(_get(client, "kind=strike&country=fr&q=nurses"))
    assert [f["properties"]["dispute_id"] for f in document["features"]] == [wanted.pk]


def test_it_adds_distance_and_keeps_only_sites_within_reach_when_near_is_given(client):
    leeds = factories.make_dispute(lat=53.7965, lon=-1.5478)
    services.site_create(
        dispute=leeds,
        name="London office",
        city="London",
        country="GB",
        latitude=51.5,
        longitude=-0.12,
    )
    factories.make_dispute(lat=40.4168, lon=-3.7038, city="Madrid", country="ES")
    document = _collection(_get(client, "near=53.80,-1.55&radius_km=50"))
    [feature] = document["features"]
    assert feature["properties"]["dispute_id"] == leeds.pk
    assert feature["properties"]["city"] == "Leeds"
    assert 0 <= feature["properties"]["distance_km"] < 1


def test_it_orders_by_distance_when_near_is_given(client):
    far = factories.make_dispute(lat=53.48, lon=-2.24, city="Manchester")
    near = factories.make_dispute(lat=53.80, lon=-1.55)
    document = _collection(_get(client, "near=53.80,-1.55&radius_km=100"))
    ids = [f["properties"]["dispute_id"] for f in document["features"]]
    assert ids == [near.pk, far.pk]
    distances = [f["properties"]["distance_km"] for f in document["features"]]
    assert distances == sorted(distances)


def test_it_quotes_unicode_slugs_like_reverse_does(client):
    dispute = factories.make_dispute(title="Grève à l'usine de Saint-Étienne")
    document = _collection(_get(client))
    assert document["features"][0]["properties"]["url"] == reverse(
        "disputes:detail", kwargs={"slug": dispute.slug}
    )
