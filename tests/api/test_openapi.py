import json
import re

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/openapi.json"
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
PRIVATE_NAMES = {"solidarity_email", "coordinators", "search_text", "source_key", "email"}


@pytest.fixture
def document(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def _walk(node, path=()):
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index))


def _resolve(document: dict, ref: str):
    assert ref.startswith("#/"), ref
    node = document
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_it_is_an_openapi_3_1_document(document):
    assert re.fullmatch(r"3\.1\.\d+", document["openapi"])
    assert document["info"]["title"] == "Picketline API"
    assert document["info"]["version"] == "1"
    assert document["info"]["description"]
    assert set(document) <= {
        "openapi",
        "info",
        "jsonSchemaDialect",
        "servers",
        "paths",
        "webhooks",
        "components",
        "security",
        "tags",
        "externalDocs",
    }


def test_it_documents_every_endpoint(document):
    operations = {(path, method) for path, item in document["paths"].items() for method in item}
    assert operations == {
        ("/api/v1/disputes", "get"),
        ("/api/v1/disputes", "post"),
        ("/api/v1/disputes/{id_or_slug}", "get"),
        ("/api/v1/disputes/{id_or_slug}", "patch"),
        ("/api/v1/disputes/{id_or_slug}/version", "get"),
        ("/api/v1/disputes/{id_or_slug}/sites", "post"),
        ("/api/v1/disputes/{id_or_slug}/shifts", "post"),
        ("/api/v1/disputes/{id_or_slug}/actions", "post"),
        ("/api/v1/sites/{site_id}", "patch"),
        ("/api/v1/sites/{site_id}", "delete"),
        ("/api/v1/shifts/{shift_id}", "patch"),
        ("/api/v1/shifts/{shift_id}", "delete"),
        ("/api/v1/organisations", "get"),
        ("/api/v1/organisations/{id_or_slug}", "get"),
        ("/api/v1/organisations/{id_or_slug}/chapters", "get"),
        ("/api/v1/submissions", "post"),
        ("/api/v1/disputes/{id_or_slug}/messages", "post"),
        ("/api/v1/events", "get"),
        ("/api/v1/events/{id_or_slug}", "get"),
        ("/api/v1/events/{id_or_slug}/rsvps", "post"),
        ("/api/v1/events/{id_or_slug}/rsvps/{token}", "delete"),
        ("/api/v1/organisations/{id_or_slug}/members", "post"),
        ("/api/v1/organisations/{id_or_slug}/payments", "post"),
        ("/api/v1/charters/{slug}", "get"),
        ("/api/v1/charters/{slug}/endorsements", "post"),
        ("/api/v1/campaigns", "get"),
        ("/api/v1/campaigns/{slug}", "get"),
        ("/api/v1/appeals/{appeal_id}/signatures", "post"),
        ("/api/v1/organisations/{id_or_slug}/ballots", "post"),
        ("/api/v1/ballots/{ballot_id}", "get"),
        ("/api/v1/ballots/{ballot_id}/votes", "post"),
        ("/api/v1/ballots/{ballot_id}/close", "post"),
        ("/api/v1/ballots/{ballot_id}/tracker", "get"),
    }


# Writes that need no bearer token: a report anyone may make, and cancelling an RSVP, whose
# private token is in the path.
WRITES_WITHOUT_BEARER = {
    ("/api/v1/submissions", "post"),
    ("/api/v1/events/{id_or_slug}/rsvps/{token}", "delete"),
}
# Reads anyone may make, where a token (optional) shows more: a ballot's turnout while it is
# open, to its organisers and scrutineers.
READS_WITH_OPTIONAL_BEARER = {("/api/v1/ballots/{ballot_id}", "get")}


def test_it_asks_for_a_token_on_every_write_but_a_report(document):
    schemes = document["components"]["securitySchemes"]
    assert any(scheme.get("scheme") == "bearer" for scheme in schemes.values())
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if (path, method) in READS_WITH_OPTIONAL_BEARER:
                assert operation.get("security"), (path, method)
            elif method == "get" and not path.endswith("/version"):
                assert "security" not in operation, (path, method)
            elif (path, method) not in WRITES_WITHOUT_BEARER:
                assert operation.get("security"), (path, method)


def test_its_operations_are_well_formed(document):
    operation_ids = []
    for path, item in document["paths"].items():
        template_names = set(re.findall(r"{([^}]+)}", path))
        for operation in item.values():
            operation_ids.append(operation["operationId"])
            assert operation["summary"]
            assert operation["responses"]
            for status, response in operation["responses"].items():
                assert re.fullmatch(r"[1-5]\d\d|[1-5]XX|default", str(status))
                assert isinstance(response["description"], str) and response["description"]
            names = []
            for parameter in operation.get("parameters", []):
                assert parameter["in"] in {"query", "path", "header", "cookie"}
                assert "schema" in parameter
                names.append((parameter["name"], parameter["in"]))
                if parameter["in"] == "path":
                    assert parameter["required"] is True
            assert len(names) == len(set(names)), f"duplicate parameters in {path}"
            assert {name for name, where in names if where == "path"} == template_names
    assert len(operation_ids) == len(set(operation_ids))


def test_its_references_all_resolve(document):
    refs = [
        node["$ref"] for _path, node in _walk(document) if isinstance(node, dict) and "$ref" in node
    ]
    assert refs
    for ref in refs:
        assert isinstance(_resolve(document, ref), dict), ref


def test_it_uses_no_openapi_3_0_only_keywords(document):
    for path, node in _walk(document):
        if isinstance(node, dict):
            assert "nullable" not in node, path


def test_it_documents_the_list_filters_and_pagination(document):
    parameters = document["paths"]["/api/v1/disputes"]["get"]["parameters"]
    names = {parameter["name"] for parameter in parameters}
    assert {
        "status",
        "kind",
        "sector",
        "demand",
        "country",
        "union",
        "employer",
        "q",
        "date_from",
        "date_to",
        "near",
        "radius_km",
        "sort",
        "limit",
        "cursor",
    } <= names
    limit = next(p for p in parameters if p["name"] == "limit")
    assert {"type": "integer", "minimum": 1, "maximum": 100, "default": 25}.items() <= limit[
        "schema"
    ].items()
    status = next(p for p in parameters if p["name"] == "status")
    assert "active" in status["schema"]["items"]["enum"]


def test_it_documents_problem_documents(document):
    assert "Problem" in document["components"]["schemas"]
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail"} <= set(problem["properties"])
    response = document["paths"]["/api/v1/disputes"]["get"]["responses"]["400"]
    assert response["content"]["application/problem+json"]["schema"] == {
        "$ref": "#/components/schemas/Problem"
    }
    detail = document["paths"]["/api/v1/disputes/{id_or_slug}"]["get"]["responses"]["404"]
    assert "application/problem+json" in detail["content"]


def _response_schemas(document):
    """Every schema a response can carry, following references."""
    seen, stack = set(), []
    for item in document["paths"].values():
        for operation in item.values():
            for response in operation["responses"].values():
                for content in response.get("content", {}).values():
                    stack.append(content["schema"])
    while stack:
        node = stack.pop()
        for _path, child in _walk(node):
            if isinstance(child, dict) and "$ref" in child and child["$ref"] not in seen:
                seen.add(child["$ref"])
                stack.append(_resolve(document, child["$ref"]))
            if isinstance(child, dict) and isinstance(child.get("properties"), dict):
                yield child


def test_no_response_schema_has_a_private_field(document):
    schemas = list(_response_schemas(document))
    assert len(schemas) > 5
    for schema in schemas:
        assert not PRIVATE_NAMES & set(schema["properties"]), schema.get("title")


def test_it_documents_the_event_filters_and_answers(document):
    listing = document["paths"]["/api/v1/events"]["get"]
    names = {parameter["name"] for parameter in listing["parameters"]}
    assert {
        "date_from",
        "date_to",
        "country",
        "mode",
        "organiser",
        "dispute",
        "day",
        "q",
        "past",
        "near",
        "radius_km",
        "limit",
        "cursor",
    } <= names
    past = next(p for p in listing["parameters"] if p["name"] == "past")
    assert past["schema"]["type"] == "boolean"
    assert past["schema"]["default"] is False
    rsvp = document["paths"]["/api/v1/events/{id_or_slug}/rsvps"]["post"]
    assert {"200", "201", "202", "400", "404", "409", "429"} <= set(rsvp["responses"])
    assert rsvp["description"]
    cancel = document["paths"]["/api/v1/events/{id_or_slug}/rsvps/{token}"]["delete"]
    assert {"200", "404"} <= set(cancel["responses"])
