"""Going through the passkey pages as the browser script does."""

from picketline.accounts.models import Passkey
from tests.accounts.softkey import SoftKey

OPTIONS = "/accounts/passkeys/add/options/"
ADD = "/accounts/passkeys/add/"
LOGIN_OPTIONS = "/accounts/login/passkey/options/"
LOGIN_PASSKEY = "/accounts/login/passkey/"


def passkey_add(client, key: SoftKey, name="My phone"):
    options = client.post(OPTIONS)
    assert options.status_code == 200, options.content[:300]
    return client.post(ADD, {"add-name": name, "credential": key.create(options.text)})


def make_passkey(client, user, name="My phone") -> SoftKey:
    """Registers a new software passkey for `user`, who is signed in on `client`."""
    key = SoftKey()
    response = passkey_add(client, key, name)
    assert response.status_code == 302, response.content[:2000]
    assert Passkey.objects.filter(user=user, credential_id=key.id).exists()
    return key


def passkey_login(client, key: SoftKey, *, purpose="sign-in", next_url="", **options_data):
    options = client.post(LOGIN_OPTIONS, {"purpose": purpose, **options_data})
    assert options.status_code == 200, options.content[:300]
    return client.post(
        LOGIN_PASSKEY,
        {"purpose": purpose, "next": next_url, "credential": key.get(options.text)},
    )
