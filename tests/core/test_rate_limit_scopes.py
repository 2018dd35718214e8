"""Every rate-limit scope the code counts under is configured in settings.RATE_LIMITS, and every
configured scope has a variable; a typo in a scope fails here, not in production."""

import ast
from pathlib import Path

from django.conf import settings

import picketline
from picketline.accounts.throttle import ACCOUNT_SCOPES

CALLS = {
    "submission_rate_limited",
    "rate_limit_hit",
    "retry_after_seconds",
    "too_many_requests",
    # Counts its POSTs under the scope it is given (core.confirm_links).
    "confirm_link_page",
}
# Counted by sign-in throttling through its table of one scope per step.
RESERVED = set(ACCOUNT_SCOPES.values())


def _scopes_in_code() -> dict[str, str]:
    found = {}
    for path in Path(picketline.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in CALLS:
                continue
            values = [kw.value for kw in node.keywords if kw.arg == "scope"]
            if name == "retry_after_seconds":
                values += node.args[:1]
            if name == "submission_rate_limited" and not values:
                found.setdefault("submission", str(path))
            for value in values:
                if isinstance(value, ast.Constant):
                    found.setdefault(value.value, f"{path}:{node.lineno}")
    return found


def test_every_scope_counted_in_the_code_is_configured():
    found = _scopes_in_code()
    unknown = {scope: where for scope, where in found.items() if scope not in settings.RATE_LIMITS}
    assert not unknown, f"add these scopes to RATE_LIMIT_VARIABLES in settings: {unknown}"


def test_every_configured_scope_is_used_and_has_a_variable():
    found = _scopes_in_code()
    assert set(settings.RATE_LIMITS) == set(settings.RATE_LIMIT_VARIABLES)
    unused = set(settings.RATE_LIMITS) - set(found) - RESERVED
    assert not unused, f"scopes configured but never counted: {sorted(unused)}"


def test_the_scopes_in_use_today_are_all_there():
    expected = {
        "submission",
        "submission-answer",
        "message",
        "pledge",
        "picket-signup",
        "delegation",
        "rsvp",
        "rsvp-confirm",
        "host",
        "chapter-request",
        "join",
        "join-confirm",
        "endorse",
        "endorse-confirm",
        "appeal-sign",
        "appeal-confirm",
        "ballot-vote",
        "login",
        "login-account",
        "login-code",
        "login-passkey",
        "password-reset",
        "erasure",
    }
    assert set(settings.RATE_LIMITS) == expected
