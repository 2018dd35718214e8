"""The set-up page: the key, the link, the confirming code, the recovery codes shown once."""

import re

import pytest

from picketline.accounts import totp
from picketline.accounts.models import RecoveryCode, TotpDevice
from picketline.accounts.two_factor import VERIFIED_KEY
from tests.factories import login, make_moderator, make_user, totp_code

pytestmark = pytest.mark.django_db

SETUP = "/accounts/two-factor/setup/"


def _secret(user):
    return TotpDevice.objects.get(user=user).secret


def test_it_shows_the_key_grouped_and_an_otpauth_link(client, settings):
    settings.SITE_NAME = "Picketline"
    user = make_user(username="ana")
    login(client, user)
    page = client.get(SETUP)
    assert page.status_code == 200
    secret = _secret(user)
    assert totp.secret_grouped(secret) in page.text
    assert f'href="otpauth://totp/Picketline:ana?secret={secret}&amp;issuer=Picketline' in page.text
    assert 'name="code"' in page.text and "csrfmiddlewaretoken" in page.text


def test_it_draws_the_link_as_a_qr_code_in_the_page(client):
    login(client, make_user())
    page = client.get(SETUP)
    svg = re.search(r'<svg [^>]*class="totp-qr".*?</svg>', page.text, re.S)
    assert svg is not None
    assert "<title>QR code to scan with your authenticator app</title>" in svg[0]
    # Drawn on the server: no script and no image request, which the CSP would refuse anyway.
    assert "<script" not in page.text.split("</main>")[0].split("<main")[-1]


def test_it_keeps_the_same_key_when_the_page_is_reloaded(client):
    user = make_user()
    login(client, user)
    client.get(SETUP)
    first = _secret(user)
    client.get(SETUP)
    assert _secret(user) == first
    client.post(SETUP, {"action": "restart"})
    assert _secret(user) != first


def test_it_says_when_the_code_is_wrong(client):
    user = make_user()
    login(client, user)
    client.get(SETUP)
    wrong = f"{(int(totp_code(_secret(user))) + 3) % 1_000_000:06d}"
    response = client.post(SETUP, {"code": wrong})
    assert response.status_code == 200
    assert "That code is not right" in response.text and "field--invalid" in response.text
    assert TotpDevice.objects.get(user=user).confirmed_at is None


def test_it_turns_on_and_shows_the_recovery_codes_once(client):
    user = make_user()
    login(client, user)
    client.get(SETUP)
    response = client.post(SETUP, {"code": totp_code(_secret(user))})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    codes = re.findall(r"<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>", response.text)
    assert len(codes) == 10
    assert "They will not be shown again" in response.text
    assert RecoveryCode.objects.filter(user=user).count() == 10
    assert not RecoveryCode.objects.filter(code_hash__in=codes).exists()
    assert client.session[VERIFIED_KEY] is True
    # Afterwards the page only says it is on; the codes are never shown again.
    after = client.get(SETUP, follow=True)
    assert "already on" in after.text
    assert codes[0] not in after.text
    assert "10 unused recovery codes" in after.text


def test_it_sends_a_moderator_on_to_next_after_set_up(client):
    moderator = make_moderator(with_device=False)
    client.force_login(moderator)
    client.get(f"{SETUP}?next=/accounts/tokens/")
    response = client.post(
        SETUP, {"code": totp_code(_secret(moderator)), "next": "/accounts/tokens/"}
    )
    assert 'href="/accounts/tokens/"' in response.text
    assert "Moderators and administrators must use two-factor" not in response.text
    assert client.get("/accounts/tokens/").status_code == 200


def test_it_tells_a_moderator_why_it_is_needed(client):
    client.force_login(make_moderator(with_device=False))
    assert "Moderators and administrators must use two-factor" in client.get(SETUP).text


def test_it_sends_anonymous_visitors_to_log_in(client):
    response = client.get(SETUP)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
