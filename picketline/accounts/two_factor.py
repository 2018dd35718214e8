"""Who must use two-factor authentication, and whether this session has passed it.

A second factor is a confirmed authenticator app or a passkey: either satisfies the rule. A
session is "verified" once its user entered a code from their authenticator app (or a recovery
code) or used a passkey at login, or confirmed a new device in it. Logging out ends the session
and with it the mark; logging in as someone else starts a new session.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from picketline.accounts.models import Passkey, TotpDevice
from picketline.accounts.roles import is_moderator

VERIFIED_KEY = "two_factor_verified"
PENDING_KEY = "two_factor_pending"
TRIES_KEY = "two_factor_wrong_codes"
# How long the code page waits for the code after a correct password.
PENDING_SECONDS = 10 * 60


# Rooms whose people see other people's personal data register, from their AppConfig.ready(),
# a check of whether a user is one of them: a dispute's coordinators, a union's account holders,
# an event's organisers. Moderators, admins and staff are always.
_PERSONAL_DATA_HOLDERS: dict[str, Callable] = {}


def personal_data_holder_register(key: str, check: Callable) -> None:
    """`check(user) -> bool`: whether `user` sees other people's personal data in this room."""
    _PERSONAL_DATA_HOLDERS[key] = check


def two_factor_required(user) -> bool:
    """Whether `user` sees other people's personal data, and so needs two factors."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or is_moderator(user):
        return True
    return any(check(user) for check in _PERSONAL_DATA_HOLDERS.values())


def has_confirmed_device(user) -> bool:
    if not user.is_authenticated:
        return False
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def has_passkey(user) -> bool:
    return user.is_authenticated and Passkey.objects.filter(user=user).exists()


def has_second_factor(user) -> bool:
    """A confirmed authenticator app or at least one passkey."""
    return has_confirmed_device(user) or has_passkey(user)


def session_mark_verified(request) -> None:
    request.session[VERIFIED_KEY] = True


def session_clear_verified(request) -> None:
    request.session.pop(VERIFIED_KEY, None)


def is_two_factor_verified(request) -> bool:
    return request.user.is_authenticated and request.session.get(VERIFIED_KEY) is True


def safe_next(request, url: str | None, *, default: str | None = None) -> str:
    """`url` when it points to this site, else `default` (the page after logging in)."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default or resolve_url(settings.LOGIN_REDIRECT_URL)


def url_with_next(name: str, next_url: str | None) -> str:
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def two_factor_satisfied(request) -> bool:
    """True unless the user needs two factors and lacks a device or a verified session."""
    return two_factor_redirect_url(request, "/") is None


def two_factor_redirect_url(request, next_url: str | None = None) -> str | None:
    """Where a user who needs two factors must go first, or None when this session may go on.

    No second factor: the setup page. A second factor but an unverified session: the login's
    second step.
    """
    user = request.user
    if not two_factor_required(user):
        return None
    next_url = next_url or request.get_full_path()
    # The factor is checked even in a verified session: an admin may have reset it since.
    if not has_second_factor(user):
        return url_with_next("two_factor_setup", next_url)
    if not is_two_factor_verified(request):
        return url_with_next("login_code", next_url)
    return None


# The login's second step --------------------------------------------------------------------


def login_pending_start(request, *, user, backend: str, next_url: str) -> None:
    """Remembers who gave a correct password, until they give the code too (or give up)."""
    request.session[PENDING_KEY] = {
        "user_id": user.pk,
        "backend": backend,
        "next": next_url,
        "started": int(time.time()),
    }
    request.session.pop(TRIES_KEY, None)


def login_pending_get(request) -> dict | None:
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None
    if time.time() - pending.get("started", 0) > PENDING_SECONDS:
        login_pending_clear(request)
        return None
    return pending


def wrong_code_count(request) -> int:
    """Counts one more wrong code in this session; the caller gives up after a few."""
    tries = request.session.get(TRIES_KEY, 0) + 1
    request.session[TRIES_KEY] = tries
    return tries


def login_pending_clear(request) -> None:
    request.session.pop(PENDING_KEY, None)
    request.session.pop(TRIES_KEY, None)
