"""/api/v1/disputes/ (with a trailing slash) answers: a redirect to the address without it."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_it_sends_a_list_with_a_trailing_slash_on_to_the_list(client):
    factories.make_dispute(title="Dockers")
    response = client.get("/api/v1/disputes/?status=active&limit=5")
    assert response.status_code == 308
    assert response["Location"] == "/api/v1/disputes?status=active&limit=5"
    followed = client.get("/api/v1/disputes/", follow=True)
    assert followed.status_code == 200
    assert [item["title"] for item in followed.json()["items"]] == ["Dockers"]


def test_it_sends_a_record_with_a_trailing_slash_on_to_the_record(client):
    dispute = factories.make_dispute()
    response = client.get(f"/api/v1/disputes/{dispute.slug}/")
    assert response.status_code == 308
    assert response["Location"] == f"/api/v1/disputes/{dispute.slug}"


def test_it_keeps_the_method_for_writes(client):
    response = client.post("/api/v1/submissions/", data={}, content_type="application/json")
    # 308: a client that follows it sends the same POST and body again.
    assert response.status_code == 308
    assert response["Location"] == "/api/v1/submissions"


def test_an_unknown_address_with_a_slash_is_still_a_problem(client):
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_the_index_answers_with_its_slash(client):
    assert client.get("/api/v1/").status_code == 200
