"""A passkey's name and an authenticator's secret stay with their owner.

Sentinel values are put in a passkey's name and an authenticator's secret, the owner goes
through every account page that touches them (with all logging captured), and then every
public page, other people's account pages, the admin and the logs are scanned for them.
"""

import json
import logging

import pytest
from django.conf import settings
from django.db import connection

from picketline.accounts import totp
from picketline.accounts.models import Passkey, TotpDevice
from picketline.core.models import AuditEntry
from tests.accounts.passkey_helpers import make_passkey, passkey_login
from tests.factories import PASSWORD, login, make_admin, make_dispute, make_user, totp_code
from tests.test_privacy_pages import _public_urls

SENTINEL_PASSKEY = "Sentinel Passkey Name"
RENAMED = "Sentinel Renamed Passkey"


@pytest.fixture(autouse=True)
def _relying_party(settings):
    settings.WEBAUTHN_RP_ID = "localhost"
    settings.WEBAUTHN_ORIGIN = "http://localhost:8000"


@pytest.fixture
def owner_secrets(client, django_user_model, caplog):
    """The owner sets up an authenticator and a passkey, renames it and signs in with both."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    # Log every SQL statement with its parameters too, as DEBUG=True would.
    connection.force_debug_cursor = True
    owner = make_user(username="sentinel-owner")
    login(client, owner)
    client.get("/accounts/two-factor/setup/")
    secret = TotpDevice.objects.get(user=owner).secret
    client.post("/accounts/two-factor/setup/", {"code": totp_code(secret)})
    key = make_passkey(client, owner, SENTINEL_PASSKEY)
    passkey = Passkey.objects.get(user=owner)
    client.post(f"/accounts/passkeys/{passkey.pk}/rename/", {"name": RENAMED})
    client.get("/accounts/passkeys/")
    client.post("/accounts/logout/")
    passkey_login(client, key)
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"username": owner.username, "password": PASSWORD})
    client.post("/accounts/login/code/", {"code": "000000"})
    client.post("/accounts/logout/")
    connection.force_debug_cursor = False
    return owner, [
        SENTINEL_PASSKEY,
        RENAMED,
        secret,
        totp.secret_grouped(secret),
        secret.lower(),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_no_public_page_shows_a_passkey_name_or_an_authenticator_secret(
    client, owner_secrets, language
):
    _owner, sentinels = owner_secrets
    disputes = [make_dispute(title="Open dispute")]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in [*_public_urls(disputes), "/accounts/login/code/"]:
        body = client.get(url, follow=True).content.decode()
        for sentinel in sentinels:
            assert sentinel not in body, f"{sentinel} leaked on {url} ({language})"


@pytest.mark.django_db
def test_nobody_else_sees_them_not_even_an_admin(client, owner_secrets):
    owner, sentinels = owner_secrets
    pages = ["/accounts/", "/accounts/passkeys/", "/accounts/two-factor/", "/accounts/tokens/"]
    login(client, make_user())
    for url in pages:
        body = client.get(url).content.decode()
        assert not [sentinel for sentinel in sentinels if sentinel in body], url
    client.logout()
    login(client, make_admin())
    passkey = Passkey.objects.get(user=owner)
    device = TotpDevice.objects.get(user=owner)
    admin_pages = [
        "/admin/accounts/passkey/",
        f"/admin/accounts/passkey/{passkey.pk}/change/",
        "/admin/accounts/totpdevice/",
        f"/admin/accounts/totpdevice/{device.pk}/change/",
        "/admin/core/auditentry/",
    ]
    for url in admin_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert not [sentinel for sentinel in sentinels if sentinel in body], url


@pytest.mark.django_db
def test_no_log_and_no_audit_entry_holds_them(owner_secrets, caplog):
    _owner, sentinels = owner_secrets
    records = caplog.get_records("setup")
    sql = [record for record in records if record.name == "django.db.backends"]
    assert sql, "no SQL was logged: the check below would prove nothing"
    others = [record for record in records if record.name != "django.db.backends"]
    audit = json.dumps(list(AuditEntry.objects.values("action", "data")), default=str)
    assert "user.passkey_added" in audit and "user.passkey_used" in audit
    secrets = sentinels[2:]
    for sentinel in sentinels:
        assert sentinel not in _text(others)
        assert sentinel not in audit
    # Even the SQL a DEBUG server logs carries the secret only encrypted. (A passkey's name is
    # in it, like every other value a user types.)
    for secret in secrets:
        assert secret not in _text(sql)


def _text(records):
    return "\n".join(f"{record.getMessage()} {record.__dict__}" for record in records)
