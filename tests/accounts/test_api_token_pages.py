"""The tokens page: create (raw token shown once, stored only hashed), list, revoke."""

import hashlib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from picketline.accounts import services
from picketline.accounts.models import ApiToken
from picketline.core.models import AuditEntry
from tests.factories import login, make_moderator, make_user

pytestmark = pytest.mark.django_db

PAGE = "/accounts/tokens/"
RAW = re.compile(r'<code id="new-token">(plt_[0-9a-f]{8}_[A-Za-z0-9_-]+)</code>')


def test_it_creates_a_token_and_shows_it_once(client):
    user = make_user()
    login(client, user)
    response = client.post(PAGE, {"name": "Rota spreadsheet"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    raw = RAW.search(response.text)[1]
    assert "it will not be shown again" in response.text
    token = ApiToken.objects.get(user=user)
    assert token.name == "Rota spreadsheet"
    assert raw.startswith(f"plt_{token.prefix}_")
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert AuditEntry.objects.filter(action="api_token.created").count() == 1
    again = client.get(PAGE)
    assert raw not in again.text
    assert f"plt_{token.prefix}_…" in again.text and "Rota spreadsheet" in again.text


def test_it_never_stores_the_raw_token():
    _token, raw = services.api_token_create(user=make_user(), name="Script")
    secret = raw.split("_", 2)[2]
    for row in ApiToken.objects.values():
        for value in row.values():
            assert raw not in str(value)
            assert secret not in str(value)


def test_it_says_when_the_name_is_missing(client):
    login(client, make_user())
    response = client.post(PAGE, {"name": "  "})
    assert "Give the token a name" in response.text and "field--invalid" in response.text
    assert not ApiToken.objects.exists()


def test_it_revokes_a_token_with_a_post(client):
    user = make_user()
    token, _raw = services.api_token_create(user=user, name="Old script")
    login(client, user)
    response = client.post(f"{PAGE}{token.pk}/revoke/", follow=True)
    assert "has been revoked" in response.text
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Revoked" in response.text
    assert AuditEntry.objects.filter(action="api_token.revoked").count() == 1


def test_it_does_not_let_anyone_revoke_someone_elses_token(client):
    token, _raw = services.api_token_create(user=make_user(), name="Theirs")
    login(client, make_user())
    assert client.post(f"{PAGE}{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_it_lists_only_ones_own_tokens(client):
    services.api_token_create(user=make_user(), name="Someone else's")
    user = make_user()
    services.api_token_create(user=user, name="Mine")
    login(client, user)
    page = client.get(PAGE)
    assert "Mine" in page.text and "Someone else" not in page.text


def test_it_asks_a_moderator_for_the_code_first(client):
    client.force_login(make_moderator())
    response = client.get(PAGE)
    assert response["Location"] == "/accounts/login/code/?next=%2Faccounts%2Ftokens%2F"


def test_it_lists_tokens_in_a_fixed_number_of_queries(client):
    user = make_user()
    services.api_token_create(user=user, name="Token 0")
    login(client, user)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(PAGE).status_code == 200
        return len(context.captured_queries)

    few = queries()
    for n in range(1, 6):
        services.api_token_create(user=user, name=f"Token {n}")
    assert queries() == few
