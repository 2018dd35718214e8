"""Secrets that must be read back are encrypted at rest, under keys that can rotate."""

import importlib
import subprocess
import sys
from io import StringIO
from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from picketline.accounts.models import TotpDevice
from picketline.core import crypto
from tests.factories import make_totp_device, make_user

pytestmark = pytest.mark.django_db

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def _stored(device_or_pk):
    pk = getattr(device_or_pk, "pk", device_or_pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM accounts_totpdevice WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_it_stores_an_authenticators_secret_encrypted_and_reads_it_back():
    user = make_user()
    secret = make_totp_device(user)
    stored = _stored(TotpDevice.objects.get(user=user))
    assert secret not in stored and stored.startswith("gAAAAA")
    assert TotpDevice.objects.get(user=user).secret == secret


def test_it_encrypts_the_same_secret_differently_each_time():
    assert crypto.encrypt("JBSWY3DPEHPK3PXP") != crypto.encrypt("JBSWY3DPEHPK3PXP")


def test_it_derives_a_key_from_secret_key_when_none_is_set(settings):
    assert crypto.derived_key("a") != crypto.derived_key("b")
    Fernet(crypto.derived_key("anything"))  # a valid key


def test_it_rotates_to_a_new_key_and_the_old_one_can_go(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    users = [make_user() for _i in range(3)]
    secrets = [make_totp_device(user) for user in users]
    before = [_stored(TotpDevice.objects.get(user=user)) for user in users]

    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]
    call_command("reencrypt_secrets", stdout=StringIO())
    after = [_stored(TotpDevice.objects.get(user=user)) for user in users]
    assert all(old != new for old, new in zip(before, after, strict=True))

    settings.FIELD_ENCRYPTION_KEYS = [NEW]
    assert [TotpDevice.objects.get(user=user).secret for user in users] == secrets
    # Run again: nothing left to do.
    call_command("reencrypt_secrets", stdout=StringIO())
    assert [_stored(TotpDevice.objects.get(user=user)) for user in users] == after


def test_it_says_what_is_wrong_when_a_key_was_removed_too_soon(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    user = make_user()
    make_totp_device(user)
    settings.FIELD_ENCRYPTION_KEYS = [NEW]
    with pytest.raises(crypto.DecryptionError, match="FIELD_ENCRYPTION_KEYS"):
        TotpDevice.objects.get(user=user)
    with pytest.raises(CommandError, match="Nothing of this table changed"):
        call_command("reencrypt_secrets")


def test_the_migration_encrypts_secrets_stored_in_the_clear():
    user = make_user()
    secret = make_totp_device(user)
    pk = TotpDevice.objects.get(user=user).pk
    with connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_totpdevice SET secret = %s WHERE id = %s", [secret, pk])
    migration = importlib.import_module("picketline.accounts.migrations.0003_totp_secret_encrypted")
    # The migration only uses the editor's connection.
    editor = SimpleNamespace(connection=connection)
    migration.encrypt_clear_secrets(apps, editor)
    assert _stored(pk).startswith("gAAAAA")
    assert TotpDevice.objects.get(pk=pk).secret == secret
    # …and undoes it when the migration is reversed.
    migration.decrypt_secrets(apps, editor)
    assert _stored(pk) == secret


@pytest.mark.parametrize("value", ["not-a-key", f"{Fernet.generate_key().decode()},short"])
def test_it_refuses_to_start_with_a_malformed_key_and_names_the_variable(value):
    result = subprocess.run(
        [sys.executable, "-c", "import picketline.settings"],
        env={"FIELD_ENCRYPTION_KEYS": value, "PATH": "/usr/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: FIELD_ENCRYPTION_KEYS must be Fernet keys" in result.stderr
    assert "Fernet.generate_key()" in result.stderr


def test_it_starts_with_several_good_keys():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import picketline.settings as s; print(len(s.FIELD_ENCRYPTION_KEYS))",
        ],
        env={"FIELD_ENCRYPTION_KEYS": f" {NEW} , {OLD} ", "PATH": "/usr/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "2"


def test_the_deploy_check_warns_while_the_key_is_derived(settings):
    from picketline.core.checks import field_encryption_keys_check

    settings.FIELD_ENCRYPTION_KEYS_DERIVED = True
    assert [message.id for message in field_encryption_keys_check(None)] == ["picketline.W001"]
    settings.FIELD_ENCRYPTION_KEYS_DERIVED = False
    assert field_encryption_keys_check(None) == []
