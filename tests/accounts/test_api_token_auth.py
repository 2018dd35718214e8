"""`TokenAuth` and `optional_token_auth` on a small API of the test's own."""

import json

import pytest
from django.urls import path
from ninja import NinjaAPI

from picketline.accounts import services
from picketline.api.auth import optional_token_auth, token_auth
from tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

api = NinjaAPI(urls_namespace="test_auth")


@api.get("/me", auth=token_auth)
def me(request):
    return {"username": request.user.username, "auth": request.auth.username}


@api.get("/either", auth=optional_token_auth)
def either(request):
    return {"signed_in": request.user.is_authenticated}


urlpatterns = [path("api/", api.urls)]


def _get(client, url, token=None, scheme="Bearer"):
    headers = {"Authorization": f"{scheme} {token}"} if token is not None else {}
    return client.get(url, headers=headers)


@pytest.fixture
def user():
    return make_user(username="teresa")


@pytest.fixture
def raw(user):
    return services.api_token_create(user=user, name="Script")[1]


def test_it_knows_the_user_behind_a_token(client, user, raw):
    response = _get(client, "/api/me", raw)
    assert response.status_code == 200
    assert json.loads(response.content) == {"username": "teresa", "auth": "teresa"}


def test_it_refuses_a_request_without_a_token(client):
    assert _get(client, "/api/me").status_code == 401


@pytest.mark.parametrize("url", ["/api/me", "/api/either"])
def test_it_refuses_a_wrong_or_revoked_token_even_where_anonymous_is_welcome(
    client, user, raw, url
):
    assert _get(client, url, raw + "x").status_code == 401
    assert _get(client, url, raw, scheme="Basic").status_code == 401
    token = user.api_tokens.get()
    services.api_token_revoke(token=token, user=user)
    response = _get(client, url, raw)
    assert response.status_code == 401
    assert "not valid" in json.loads(response.content)["detail"]


def test_it_lets_anonymous_requests_through_where_allowed(client):
    response = _get(client, "/api/either")
    assert response.status_code == 200
    assert json.loads(response.content) == {"signed_in": False}


def test_it_signs_in_token_holders_where_anonymous_is_also_allowed(client, raw):
    assert json.loads(_get(client, "/api/either", raw).content) == {"signed_in": True}


def test_it_ignores_the_sites_session_cookie(client, user):
    client.force_login(user)
    assert _get(client, "/api/me").status_code == 401
    assert json.loads(_get(client, "/api/either").content) == {"signed_in": False}


def test_it_describes_the_bearer_scheme_in_openapi():
    schema = api.get_openapi_schema()
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }
    assert schema["paths"]["/api/me"]["get"]["security"] == [{"TokenAuth": []}]
