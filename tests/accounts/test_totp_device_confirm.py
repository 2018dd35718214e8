"""Setting up a device: start, confirm with a code, recovery codes; removing it."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from picketline.accounts import services
from picketline.accounts.models import RecoveryCode, TotpDevice
from picketline.core.models import AuditEntry
from tests.factories import make_admin, make_moderator, make_user, totp_code

pytestmark = pytest.mark.django_db


def test_it_starts_an_unconfirmed_device_and_replaces_it_on_a_new_start():
    user = make_user()
    first = services.totp_device_start(user=user)
    assert first.confirmed_at is None
    second = services.totp_device_start(user=user)
    assert second.secret != first.secret
    assert TotpDevice.objects.filter(user=user).count() == 1


def test_it_confirms_with_a_right_code_and_returns_ten_recovery_codes():
    user = make_user()
    device = services.totp_device_start(user=user)
    codes = services.totp_device_confirm(user=user, code=totp_code(device.secret))
    device.refresh_from_db()
    assert device.confirmed_at is not None
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = set(RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True))
    assert stored == {hashlib.sha256(c.replace("-", "").encode()).hexdigest() for c in codes}
    assert AuditEntry.objects.filter(action="user.two_factor_enabled").count() == 1


def test_it_says_when_the_confirming_code_is_wrong():
    user = make_user()
    device = services.totp_device_start(user=user)
    wrong = f"{(int(totp_code(device.secret)) + 5) % 1_000_000:06d}"
    with pytest.raises(ValidationError) as error:
        services.totp_device_confirm(user=user, code=wrong)
    assert error.value.code == "wrong_code"
    assert "not right" in error.value.messages[0]
    device.refresh_from_db()
    assert device.confirmed_at is None


def test_it_does_not_replace_a_confirmed_device():
    user = make_user()
    device = services.totp_device_start(user=user)
    services.totp_device_confirm(user=user, code=totp_code(device.secret))
    with pytest.raises(ValidationError):
        services.totp_device_start(user=user)
    with pytest.raises(ValidationError):
        services.totp_device_confirm(user=user, code=totp_code(device.secret))


def test_it_lets_a_supporter_turn_it_off():
    user = make_user()
    device = services.totp_device_start(user=user)
    services.totp_device_confirm(user=user, code=totp_code(device.secret))
    services.totp_device_remove(user=user)
    assert not TotpDevice.objects.filter(user=user).exists()
    assert not RecoveryCode.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(action="user.two_factor_disabled").count() == 1


@pytest.mark.parametrize("make", [make_moderator, make_admin])
def test_it_refuses_to_remove_a_moderators_or_admins_device(make):
    user = make()
    with pytest.raises(ValidationError) as error:
        services.totp_device_remove(user=user)
    assert "must keep two-factor" in error.value.messages[0]
    assert TotpDevice.objects.filter(user=user).exists()


def test_it_lets_an_admin_reset_a_lost_device():
    moderator = make_moderator()
    with pytest.raises(PermissionDenied):
        services.totp_device_reset(user=moderator, by=make_moderator())
    services.totp_device_reset(user=moderator, by=make_admin())
    assert not TotpDevice.objects.filter(user=moderator).exists()
    assert AuditEntry.objects.filter(action="user.two_factor_reset").count() == 1
