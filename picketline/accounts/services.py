import datetime as dt
import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from picketline.accounts import totp
from picketline.accounts.models import ApiToken, RecoveryCode, TotpDevice
from picketline.accounts.roles import Role, user_has_role
from picketline.accounts.two_factor import two_factor_required
from picketline.core.audit import log_action
from picketline.core.tokens import token_hash

RECOVERY_CODE_COUNT = 10
KEEP_TWO_FACTOR = gettext_lazy(
    "Your account sees other people's personal data (as a moderator, administrator, "
    "coordinator, account holder or organiser): it must keep two-factor authentication on."
)
# Letters and digits that cannot be mistaken for one another when read off paper.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_CODE_LENGTH = 10
TOKEN_PREFIX = "plt_"
# A token's "last used" is a hint for its owner, not a log: one write a minute is enough.
TOKEN_TOUCH_INTERVAL = dt.timedelta(minutes=1)


def user_grant_role(*, user, role: str, by=None) -> None:
    """Adds the user to the role's group. Admins also get the Django admin and its permissions."""
    group, _created = Group.objects.get_or_create(name=role)
    if role == Role.ADMIN:
        if not group.permissions.exists():
            group.permissions.set(Permission.objects.all())
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    user.groups.add(group)
    log_action(user, f"user.role_granted.{role}", user=by, data={"role": role})


def admin_role_permissions_sync(**_kwargs) -> int:
    """Gives the admin role every permission it lacks (after `migrate`, connected in the app's
    ready): an install that upgrades gets the new rooms' admin pages for its admins too, not
    only for superusers. Returns how many were added."""
    group = Group.objects.filter(name=Role.ADMIN).first()
    if group is None:
        return 0
    missing = list(Permission.objects.exclude(group=group).values_list("pk", flat=True))
    group.permissions.add(*missing)
    return len(missing)


# Two-factor authentication ------------------------------------------------------------------


def totp_device_start(*, user) -> TotpDevice:
    """A new, unconfirmed device with a fresh secret, replacing any earlier unconfirmed one.

    A confirmed device is never replaced here: turning two-factor off comes first, so that
    someone holding only a signed-in session cannot swap the phone that guards the account.
    """
    with transaction.atomic():
        existing = TotpDevice.objects.select_for_update().filter(user=user).first()
        if existing is not None and existing.is_confirmed:
            raise ValidationError(
                _("Two-factor authentication is already on for this account."),
                code="already_confirmed",
            )
        if existing is not None:
            existing.delete()
        device = TotpDevice.objects.create(user=user, secret=totp.secret_generate())
        log_action(user, "user.two_factor_setup_started", user=user)
    return device


def totp_device_confirm(*, user, code: str) -> list[str]:
    """Turns two-factor on when `code` comes from the new device; returns new recovery codes.

    The codes are returned once, for the person to write down; only their hashes are kept.
    """
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().filter(user=user).first()
        if device is None:
            raise ValidationError(
                _("Start setting up two-factor authentication first."), code="no_device"
            )
        if device.is_confirmed:
            raise ValidationError(
                _("Two-factor authentication is already on for this account."),
                code="already_confirmed",
            )
        step = totp.totp_match(device.secret, code, after_step=device.last_used_step)
        if step is None:
            raise ValidationError(
                _(
                    "That code is not right. Enter the 6-digit code your app shows now; if it "
                    "still fails, check that your phone's clock is set automatically."
                ),
                code="wrong_code",
            )
        device.confirmed_at = timezone.now()
        device.last_used_step = step
        device.save(update_fields=["confirmed_at", "last_used_step"])
        codes = _recovery_codes_replace(user=user)
        log_action(user, "user.two_factor_enabled", user=user)
    return codes


def totp_verify(*, user, code: str) -> bool:
    """True when `code` is the current code of the user's confirmed device or an unused
    recovery code. Either is spent by the check: the same code never works twice."""
    code = "".join((code or "").split())
    if not code:
        return False
    with transaction.atomic():
        device = (
            TotpDevice.objects.select_for_update()
            .filter(user=user, confirmed_at__isnull=False)
            .first()
        )
        if device is None:
            return False
        if code.isdigit():
            step = totp.totp_match(device.secret, code, after_step=device.last_used_step)
            if step is None:
                return False
            device.last_used_step = step
            device.save(update_fields=["last_used_step"])
            return True
        spent = RecoveryCode.objects.filter(
            user=user, code_hash=recovery_code_hash(code), used_at__isnull=True
        ).update(used_at=timezone.now())
        if not spent:
            return False
        log_action(
            user,
            "user.recovery_code_used",
            user=user,
            data={"remaining": RecoveryCode.objects.filter(user=user, used_at=None).count()},
        )
        return True


def totp_device_remove(*, user) -> None:
    """Turns two-factor off. Refused for everyone who sees other people's personal data."""
    if two_factor_required(user):
        raise ValidationError(
            KEEP_TWO_FACTOR,
            code="required",
        )
    with transaction.atomic():
        deleted, _detail = TotpDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        if deleted:
            log_action(user, "user.two_factor_disabled", user=user)


def totp_device_reset(*, user, by) -> None:
    """An administrator clears someone's lost device, whatever their role.

    They set it up again at their next login; a moderator is sent to the setup page.
    """
    if not user_has_role(by, Role.ADMIN):
        raise PermissionDenied
    with transaction.atomic():
        TotpDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        log_action(user, "user.two_factor_reset", user=by)


def recovery_codes_regenerate(*, user) -> list[str]:
    """New recovery codes for a user with two-factor on; every earlier code stops working."""
    with transaction.atomic():
        if not TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists():
            raise ValidationError(_("Turn on two-factor authentication first."), code="no_device")
        codes = _recovery_codes_replace(user=user)
        log_action(user, "user.recovery_codes_regenerated", user=user)
    return codes


def recovery_code_hash(code: str) -> str:
    """Case, spaces and dashes don't matter when a code is typed back in."""
    normalised = "".join(ch for ch in code.lower() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()


def _recovery_code_new() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _i in range(RECOVERY_CODE_LENGTH))
    half = RECOVERY_CODE_LENGTH // 2
    return f"{raw[:half]}-{raw[half:]}"


def _recovery_codes_replace(*, user) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes: list[str] = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = _recovery_code_new()
        if code not in codes:
            codes.append(code)
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_hash=recovery_code_hash(code)) for code in codes
    )
    return codes


# API tokens -----------------------------------------------------------------------------------


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; the raw token is returned this once and never stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, such as what will use it.")})
    prefix = secrets.token_hex(4)
    raw = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=prefix, key_hash=token_hash(raw)
        )
        log_action(token, "api_token.created", user=user, data={"name": name, "prefix": prefix})
    return token, raw


def api_token_revoke(*, token: ApiToken, user) -> None:
    """Stops the token working at once. Its owner or an administrator may revoke it."""
    if token.user_id != user.pk and not user_has_role(user, Role.ADMIN):
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=now
        )
        if revoked:
            token.revoked_at = now
            log_action(token, "api_token.revoked", user=user, data={"prefix": token.prefix})


def api_token_authenticate(*, raw: str):
    """The active user a raw token belongs to, or None when it is unknown or revoked."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    stale = now - TOKEN_TOUCH_INTERVAL
    if token.last_used_at is None or token.last_used_at <= stale:
        # Conditional, so that concurrent requests with the same token write only once.
        ApiToken.objects.filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=stale), pk=token.pk
        ).update(last_used_at=now)
    return token.user


def user_sign_up(*, username: str, email: str, password: str, data: dict | None = None):
    """Creates an account (for someone answering an emailed invitation) and records it.

    The caller has validated the username and the password (Django's password validators) and
    says in `data` what the account was made for.
    """
    user = get_user_model().objects.create_user(username=username, email=email, password=password)
    log_action(user, "user.signed_up", user=user, data=data or {})
    return user
