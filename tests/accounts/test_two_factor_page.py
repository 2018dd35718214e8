"""The two-factor page and the account page: status, new recovery codes, turning it off."""

import re

import pytest

from picketline.accounts import services
from picketline.accounts.models import RecoveryCode, TotpDevice
from tests.factories import login, make_moderator, make_totp_device, make_user, totp_code

pytestmark = pytest.mark.django_db

PAGE = "/accounts/two-factor/"


def test_it_says_when_two_factor_is_off_and_offers_to_set_it_up(client):
    login(client, make_user())
    page = client.get(PAGE)
    assert "Two-factor authentication is off." in page.text
    assert 'href="/accounts/two-factor/setup/"' in page.text


def test_it_counts_the_recovery_codes_left(client):
    user = make_user()
    make_totp_device(user)
    codes = services.recovery_codes_regenerate(user=user)
    services.totp_verify(user=user, code=codes[0])
    login(client, user)
    page = client.get(PAGE)
    assert "Two-factor authentication is on." in page.text
    assert "9 unused recovery codes left" in page.text


def test_it_makes_new_recovery_codes_only_with_a_current_code(client):
    user = make_user()
    secret = make_totp_device(user)
    old = services.recovery_codes_regenerate(user=user)
    login(client, user)
    refused = client.post(f"{PAGE}recovery-codes/", {"regenerate-code": "000000"})
    assert refused.status_code == 200 and "not right" in refused.text
    response = client.post(f"{PAGE}recovery-codes/", {"regenerate-code": totp_code(secret)})
    new = re.findall(r"<li><code>([a-z0-9-]{11})</code></li>", response.text)
    assert len(new) == 10 and not set(new) & set(old)
    assert RecoveryCode.objects.filter(user=user).count() == 10


def test_it_turns_off_for_a_supporter_with_a_code(client):
    user = make_user()
    secret = make_totp_device(user)
    login(client, user)
    response = client.post(f"{PAGE}remove/", {"remove-code": totp_code(secret)}, follow=True)
    assert "Two-factor authentication is now off." in response.text
    assert not TotpDevice.objects.filter(user=user).exists()


def test_it_keeps_it_on_when_the_code_to_turn_it_off_is_wrong(client):
    user = make_user()
    make_totp_device(user)
    login(client, user)
    response = client.post(f"{PAGE}remove/", {"remove-code": "12"})
    assert "not right" in response.text
    assert TotpDevice.objects.filter(user=user).exists()


def test_it_offers_a_moderator_no_way_to_turn_it_off(client):
    moderator = make_moderator()
    login(client, moderator)
    page = client.get(PAGE)
    assert 'action="/accounts/two-factor/remove/"' not in page.text
    assert "must keep two-factor authentication on" in page.text


def test_it_refuses_a_moderators_request_to_turn_it_off(client):
    moderator = make_moderator(with_device=False)
    secret = make_totp_device(moderator)
    login(client, moderator)
    response = client.post(f"{PAGE}remove/", {"remove-code": totp_code(secret)})
    assert response.status_code == 200
    assert "must keep two-factor authentication on" in response.text
    assert TotpDevice.objects.filter(user=moderator).exists()


def test_it_needs_a_post_to_change_anything(client):
    login(client, make_user())
    assert client.get(f"{PAGE}remove/").status_code == 405
    assert client.get(f"{PAGE}recovery-codes/").status_code == 405


def test_the_account_page_links_to_password_two_factor_and_tokens(client):
    user = make_user(username="rosa", email="rosa@example.org")
    login(client, user)
    page = client.get("/accounts/")
    assert page.status_code == 200
    assert "rosa" in page.text and "rosa@example.org" in page.text
    for href in ("/accounts/password/change/", "/accounts/two-factor/", "/accounts/tokens/"):
        assert f'href="{href}"' in page.text
    assert "Moderators and administrators" in page.text
