"""The list's order when none is chosen: disputes people can still support (announced and
active) first, then the newest; a chosen order or a place changes it."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

URL = "/disputes/"


def _titles(response) -> list[str]:
    assert response.status_code == 200
    return [row.dispute.title for row in response.context["rows"]]


@pytest.fixture
def registry():
    # Created oldest first: the ended and suspended ones are the newest.
    factories.make_dispute(title="Old active", status="active")
    factories.make_dispute(title="Announced", status="announced")
    factories.make_dispute(title="Balloting", status="balloting")
    factories.make_dispute(title="Suspended", status="suspended")
    factories.make_dispute(title="Newest, ended", status="ended")


def test_it_puts_announced_and_active_disputes_first_then_the_newest(client, registry):
    assert _titles(client.get(URL)) == [
        "Announced",
        "Old active",
        "Newest, ended",
        "Suspended",
        "Balloting",
    ]


def test_newest_when_chosen_is_only_the_newest(client, registry):
    assert _titles(client.get(URL, {"sort": "newest"}))[0] == "Newest, ended"


def test_a_place_sorts_nearest_first(client):
    factories.make_dispute(title="Far, active", status="active", lat=53.48, lon=-2.24)
    factories.make_dispute(title="Near, ended", status="ended", lat=53.80, lon=-1.55)
    assert _titles(client.get(URL, {"near": "53.80,-1.55", "radius_km": "100"})) == [
        "Near, ended",
        "Far, active",
    ]


def test_the_sort_control_has_a_short_label_and_explains_it(client):
    page = client.get(URL).content.decode()
    assert '<option value="">Recommended</option>' in page
    assert "otherwise announced and active disputes first, then the newest" in page
    assert "Default (nearest first" not in page
