import logging

import pytest

from tests import factories
from tests.api.helpers import problem

pytestmark = pytest.mark.django_db


def test_it_lists_each_bad_parameter(client):
    document = problem(
        client.get("/api/v1/disputes?status=striking&date_from=soon&country=Spain&limit=-1"), 400
    )
    assert document["type"] == "urn:picketline:problem:invalid-parameters"
    assert document["instance"] == "/api/v1/disputes"
    assert set(document["errors"]) == {"status", "date_from", "country", "limit"}
    assert "striking" in document["errors"]["status"][0]
    assert all(isinstance(m, str) for messages in document["errors"].values() for m in messages)


def test_it_answers_an_unknown_address_with_a_problem(client):
    document = problem(client.get("/api/v1/strikes"), 404)
    assert "/api/v1/strikes" in document["detail"]


def test_it_answers_a_wrong_method_with_a_problem(client):
    factories.make_dispute()
    response = client.put("/api/v1/organisations", data={})
    document = problem(response, 405)
    assert response["Allow"] == "GET"
    assert document["type"] == "urn:picketline:problem:method-not-allowed"


def test_it_answers_an_unexpected_error_with_a_problem_and_logs_it(client, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("the database caught fire")

    monkeypatch.setattr("picketline.api.disputes.dispute_feed_search", broken)
    with caplog.at_level(logging.ERROR, logger="picketline.api"):
        document = problem(client.get("/api/v1/disputes"), 500)
    assert document["type"] == "urn:picketline:problem:server-error"
    assert "fire" not in document["detail"]
    assert any("fire" in str(record.exc_info[1]) for record in caplog.records if record.exc_info)


def test_it_writes_messages_in_the_readers_language(client):
    response = client.get("/api/v1/disputes?kind=riot", headers={"Accept-Language": "es"})
    document = problem(response, 400)
    assert document["errors"]["kind"] == [
        "Escoja una opción válida. riot no es una de las opciones disponibles."
    ]
