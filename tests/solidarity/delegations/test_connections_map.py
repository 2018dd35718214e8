"""The map draws lines to a chosen dispute's connections, from public points only."""

import json

import pytest
from django.utils import timezone

from picketline.solidarity.delegations.services import delegation_add
from tests.factories import make_dispute, make_organisation

pytestmark = pytest.mark.django_db


def test_it_lists_connections_with_their_public_points(client):
    union = make_organisation(name="Cleaners Union")
    here = make_dispute(title="Here", union=union)
    careful = make_dispute(
        title="Careful", union=union, sensitive=True, lat=51.4567891, lon=-0.3456789
    )
    visitors = make_dispute(title="Visitors", lat=40.4168, lon=-3.7038, city="Madrid")
    delegation_add(
        dispute=here,
        user=None,
        kind="sent",
        date=timezone.localdate(),
        group_name="Madrid strikers",
        from_dispute=visitors,
    )

    response = client.get(f"/disputes/{here.slug}/connections.json")

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    connections = {c["title"]: c for c in json.loads(response.content)["connections"]}
    assert set(connections) == {"Careful", "Visitors"}
    assert connections["Visitors"]["point"] == [40.4168, -3.7038]
    assert connections["Visitors"]["url"] == visitors.get_absolute_url()
    assert connections["Careful"]["point"] == [51.5, -0.3]
    assert "51.4567" not in response.content.decode()
    assert careful.sites.get().name not in response.content.decode()


def test_it_answers_404_for_an_unknown_dispute(client):
    assert client.get("/disputes/nowhere/connections.json").status_code == 404


def test_the_map_page_loads_the_lines_script(client):
    body = client.get("/").content.decode()
    assert "js/map-connections.js" in body
    assert body.index("js/map.js") < body.index("js/map-connections.js")
