import json

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

TEXT_FEEDS = ["/disputes.ics", "/disputes.csv", "/disputes.atom"]
ALL_FEEDS = ["/disputes.geojson", *TEXT_FEEDS]


@pytest.fixture(autouse=True)
def a_dispute(db):
    return factories.make_dispute()


@pytest.mark.parametrize("url", TEXT_FEEDS)
def test_it_lists_each_bad_parameter_in_plain_text(client, url):
    response = client.get(url + "?status=striking&date_from=yesterday&country=Spain")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    lines = text.splitlines()
    assert any(line.startswith("status: ") and "striking" in line for line in lines)
    assert any(line.startswith("date_from: ") and "valid date" in line for line in lines)
    assert any(line.startswith("country: ") and "two-letter" in line for line in lines)


def test_it_answers_the_geojson_feed_with_a_problem_document(client):
    response = client.get("/disputes.geojson?kind=riot&radius_km=-5")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = json.loads(response.content)
    assert problem["type"] == "urn:picketline:problem:invalid-parameters"
    assert problem["status"] == 400
    assert problem["title"]
    assert set(problem["errors"]) == {"kind", "radius_km"}
    assert "riot" in problem["errors"]["kind"][0]


def test_it_gives_the_geojson_feed_an_unknown_place_problem(client):
    response = client.get("/disputes.geojson?near=Qzxqv-on-Sea")
    assert response.status_code == 400
    problem = json.loads(response.content)
    assert problem["type"] == "urn:picketline:problem:unknown-place"
    assert "Qzxqv-on-Sea" in problem["errors"]["near"][0]


@pytest.mark.parametrize("url", ALL_FEEDS)
def test_it_says_a_place_is_unknown(client, url):
    response = client.get(url + "?near=Qzxqv-on-Sea")
    assert response.status_code == 400
    assert "Qzxqv-on-Sea" in response.content.decode()


@pytest.mark.parametrize("url", ALL_FEEDS)
def test_it_explains_that_distance_sorting_needs_a_place(client, url):
    response = client.get(url + "?sort=distance")
    assert response.status_code == 400
    assert "near" in response.content.decode()


@pytest.mark.parametrize("url", ALL_FEEDS)
@pytest.mark.parametrize(
    "query",
    [
        "date_from=2026-13-45",
        "radius_km=lots",
        "radius_km=nan",
        "radius_km=1e309",
        "date_from=2026-05-01&date_to=2026-04-01",
        "q=" + "x" * 500,
        "near=95,200",
        "status=%00",
    ],
)
def test_it_never_fails_with_a_server_error_on_odd_values(client, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code in {200, 400}, (query, response.status_code)


@pytest.mark.parametrize("url", ALL_FEEDS)
def test_it_ignores_parameters_it_does_not_know(client, url):
    assert client.get(url + "?utm_source=newsletter&_=123").status_code == 200
