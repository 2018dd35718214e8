"""How many sign-in attempts are allowed: per client address over every step, and per account
for each step (the password, the second factor's code or passkey).

Every attempt counts, right or wrong, and a refused attempt is not looked at at all: past the
limit even the right password fails, so the answer tells a guesser nothing.
"""

import math

from django.utils.translation import ngettext

from picketline.core.ratelimit import client_address, rate_limit_hit, retry_after_seconds

# The scope in RATE_LIMITS that counts one account's attempts at each step.
ACCOUNT_SCOPES = {"password": "login-account", "code": "login-code", "passkey": "login-passkey"}


def login_attempt_refused(request, *, step: str, account: str | None) -> int | None:
    """Counts one attempt at `step` ("password", "code", "passkey") for `account` (a username
    as typed, or a user id) from this request's address. Returns the seconds to wait when the
    attempt is over a limit, else None."""
    waits = []
    if rate_limit_hit(scope="login", key=client_address(request)):
        waits.append(retry_after_seconds("login"))
    if account:
        scope = ACCOUNT_SCOPES[step]
        # Usernames are matched as typed by the database, but "Ana" and "ana" are one target.
        if rate_limit_hit(scope=scope, key=account.strip().casefold()):
            waits.append(retry_after_seconds(scope))
    return max(waits) if waits else None


def refusal_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many sign-in attempts. Try again in %(minutes)d minute.",
        "Too many sign-in attempts. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def refused(response, seconds: int):
    """Makes `response` a 429 that says when to come back."""
    response.status_code = 429
    response["Retry-After"] = str(seconds)
    return response
