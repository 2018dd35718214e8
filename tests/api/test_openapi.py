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
    assert set(document["paths"]) == {
        "/api/v1/disputes",
        "/api/v1/disputes/{id_or_slug}",
        "/api/v1/organisations",
        "/api/v1/organisations/{id_or_slug}",
    }
    for path, item in document["paths"].items():
        assert set(item) <= HTTP_METHODS, path
        assert set(item) == {"get"}


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
    assert limit["schema"] == {"type": "integer", "minimum": 1, "maximum": 100}
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


def test_no_schema_has_a_private_field(document):
    for path, node in _walk(document):
        if isinstance(node, dict) and isinstance(node.get("properties"), dict):
            assert not PRIVATE_NAMES & set(node["properties"]), path
