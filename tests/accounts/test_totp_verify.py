"""`totp_verify`: each code works once, recovery codes too."""

import time

import pytest

from picketline.accounts import services
from picketline.accounts.models import RecoveryCode, TotpDevice
from picketline.core.models import AuditEntry
from tests.factories import make_totp_device, make_user, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return make_user()


def test_it_accepts_the_current_code_once(user):
    secret = make_totp_device(user)
    code = totp_code(secret)
    assert services.totp_verify(user=user, code=code) is True
    assert services.totp_verify(user=user, code=code) is False
    assert TotpDevice.objects.get(user=user).last_used_step > 0


def test_it_accepts_the_previous_step_for_a_slow_clock(user):
    secret = make_totp_device(user)
    assert services.totp_verify(user=user, code=totp_code(secret, at=time.time() - 30)) is True


def test_it_refuses_an_older_code_once_a_newer_one_was_used(user):
    secret = make_totp_device(user)
    now = time.time()
    assert services.totp_verify(user=user, code=totp_code(secret, at=now + 30)) is True
    assert services.totp_verify(user=user, code=totp_code(secret, at=now)) is False


def test_it_refuses_a_wrong_code(user):
    secret = make_totp_device(user)
    right = totp_code(secret)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    assert services.totp_verify(user=user, code=wrong) is False
    assert services.totp_verify(user=user, code="") is False


def test_it_refuses_every_code_without_a_confirmed_device(user):
    device = services.totp_device_start(user=user)
    assert services.totp_verify(user=user, code=totp_code(device.secret)) is False
    assert services.totp_verify(user=make_user(), code="123456") is False


def test_it_spends_a_recovery_code_once(user):
    make_totp_device(user)
    codes = services.recovery_codes_regenerate(user=user)
    assert services.totp_verify(user=user, code=codes[0].upper().replace("-", " ")) is True
    assert services.totp_verify(user=user, code=codes[0]) is False
    assert services.totp_verify(user=user, code=codes[1]) is True
    assert RecoveryCode.objects.filter(user=user, used_at__isnull=False).count() == 2
    assert AuditEntry.objects.filter(action="user.recovery_code_used").count() == 2


def test_it_does_not_accept_someone_elses_recovery_code(user):
    make_totp_device(user)
    other = make_user()
    make_totp_device(other)
    codes = services.recovery_codes_regenerate(user=other)
    assert services.totp_verify(user=user, code=codes[0]) is False


def test_it_makes_new_recovery_codes_that_replace_the_old(user):
    make_totp_device(user)
    old = services.recovery_codes_regenerate(user=user)
    new = services.recovery_codes_regenerate(user=user)
    assert len(new) == 10 and len(set(new)) == 10
    assert services.totp_verify(user=user, code=old[0]) is False
    assert services.totp_verify(user=user, code=new[0]) is True
