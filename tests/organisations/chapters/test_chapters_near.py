"""Find the nearest chapter: on the chapters page and through the API, nearest first with the
distance, within the radius, paginated; a place nobody knows is a clear 400."""

import pytest

from picketline.core.geo import haversine_km
from picketline.organisations.models import Chapter, ChapterRequest, Organisation
from tests import factories

pytestmark = pytest.mark.django_db

LEEDS = (53.7965, -1.5478)
# name, lat, lon: Leeds is the nearest to the point used below, then Bradford, Manchester…
CITIES = [
    ("Manchester", 53.4808, -2.2426),
    ("Leeds", 53.7965, -1.5478),
    ("London", 51.5074, -0.1278),
    ("Bradford", 53.7950, -1.7594),
    ("Madrid", 40.4168, -3.7038),
]


@pytest.fixture
def network():
    organisation = factories.make_organisation(
        name="Strike Support Network", kind=Organisation.Kind.NETWORK
    )
    for name, lat, lon in CITIES:
        factories.make_chapter(organisation, name=name, lat=lat, lon=lon)
    return organisation


def _names(response) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


def test_it_lists_the_nearest_chapters_first_with_their_distance(client, network):
    response = client.get(
        f"/api/v1/organisations/{network.slug}/chapters?near=53.80,-1.55&radius_km=100"
    )
    assert response.status_code == 200
    body = response.json()
    assert _names(response) == ["Leeds", "Bradford", "Manchester"]
    for item in body["items"]:
        expected = haversine_km(53.80, -1.55, item["latitude"], item["longitude"])
        assert item["distance_km"] == pytest.approx(expected, abs=0.01)
    assert body["near"]["radius_km"] == 100


def test_the_radius_leaves_out_chapters_beyond_it(client, network):
    small = client.get(f"/api/v1/organisations/{network.pk}/chapters?near=53.80,-1.55&radius_km=20")
    assert _names(small) == ["Leeds", "Bradford"]
    everywhere = client.get(
        f"/api/v1/organisations/{network.pk}/chapters?near=53.80,-1.55&radius_km=5000"
    )
    assert _names(everywhere) == ["Leeds", "Bradford", "Manchester", "London", "Madrid"]


def test_pages_follow_in_distance_order_without_repeats(client, network):
    url = f"/api/v1/organisations/{network.slug}/chapters?near=53.80,-1.55&radius_km=5000&limit=2"
    seen = []
    while url:
        body = client.get(url).json()
        assert len(body["items"]) <= 2
        seen += [item["name"] for item in body["items"]]
        url = body["next"]
    assert seen == ["Leeds", "Bradford", "Manchester", "London", "Madrid"]


def test_without_near_the_chapters_come_in_name_order(client, network):
    response = client.get(f"/api/v1/organisations/{network.slug}/chapters")
    assert _names(response) == sorted(name for name, _lat, _lon in CITIES)
    assert all(item["distance_km"] is None for item in response.json()["items"])


def test_only_this_organisations_chapters_are_found(client, network):
    other = factories.make_organisation(name="Another network", kind=Organisation.Kind.NETWORK)
    factories.make_chapter(other, name="Other Leeds", lat=LEEDS[0], lon=LEEDS[1])
    response = client.get(f"/api/v1/organisations/{network.slug}/chapters?near=53.80,-1.55")
    assert "Other Leeds" not in _names(response)


def test_an_unknown_place_is_a_clear_400_and_stores_nothing(client, network):
    before = (Chapter.objects.count(), ChapterRequest.objects.count())
    response = client.get(f"/api/v1/organisations/{network.slug}/chapters?near=Nowhereville")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "urn:picketline:problem:unknown-place"
    assert "Nowhereville" in problem["detail"]
    page = client.get(f"/organisations/{network.slug}/chapters/?near=Nowhereville")
    assert page.status_code == 400
    assert "No place called “Nowhereville” was found" in page.content.decode()
    assert (Chapter.objects.count(), ChapterRequest.objects.count()) == before


def test_a_bad_radius_is_a_400_naming_it(client, network):
    response = client.get(
        f"/api/v1/organisations/{network.slug}/chapters?near=53.8,-1.5&radius_km=0"
    )
    assert response.status_code == 400
    assert "radius_km" in response.json()["errors"]


def test_an_unknown_organisation_is_a_404(client):
    response = client.get("/api/v1/organisations/no-such-network/chapters")
    assert response.status_code == 404


def test_the_page_lists_the_nearest_first_with_distances(client, network):
    response = client.get(f"/organisations/{network.slug}/chapters/?near=53.80,-1.55&radius_km=100")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index(">Leeds<") < page.index(">Bradford<") < page.index(">Manchester<")
    assert "London" not in page
    assert "km away" in page


def test_the_page_offers_the_nearest_beyond_the_radius_and_to_start_one(client, network):
    response = client.get(f"/organisations/{network.slug}/chapters/?near=53.96,-1.08&radius_km=10")
    page = response.content.decode()
    assert response.status_code == 200
    assert "No chapter within 10 km" in page
    assert "The nearest is" in page and ">Leeds</bdi>" in page
    assert f"/organisations/{network.slug}/chapters/start/?near=53.96%2C-1.08" in page


def test_a_place_name_is_found_through_the_gazetteer(client, gazetteer, network):
    response = client.get(f"/api/v1/organisations/{network.slug}/chapters?near=Leeds&radius_km=30")
    assert response.status_code == 200
    assert _names(response) == ["Leeds", "Bradford"]
