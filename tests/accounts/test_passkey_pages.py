"""Adding, listing, renaming and removing one's passkeys."""

import json
import time

import pytest

from picketline.accounts.models import Passkey
from picketline.core.models import AuditEntry
from tests.accounts.passkey_helpers import ADD, OPTIONS, make_passkey, passkey_add
from tests.accounts.softkey import SoftKey
from tests.factories import login, make_moderator, make_totp_device, make_user

pytestmark = pytest.mark.django_db

PAGE = "/accounts/passkeys/"


@pytest.fixture(autouse=True)
def _relying_party(settings):
    settings.WEBAUTHN_RP_ID = "localhost"
    settings.WEBAUTHN_ORIGIN = "http://localhost:8000"


def test_it_adds_a_passkey_with_a_name(client):
    user = make_user()
    login(client, user)
    key = SoftKey()
    response = passkey_add(client, key, "  Work   laptop ")
    assert response.status_code == 302 and response["Location"] == PAGE
    passkey = Passkey.objects.get(user=user)
    assert passkey.name == "Work laptop"
    assert passkey.credential_id == key.id
    assert passkey.sign_count == 0 and passkey.last_used_at is None
    assert passkey.transports == ["internal", "hybrid"]
    page = client.get(PAGE)
    assert "Work laptop" in page.text and "Your passkey has been added." in page.text
    assert AuditEntry.objects.filter(action="user.passkey_added").count() == 1
    assert "Work laptop" not in json.dumps(list(AuditEntry.objects.values("data")))


def test_it_asks_for_options_with_the_sites_relying_party_and_a_fresh_challenge(client):
    user = make_user(username="ana")
    login(client, user)
    first = json.loads(client.post(OPTIONS).text)
    second = json.loads(client.post(OPTIONS).text)
    assert first["rp"] == {"id": "localhost", "name": "Picketline"}
    assert first["user"]["name"] == "ana" and first["user"]["id"] != "ana"
    assert first["challenge"] != second["challenge"]
    assert first["authenticatorSelection"]["residentKey"] == "required"
    assert (
        client.post(OPTIONS)["Cache-Control"].startswith("no-store")
        or "no-store" in (client.post(OPTIONS)["Cache-Control"])
    )


def test_it_keeps_one_user_handle_and_excludes_passkeys_already_added(client):
    user = make_user()
    login(client, user)
    key = make_passkey(client, user)
    options = json.loads(client.post(OPTIONS).text)
    assert [item["id"] for item in options["excludeCredentials"]] == [key.id]
    second = SoftKey()
    passkey_add(client, second, "Key on a ring")
    handles = set(Passkey.objects.filter(user=user).values_list("user_handle", flat=True))
    assert len(handles) == 1


def test_it_refuses_a_passkey_made_for_another_site(client):
    login(client, make_user())
    response = passkey_add(client, SoftKey(origin="https://evil.example"))
    assert response.status_code == 400
    assert "The passkey could not be checked" in response.text
    assert not Passkey.objects.exists()


def test_it_uses_each_challenge_once(client):
    login(client, make_user())
    key = SoftKey()
    answer = key.create(client.post(OPTIONS).text)
    assert client.post(ADD, {"add-name": "A", "credential": answer}).status_code == 302
    again = client.post(ADD, {"add-name": "B", "credential": answer})
    assert again.status_code == 400 and "expired" in again.text
    assert Passkey.objects.count() == 1


def test_it_refuses_an_expired_challenge(client, monkeypatch):
    login(client, make_user())
    key = SoftKey()
    answer = key.create(client.post(OPTIONS).text)
    later = time.time() + 301
    monkeypatch.setattr("picketline.accounts.passkeys.time.time", lambda: later)
    response = client.post(ADD, {"add-name": "A", "credential": answer})
    assert response.status_code == 400 and "expired" in response.text


def test_it_says_what_to_do_without_javascript(client):
    login(client, make_user())
    page = client.get(PAGE)
    assert "Adding a passkey needs JavaScript" in page.text
    assert 'data-passkey="register"' in page.text and "js/passkeys.js" in page.text
    client.post(OPTIONS)
    response = client.post(ADD, {"add-name": "Phone", "credential": ""})
    assert response.status_code == 400
    assert "Your browser did not make a passkey" in response.text


def test_it_asks_for_a_name(client):
    login(client, make_user())
    key = SoftKey()
    response = client.post(
        ADD, {"add-name": "", "credential": key.create(client.post(OPTIONS).text)}
    )
    assert response.status_code == 400 and "Give the passkey a name" in response.text


def test_it_renames_and_removes_ones_own_passkey(client):
    user = make_user()
    login(client, user)
    make_passkey(client, user)
    passkey = Passkey.objects.get(user=user)
    response = client.post(f"{PAGE}{passkey.pk}/rename/", {"name": "Old phone"})
    assert response.status_code == 302
    passkey.refresh_from_db()
    assert passkey.name == "Old phone"
    assert client.post(f"{PAGE}{passkey.pk}/rename/", {"name": ""}).status_code == 400
    response = client.post(f"{PAGE}{passkey.pk}/remove/")
    assert response.status_code == 302 and not Passkey.objects.exists()
    assert AuditEntry.objects.filter(action="user.passkey_removed").count() == 1


def test_it_does_not_let_anyone_touch_someone_elses_passkey(client):
    owner, other = make_user(), make_user()
    login(client, owner)
    make_passkey(client, owner, "Owner's phone")
    passkey = Passkey.objects.get(user=owner)
    client.logout()
    login(client, other)
    assert client.post(f"{PAGE}{passkey.pk}/rename/", {"name": "Mine"}).status_code == 404
    assert client.post(f"{PAGE}{passkey.pk}/remove/").status_code == 404
    assert "Owner&#x27;s phone" not in client.get(PAGE).text
    passkey.refresh_from_db()
    assert passkey.name == "Owner's phone"


def test_a_moderator_keeps_the_last_second_factor(client):
    moderator = make_moderator(with_device=False)
    login(client, moderator)
    make_passkey(client, moderator)
    passkey = Passkey.objects.get(user=moderator)
    response = client.post(f"{PAGE}{passkey.pk}/remove/", follow=True)
    assert "must keep a second factor" in response.text
    assert Passkey.objects.filter(pk=passkey.pk).exists()
    make_totp_device(moderator)
    client.post(f"{PAGE}{passkey.pk}/remove/")
    assert not Passkey.objects.filter(pk=passkey.pk).exists()


def test_a_moderator_without_a_second_factor_can_add_a_passkey_first(client):
    moderator = make_moderator(with_device=False)
    client.force_login(moderator)  # a password alone, no second factor yet
    assert client.get("/moderation/")["Location"].startswith("/accounts/two-factor/setup/")
    assert client.get(PAGE).status_code == 200
    make_passkey(client, moderator)
    # The new passkey counts as this session's second factor.
    assert client.get("/moderation/").status_code == 200


def test_a_session_without_the_second_factor_cannot_add_another(client):
    user = make_user()
    make_totp_device(user)
    client.force_login(user)  # signed in, the second step not passed
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/code/")
    assert client.post(OPTIONS).status_code == 302


def test_it_sends_anonymous_visitors_to_log_in(client):
    for url in (PAGE, OPTIONS, ADD):
        method = client.get if url == PAGE else client.post
        response = method(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
