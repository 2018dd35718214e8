"""The headers and cookies every public page carries, with the settings production uses."""

import pytest
from django.test import Client

from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/disputes/", "/add/", "/events/"]


@pytest.fixture
def production(settings):
    """What docs/production.env sets (test_production_settings checks the file says so)."""
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_SECURE = True
    # A fresh client builds the middleware, which reads these once, after they are set.
    return Client()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_public_page_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_it_sends_hsts_over_https_only(production):
    secure = production.get("/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    plain = production.get("/")
    assert "Strict-Transport-Security" not in plain


def test_it_sends_plain_http_to_https(production):
    response = production.get("/disputes/?q=care")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/disputes/?q=care"


def test_behind_a_proxy_it_believes_the_forwarded_protocol(production, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = Client().get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response


def _cookie_flags(cookie) -> tuple:
    return bool(cookie["secure"]), bool(cookie["httponly"]), cookie["samesite"]


def test_the_csrf_cookie_is_secure_http_only_and_same_site(production):
    response = production.get("/add/", secure=True)
    assert _cookie_flags(response.cookies["csrftoken"]) == (True, True, "Lax")


def test_the_session_cookie_is_secure_http_only_and_same_site(production):
    user = make_user()
    production.get("/accounts/login/", secure=True)
    response = production.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD}, secure=True
    )
    assert response.status_code == 302
    assert _cookie_flags(response.cookies["sessionid"]) == (True, True, "Lax")


def test_the_language_cookie_is_secure_http_only_and_same_site(production):
    response = production.post("/i18n/setlang/", {"language": "es", "next": "/"}, secure=True)
    assert _cookie_flags(response.cookies["picketline_language"]) == (True, True, "Lax")


def test_on_a_laptop_cookies_are_still_http_only_and_same_site(client):
    response = client.get("/add/")
    assert _cookie_flags(response.cookies["csrftoken"]) == (False, True, "Lax")
