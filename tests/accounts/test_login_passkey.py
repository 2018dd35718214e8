"""Signing in with a passkey: on its own from the login page, or as the second step."""

import pytest

from picketline.accounts.models import Passkey
from picketline.accounts.two_factor import VERIFIED_KEY
from tests.accounts.passkey_helpers import LOGIN_OPTIONS, LOGIN_PASSKEY, make_passkey, passkey_login
from tests.accounts.softkey import SoftKey
from tests.factories import PASSWORD, login, make_moderator, make_totp_device, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
CODE = "/accounts/login/code/"


@pytest.fixture(autouse=True)
def _relying_party(settings):
    settings.WEBAUTHN_RP_ID = "localhost"
    settings.WEBAUTHN_ORIGIN = "http://localhost:8000"


def _with_passkey(client_factory, user, **key_options):
    """`user` with a registered passkey, and a fresh client that is not signed in."""
    setup = client_factory()
    login(setup, user)
    session = setup.session
    session[VERIFIED_KEY] = True  # as after the code, for accounts that already have one
    session.save()
    key = make_passkey(setup, user)
    key.verify_user = key_options.get("verify_user", True)
    return key


@pytest.fixture
def new_client():
    from django.test import Client

    return Client


def _signed_in_as(client):
    return client.session.get("_auth_user_id")


def test_the_login_page_offers_a_passkey(client):
    page = client.get(LOGIN)
    assert "Sign in with a passkey" in page.text
    assert 'data-passkey="get"' in page.text and "js/passkeys.js" in page.text


def test_it_signs_in_with_a_passkey_alone(client, new_client):
    user = make_user()
    key = _with_passkey(new_client, user)
    response = passkey_login(client, key)
    assert response.status_code == 302 and response["Location"] == "/"
    assert _signed_in_as(client) == str(user.pk)
    assert client.session[VERIFIED_KEY] is True
    passkey = Passkey.objects.get(user=user)
    assert passkey.sign_count == 1 and passkey.last_used_at is not None


def test_a_moderator_signs_in_with_a_passkey_and_needs_nothing_more(client, new_client):
    moderator = make_moderator(with_device=False)
    key = _with_passkey(new_client, moderator)
    response = passkey_login(client, key, next_url="/moderation/")
    assert response["Location"] == "/moderation/"
    assert client.get("/moderation/").status_code == 200


def test_it_refuses_a_next_on_another_site(client, new_client):
    key = _with_passkey(new_client, make_user())
    assert passkey_login(client, key, next_url="https://evil.example/")["Location"] == "/"


def test_signing_in_without_a_password_needs_the_devices_own_check(client, new_client):
    user = make_user()
    key = _with_passkey(new_client, user, verify_user=False)
    response = passkey_login(client, key)
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert _signed_in_as(client) is None
    assert "That passkey was not accepted" in client.get(LOGIN).text
    # After the password, the same key is enough as the second step.
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    response = passkey_login(client, key, purpose="second-factor")
    assert _signed_in_as(client) == str(user.pk)


def test_it_is_the_second_step_after_a_password(client, new_client):
    user = make_user()
    key = _with_passkey(new_client, user)
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response["Location"] == CODE and _signed_in_as(client) is None
    page = client.get(CODE)
    assert "Use a passkey" in page.text
    assert 'name="code"' not in page.text  # no authenticator app on this account
    response = passkey_login(client, key, purpose="second-factor")
    assert response.status_code == 302 and response["Location"] == "/"
    assert _signed_in_as(client) == str(user.pk) and client.session[VERIFIED_KEY] is True


def test_the_code_page_offers_both_when_there_are_both(client, new_client):
    user = make_user()
    make_totp_device(user)
    _with_passkey(new_client, user)
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    page = client.get(CODE)
    assert "Use a passkey" in page.text and 'name="code"' in page.text


def test_someone_elses_passkey_is_not_a_second_step(client, new_client):
    user, other = make_user(), make_user()
    _with_passkey(new_client, user)
    other_key = _with_passkey(new_client, other)
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    response = passkey_login(client, other_key, purpose="second-factor")
    assert response["Location"] == CODE
    assert _signed_in_as(client) is None


def test_the_second_step_needs_a_password_first(client, new_client):
    key = _with_passkey(new_client, make_user())
    assert client.post(LOGIN_OPTIONS, {"purpose": "second-factor"}).status_code == 409
    response = client.post(LOGIN_PASSKEY, {"purpose": "second-factor", "credential": "{}"})
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert key is not None


def test_an_answer_works_once(client, new_client):
    user = make_user()
    key = _with_passkey(new_client, user)
    options = client.post(LOGIN_OPTIONS, {"purpose": "sign-in"})
    answer = key.get(options.text)
    client.post(LOGIN_PASSKEY, {"purpose": "sign-in", "credential": answer})
    assert _signed_in_as(client) == str(user.pk)
    client.logout()
    client.post(LOGIN_OPTIONS, {"purpose": "sign-in"})  # a new challenge, not the one signed
    response = client.post(LOGIN_PASSKEY, {"purpose": "sign-in", "credential": answer})
    assert response["Location"] == LOGIN and _signed_in_as(client) is None


def test_it_refuses_a_counter_that_goes_back(client, new_client):
    user = make_user()
    key = _with_passkey(new_client, user)
    passkey_login(client, key)
    client.logout()
    key.count = 0  # a cloned key starts again from an old counter
    response = passkey_login(client, key)
    assert response["Location"] == LOGIN and _signed_in_as(client) is None


def test_it_refuses_an_answer_for_another_site_or_an_unknown_key(client, new_client):
    user = make_user()
    key = _with_passkey(new_client, user)
    key.origin = "https://evil.example"
    assert passkey_login(client, key)["Location"] == LOGIN
    assert passkey_login(client, SoftKey())["Location"] == LOGIN
    assert _signed_in_as(client) is None


def test_it_refuses_a_challenge_past_its_time(client, new_client, monkeypatch):
    import time

    key = _with_passkey(new_client, make_user())
    options = client.post(LOGIN_OPTIONS, {"purpose": "sign-in"})
    later = time.time() + 301
    monkeypatch.setattr("picketline.accounts.passkeys.time.time", lambda: later)
    client.post(LOGIN_PASSKEY, {"purpose": "sign-in", "credential": key.get(options.text)})
    assert _signed_in_as(client) is None
    assert "has expired" in client.get(LOGIN).text


def test_it_refuses_a_deactivated_account(client, new_client):
    user = make_user()
    key = _with_passkey(new_client, user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    passkey_login(client, key)
    assert _signed_in_as(client) is None


def test_it_is_throttled_per_address(client, new_client, settings):
    user = make_user()
    key = _with_passkey(new_client, user)
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": "1/hour"}
    passkey_login(client, SoftKey())
    response = passkey_login(client, key)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Too many sign-in attempts" in response.text
    assert _signed_in_as(client) is None


def test_it_is_throttled_per_account(client, new_client, settings):
    user = make_user()
    key = _with_passkey(new_client, user)
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-passkey": "1/hour"}
    bad = SoftKey()
    bad.credential_id = key.credential_id  # the right account, a wrong signature
    passkey_login(client, bad)
    response = passkey_login(client, key, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert _signed_in_as(client) is None
