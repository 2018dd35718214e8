"""How many sign-in attempts are allowed: per client address over every step, and per account
for each step (the password, the second factor's code or passkey).

Every attempt counts, right or wrong, and a refused attempt is not looked at at all: past the
limit even the right password fails, so the answer tells a guesser nothing.
"""

import math
import time

from django.conf import settings
from django.utils.translation import ngettext

from picketline.core.ratelimit import Rate, client_address, parse_rate, rate_limit_hit


def _seconds_left(rate: Rate) -> int:
    """Until the current fixed window of `rate` ends and its counts start again."""
    return rate.seconds - int(time.time()) % rate.seconds


def login_attempt_refused(request, *, step: str, account: str | None) -> int | None:
    """Counts one attempt at `step` ("password", "code", "passkey") for `account` (a username
    as typed, or a user id) from this request's address. Returns the seconds to wait when the
    attempt is over a limit, else None."""
    waits = []
    address_rate = parse_rate(settings.LOGIN_RATE_LIMIT, setting="LOGIN_RATE_LIMIT")
    if rate_limit_hit(scope="login-address", key=client_address(request), rate=address_rate):
        waits.append(_seconds_left(address_rate))
    if account:
        account_rate = parse_rate(
            settings.LOGIN_ACCOUNT_RATE_LIMIT, setting="LOGIN_ACCOUNT_RATE_LIMIT"
        )
        # Usernames are matched as typed by the database, but "Ana" and "ana" are one target.
        key = account.strip().casefold()
        if rate_limit_hit(scope=f"login-{step}", key=key, rate=account_rate):
            waits.append(_seconds_left(account_rate))
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
