"""Password guessing is throttled per address and per account; past a limit the right password
fails too, with a 429 that says when to come back."""

import re

import pytest

from tests.factories import PASSWORD, make_totp_device, make_user, totp_code

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
CODE = "/accounts/login/code/"


def _signed_in(client):
    return "_auth_user_id" in client.session


def _guess(client, username, password="wrong password", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_it_refuses_even_the_right_password_past_the_account_limit(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-account": "3/hour"}
    user = make_user()
    for _attempt in range(3):
        assert _guess(client, user.username).status_code == 200
    response = _guess(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "Too many sign-in attempts. Try again in" in response.text
    assert "minute" in response.text
    assert not _signed_in(client)
    # The same answer as for a wrong password past the limit: nothing to learn from it.
    wrong = _guess(client, user.username)
    assert wrong.status_code == 429 and _main(wrong) == _main(response)


def _main(response):
    main = response.text.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main)


def test_it_counts_an_account_whatever_the_case_of_its_username(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-account": "2/hour"}
    make_user(username="ana")
    _guess(client, "ana")
    _guess(client, "ANA")
    assert _guess(client, " Ana ").status_code == 429


def test_it_leaves_other_accounts_alone(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-account": "2/hour"}
    target, other = make_user(), make_user()
    for _attempt in range(3):
        _guess(client, target.username)
    response = _guess(client, other.username, PASSWORD)
    assert response.status_code == 302 and _signed_in(client)


def test_it_refuses_an_address_that_tries_many_accounts(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": "3/hour"}
    users = [make_user() for _i in range(4)]
    for user in users[:3]:
        assert _guess(client, user.username).status_code == 200
    response = _guess(client, users[3].username, PASSWORD)
    assert response.status_code == 429 and "Retry-After" in response
    assert not _signed_in(client)
    # Another address is not held back.
    other = _guess(client, users[3].username, PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


def test_it_says_how_many_minutes_are_left(client, settings, monkeypatch):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-account": "1/hour"}
    monkeypatch.setattr("time.time", lambda: 3600 * 1000 + 3600 - 90)
    user = make_user()
    _guess(client, user.username)
    response = _guess(client, user.username)
    assert response["Retry-After"] == "90"
    assert "Try again in 2 minutes." in response.text


def test_it_throttles_the_code_step_per_account(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-code": "2/hour"}
    user = make_user()
    secret = make_totp_device(user)
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    client.post(CODE, {"code": "000000"})
    client.post(CODE, {"code": "000001"})
    response = client.post(CODE, {"code": totp_code(secret)})
    assert response.status_code == 429 and "Retry-After" in response
    assert not _signed_in(client)


def test_it_counts_the_code_step_against_the_address_too(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": "2/hour"}
    user = make_user()
    secret = make_totp_device(user)
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    client.post(CODE, {"code": "000000"})
    response = client.post(CODE, {"code": totp_code(secret)})
    assert response.status_code == 429
    assert not _signed_in(client)
