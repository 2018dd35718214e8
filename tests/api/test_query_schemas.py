"""The lists' query parameters come from ninja schemas judged by the shared filter forms: the
document and the forms agree, and a query means what it meant when handlers read request.GET."""

import json

import pytest
from django import forms

from picketline.accounts.services import api_token_create
from picketline.api.forms import OrganisationFilterForm, PageForm
from picketline.disputes.filters import DisputeFilterForm
from picketline.events.filters import EventFilterForm
from tests import factories
from tests.api.helpers import body, problem

pytestmark = pytest.mark.django_db

LISTS = {
    "/api/v1/disputes": DisputeFilterForm,
    "/api/v1/events": EventFilterForm,
    "/api/v1/organisations": OrganisationFilterForm,
}


@pytest.fixture
def document(client):
    return json.loads(client.get("/api/v1/openapi.json").content)


@pytest.mark.parametrize("path", LISTS)
def test_each_list_documents_exactly_the_fields_of_its_forms(document, path):
    parameters = {p["name"]: p for p in document["paths"][path]["get"]["parameters"]}
    fields = {**LISTS[path].base_fields, **PageForm.base_fields}
    assert set(parameters) == set(fields)
    for name, field in fields.items():
        parameter = parameters[name]
        assert parameter["in"] == "query"
        assert parameter["required"] is False
        assert parameter["description"], name
        schema = parameter["schema"]
        assert "anyOf" not in schema, f"{path} {name}: a query string cannot say null"
        choices = [value for value, _label in getattr(field, "choices", []) if value]
        if isinstance(field, forms.MultipleChoiceField):
            assert schema["type"] == "array"
            assert schema["items"]["enum"] == choices
        elif isinstance(field, forms.ChoiceField):
            assert schema["enum"] == choices
        elif isinstance(field, forms.DateField):
            assert (schema["type"], schema["format"]) == ("string", "date")
        elif isinstance(field, forms.BooleanField):
            assert schema["type"] == "boolean"
        elif isinstance(field, (forms.IntegerField, forms.FloatField)):
            assert schema["type"] in {"integer", "number"}
            assert (schema["minimum"], schema["maximum"]) == (field.min_value, field.max_value)
        else:
            assert (schema["type"], schema["maxLength"]) == ("string", field.max_length)


def test_it_takes_repeated_and_comma_separated_values_alike(client):
    announced = factories.make_dispute(status="announced")
    active = factories.make_dispute(status="active")
    factories.make_dispute(status="ended")
    for query in ("status=announced&status=active", "status=announced,%20active,"):
        ids = {item["id"] for item in body(client.get(f"/api/v1/disputes?{query}"))["items"]}
        assert ids == {announced.pk, active.pk}, query


def test_it_ignores_empty_parameters_as_the_pages_do(client):
    factories.make_dispute()
    page = body(client.get("/api/v1/disputes?status=&limit=&cursor=&sort=&radius_km=&date_from="))
    assert page["limit"] == 25
    assert len(page["items"]) == 1


def test_it_names_an_unknown_place_with_the_other_bad_parameters(client):
    document = problem(client.get("/api/v1/disputes?near=Qzxqv%20Nowhere&limit=0"), 400)
    assert document["type"] == "urn:picketline:problem:invalid-parameters"
    assert set(document["errors"]) == {"near", "limit"}


def test_it_keeps_braces_in_a_message_as_they_were_sent(client):
    document = problem(client.get("/api/v1/disputes?kind={message}"), 400)
    assert "{message}" in document["errors"]["kind"][0]


def test_a_path_parameter_of_the_wrong_type_is_a_problem_document(client):
    _row, token = api_token_create(user=factories.make_moderator(), name="script")
    response = client.delete("/api/v1/sites/abc", headers={"Authorization": f"Bearer {token}"})
    document = problem(response, 400)
    assert document["type"] == "urn:picketline:problem:invalid-parameters"
    assert set(document["errors"]) == {"site_id"}


def test_every_operation_declares_the_problems_it_can_answer(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            if operation.get("security"):
                assert "401" in responses, (method, path)
            if operation.get("requestBody") or any(
                p["in"] == "query" or p["schema"].get("type") != "string"
                for p in operation.get("parameters", [])
            ):
                assert "400" in responses, (method, path)
            for status, response in responses.items():
                if status.startswith("4"):
                    assert "application/problem+json" in response["content"], (method, path)
