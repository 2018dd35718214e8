"""Logging in: a password alone without a device; password then code with one."""

import pytest

from picketline.accounts import services
from picketline.accounts.two_factor import PENDING_KEY, VERIFIED_KEY
from tests.factories import PASSWORD, make_moderator, make_totp_device, make_user, totp_code

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
CODE = "/accounts/login/code/"


def _password(client, user, next_url=None):
    data = {"username": user.username, "password": PASSWORD}
    if next_url is not None:
        data["next"] = next_url
    return client.post(LOGIN, data)


def _signed_in(client):
    return "_auth_user_id" in client.session


def _wrong(secret):
    return f"{(int(totp_code(secret)) + 7) % 1_000_000:06d}"


def test_it_logs_in_with_a_password_alone_without_a_device(client):
    user = make_user()
    response = _password(client, user)
    assert response.status_code == 302 and response["Location"] == "/"
    assert _signed_in(client)
    assert VERIFIED_KEY not in client.session


def test_it_asks_for_a_code_after_the_password_when_there_is_a_device(client):
    user = make_user()
    make_totp_device(user)
    response = _password(client, user)
    assert response.status_code == 302 and response["Location"] == CODE
    assert not _signed_in(client)
    page = client.get(CODE)
    assert page.status_code == 200
    assert "Enter your code" in page.text and 'name="code"' in page.text


def test_it_logs_in_after_the_right_code_and_marks_the_session_verified(client):
    user = make_user()
    secret = make_totp_device(user)
    _password(client, user)
    response = client.post(CODE, {"code": totp_code(secret)})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session[VERIFIED_KEY] is True


def test_it_says_when_the_code_is_wrong_and_stays_logged_out(client):
    user = make_user()
    secret = make_totp_device(user)
    _password(client, user)
    response = client.post(CODE, {"code": _wrong(secret)})
    assert response.status_code == 200
    assert "That code is not right" in response.text
    assert "field--invalid" in response.text
    assert not _signed_in(client)


def test_it_asks_for_the_code_when_none_was_given(client):
    user = make_user()
    make_totp_device(user)
    _password(client, user)
    response = client.post(CODE, {"code": ""})
    assert "Enter the code." in response.text


def test_it_starts_again_after_five_wrong_codes(client):
    user = make_user()
    secret = make_totp_device(user)
    _password(client, user, next_url="/disputes/")
    for _attempt in range(4):
        assert client.post(CODE, {"code": _wrong(secret)}).status_code == 200
    response = client.post(CODE, {"code": _wrong(secret)})
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=%2Fdisputes%2F"
    # The right code no longer helps: the password has to be given again.
    assert client.post(CODE, {"code": totp_code(secret)})["Location"].startswith(LOGIN)
    assert not _signed_in(client)
    assert "Too many wrong codes" in client.get(LOGIN).text


def test_it_accepts_a_recovery_code_once(client):
    user = make_user()
    make_totp_device(user)
    codes = services.recovery_codes_regenerate(user=user)
    _password(client, user)
    assert client.post(CODE, {"code": codes[0]}).status_code == 302
    assert _signed_in(client)
    client.logout()
    _password(client, user)
    response = client.post(CODE, {"code": codes[0]})
    assert response.status_code == 200 and not _signed_in(client)


def test_it_keeps_next_through_both_steps(client):
    user = make_user()
    secret = make_totp_device(user)
    _password(client, user, next_url="/disputes/?q=port")
    response = client.post(CODE, {"code": totp_code(secret), "next": "https://evil.example/"})
    assert response["Location"] == "/disputes/?q=port"


def test_it_refuses_a_next_on_another_site(client):
    user = make_user()
    secret = make_totp_device(user)
    _password(client, user, next_url="https://evil.example/steal")
    response = client.post(CODE, {"code": totp_code(secret)})
    assert response["Location"] == "/"


def test_it_sends_the_code_page_back_to_login_without_a_password_first(client):
    response = client.get(CODE)
    assert response.status_code == 302 and response["Location"] == LOGIN


def test_it_verifies_a_signed_in_moderators_session_on_the_code_page(client):
    moderator = make_moderator(with_device=False)
    secret = make_totp_device(moderator)
    client.force_login(moderator)
    page = client.get(f"{CODE}?next=/accounts/tokens/")
    assert page.status_code == 200
    assert 'value="/accounts/tokens/"' in page.text
    response = client.post(CODE, {"code": totp_code(secret), "next": "/accounts/tokens/"})
    assert response["Location"] == "/accounts/tokens/"
    assert client.session[VERIFIED_KEY] is True
    assert client.get("/accounts/tokens/").status_code == 200


def test_it_limits_codes_per_account_across_logins(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-code": "2/hour"}
    user = make_user()
    secret = make_totp_device(user)
    _password(client, user)
    client.post(CODE, {"code": _wrong(secret)})
    client.post(CODE, {"code": _wrong(secret)})
    response = client.post(CODE, {"code": totp_code(secret)})
    assert response.status_code == 429
    assert "Too many sign-in attempts. Try again in" in response.text
    assert int(response["Retry-After"]) <= 3600
    assert not _signed_in(client)


def test_it_forgets_the_password_step_after_ten_minutes(client):
    user = make_user()
    secret = make_totp_device(user)
    _password(client, user)
    session = client.session
    session[PENDING_KEY] = {
        **session[PENDING_KEY],
        "started": session[PENDING_KEY]["started"] - 601,
    }
    session.save()
    response = client.post(CODE, {"code": totp_code(secret)})
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert not _signed_in(client)
