"""Every feed and the API give one default set of statuses, announced and active, unless
statuses are chosen; the list page's download links and /data/ say the same."""

import csv
import io
import json

import pytest
from django.utils.html import escape

from tests import factories

pytestmark = pytest.mark.django_db

STATUSES = ("balloting", "announced", "active", "suspended", "ended")


@pytest.fixture
def one_of_each():
    """{status: the title of the one dispute with that status}."""
    titles = {}
    for status in STATUSES:
        title = f"The {status} dispute"
        factories.make_dispute(title=title, status=status, with_shift=True)
        titles[status] = title
    return titles


def _csv_titles(response) -> set[str]:
    text = b"".join(response.streaming_content).decode()
    return {row["title"] for row in csv.DictReader(io.StringIO(text, newline=""))}


def _geojson_titles(response) -> set[str]:
    features = json.loads(response.getvalue())["features"]
    return {feature["properties"]["title"] for feature in features}


def _api_titles(response) -> set[str]:
    return {item["title"] for item in response.json()["items"]}


def _atom_titles(response) -> set[str]:
    text = response.content.decode()
    return {title for title in _all_titles() if f"<title>{escape(title)}</title>" in text}


def _ics_titles(response) -> set[str]:
    text = response.content.decode().replace("\r\n ", "")
    return {title for title in _all_titles() if title in text}


def _all_titles() -> list[str]:
    return [f"The {status} dispute" for status in STATUSES]


FEEDS = {
    "csv": ("/disputes.csv", _csv_titles),
    "geojson": ("/disputes.geojson", _geojson_titles),
    "atom": ("/disputes.atom", _atom_titles),
    "ics": ("/disputes.ics", _ics_titles),
    "api": ("/api/v1/disputes", _api_titles),
}


@pytest.mark.parametrize("feed", FEEDS)
def test_it_gives_announced_and_active_disputes_when_no_status_is_chosen(client, one_of_each, feed):
    url, titles = FEEDS[feed]
    response = client.get(url)
    assert response.status_code == 200
    assert titles(response) == {one_of_each["announced"], one_of_each["active"]}


@pytest.mark.parametrize("feed", FEEDS)
def test_it_gives_the_statuses_chosen(client, one_of_each, feed):
    url, titles = FEEDS[feed]
    assert titles(client.get(url + "?status=ended")) == {one_of_each["ended"]}
    everything = client.get(url + "?status=" + ",".join(STATUSES))
    assert titles(everything) == set(one_of_each.values())


def test_it_says_the_default_in_the_api_document(client):
    document = client.get("/api/v1/openapi.json").json()
    parameters = document["paths"]["/api/v1/disputes"]["get"]["parameters"]
    status = next(p for p in parameters if p["name"] == "status")
    assert "Announced and active when left out" in status["description"]


def test_the_list_page_download_links_give_the_feeds_default(client, one_of_each):
    page = client.get("/disputes/").content.decode()
    # The list shows every status; its downloads give the feeds' default and say so.
    assert all(escape(title) in page for title in one_of_each.values())
    assert 'href="/disputes.csv" download' in page
    assert 'href="/disputes.geojson" download' in page
    assert "Downloads hold announced and active disputes" in page


def test_the_list_page_download_links_keep_chosen_statuses(client, one_of_each):
    page = client.get("/disputes/?status=ended").content.decode()
    assert 'href="/disputes.csv?status=ended" download' in page
    assert "Downloads hold announced and active disputes" not in page


def test_the_open_data_page_states_the_default_and_links_the_api_reference(client):
    page = client.get("/data/").content.decode()
    assert "give announced and active disputes unless you" in page
    assert 'href="/api/v1/docs"' in page
    assert 'href="/api/v1/openapi.json"' in page
