"""Passkeys in Chromium with its virtual authenticator (the DevTools protocol's WebAuthn domain):
a moderator adds one, signs out, signs in with it alone; then it is the second step after a
password."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from picketline.accounts.models import Passkey, TotpDevice
from tests import factories
from tests.browser.conftest import DESKTOP, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def relying_party(settings, live_server):
    settings.WEBAUTHN_RP_ID = urlsplit(live_server.url).hostname
    settings.WEBAUTHN_ORIGIN = live_server.url


def _virtual_authenticator(tab):
    """A platform authenticator that holds discoverable credentials and checks the user (as a
    phone's fingerprint would) without asking."""
    session = tab.context.new_cdp_session(tab.page)
    session.send("WebAuthn.enable")
    found = session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return session, found["authenticatorId"]


def test_a_moderator_adds_a_passkey_and_signs_in_with_it(
    open_page, relying_party, transactional_db
):
    moderator = factories.make_moderator(username="mira")
    # Every moderator has an authenticator app already; the passkey comes on top.
    device_secret = TotpDevice.objects.get(user=moderator).secret
    tab = open_page(viewport=DESKTOP)
    session, authenticator = _virtual_authenticator(tab)
    page = tab.page

    log_in(tab, moderator, secret=device_secret)
    tab.goto("/accounts/passkeys/")
    expect(page.locator("h1")).to_have_text("Passkeys")
    # With JavaScript the form is shown and the "needs JavaScript" note is not.
    expect(page.locator("[data-passkey-fallback]")).to_be_hidden()
    page.fill("#id_add-name", "Work laptop")
    with page.expect_navigation():
        page.get_by_role("button", name="Add a passkey").click()
    expect(page.locator(".messages")).to_contain_text("Your passkey has been added.")
    expect(page.locator(".passkey-rename input[name=name]")).to_have_value("Work laptop")
    tab.screenshot("passkeys-list-desktop")
    credentials = session.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(credentials["credentials"]) == 1
    assert credentials["credentials"][0]["isResidentCredential"] is True
    assert Passkey.objects.get(user=moderator).name == "Work laptop"

    # Sign out, then in again with the passkey alone: no username, no password, no code.
    with page.expect_navigation():
        page.locator("form[action='/accounts/logout/'] button").click()
    tab.goto("/accounts/login/?next=/moderation/")
    tab.screenshot("login-with-passkey-desktop")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in with a passkey").click()
    assert urlsplit(page.url).path == "/moderation/"
    expect(page.locator("h1")).to_contain_text("Moderation")
    passkey = Passkey.objects.get(user=moderator)
    assert passkey.sign_count >= 1 and passkey.last_used_at is not None
    assert tab.errors == []


def test_a_passkey_is_the_second_step_after_a_password(open_page, relying_party, transactional_db):
    user = factories.make_user(username="sol")
    tab = open_page(viewport=DESKTOP)
    _session, _authenticator = _virtual_authenticator(tab)
    page = tab.page
    # Add the passkey in a signed-in session first.
    log_in(tab, user)
    tab.goto("/accounts/passkeys/")
    page.fill("#id_add-name", "Phone")
    with page.expect_navigation():
        page.get_by_role("button", name="Add a passkey").click()
    assert Passkey.objects.filter(user=user).count() == 1
    with page.expect_navigation():
        page.locator("form[action='/accounts/logout/'] button").click()

    # The password now leads to the second step, where the passkey finishes the login.
    log_in(tab, user)
    assert urlsplit(page.url).path == "/accounts/login/code/"
    expect(page.locator("h1")).to_have_text("Use your passkey")
    tab.screenshot("login-second-step-passkey-desktop")
    with page.expect_navigation():
        page.get_by_role("button", name="Use a passkey").click()
    assert urlsplit(page.url).path == "/"
    tab.goto("/accounts/")
    expect(page.locator("main")).to_contain_text("sol")
    assert tab.errors == []
