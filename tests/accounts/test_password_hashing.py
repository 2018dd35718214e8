"""Passwords are stored as Argon2 hashes (the suite swaps in a fast hasher; this test does not)."""

import pytest
from django.contrib.auth.hashers import check_password, make_password

from picketline import settings as project_settings
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_it_hashes_new_passwords_with_argon2(settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    user = make_user()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(PASSWORD)


def test_it_upgrades_an_older_hash_when_its_owner_logs_in(client, settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = make_user()
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
    assert check_password(PASSWORD, user.password)
