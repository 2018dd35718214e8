"""Every URL is either public or checked here against every role.

A new URL pattern that is neither in PUBLIC nor in the matrix below fails
`test_every_url_is_classified`, so nothing non-public can ship unchecked.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import login, make_admin, make_dispute, make_moderator, make_user

# Route names anyone may read (GET) without an account.
PUBLIC = {
    "healthz",
    "javascript-catalog",
    "set_language",
    "login",
    "login_code",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "disputes:map",
    "disputes:list",
    "disputes:detail",
    "disputes:place_search",
    "disputes:open_data",
    "feeds:geojson",
    "feeds:ics",
    "feeds:csv",
    "feeds:atom",
    "feeds:dispute_ics",
}
# The JSON API is read-only and public; it is checked as a whole by the API tests.
PUBLIC_NAMESPACES = {"api"}

ROLES = ["anonymous", "supporter", "moderator", "admin"]
LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"

SIGNED_IN = {"anonymous": 302, "supporter": 200, "moderator": 200, "admin": 200}
POST_ONLY = {"anonymous": 405, "supporter": 405, "moderator": 405, "admin": 405}

# url → {role: expected status}; 302 means sent to a login page, unless a (302, address) pair
# names where else it goes.
MATRIX = {
    "/accounts/": SIGNED_IN,
    "/accounts/two-factor/": SIGNED_IN,
    # Moderators and admins already have a device (every one must): the page says so.
    "/accounts/two-factor/setup/": {
        "anonymous": 302,
        "supporter": 200,
        "moderator": (302, "/accounts/two-factor/"),
        "admin": (302, "/accounts/two-factor/"),
    },
    "/accounts/two-factor/recovery-codes/": POST_ONLY,
    "/accounts/two-factor/remove/": POST_ONLY,
    "/accounts/tokens/": SIGNED_IN,
    "/accounts/tokens/1/revoke/": POST_ONLY,
    "/accounts/password/change/": {
        "anonymous": 302,
        "supporter": 200,
        "moderator": 200,
        "admin": 200,
    },
    "/accounts/password/change/done/": {
        "anonymous": 302,
        "supporter": 200,
        "moderator": 200,
        "admin": 200,
    },
    "/admin/": {"anonymous": 302, "supporter": 302, "moderator": 302, "admin": 200},
    "/admin/disputes/dispute/": {
        "anonymous": 302,
        "supporter": 302,
        "moderator": 302,
        "admin": 200,
    },
    "/admin/disputes/dispute/{dispute}/change/": {
        "anonymous": 302,
        "supporter": 302,
        "moderator": 302,
        "admin": 200,
    },
    "/admin/core/auditentry/": {
        "anonymous": 302,
        "supporter": 302,
        "moderator": 302,
        "admin": 200,
    },
    "/admin/auth/user/": {"anonymous": 302, "supporter": 302, "moderator": 302, "admin": 200},
    "/admin/django_tasks_database/dbtaskresult/": {
        "anonymous": 302,
        "supporter": 302,
        "moderator": 302,
        "admin": 200,
    },
}
# Route names covered by the matrix (the admin site is one namespace).
PRIVATE = {
    "password_change",
    "password_change_done",
    "account",
    "two_factor",
    "two_factor_setup",
    "two_factor_recovery_codes",
    "two_factor_remove",
    "api_tokens",
    "api_token_revoke",
}
PRIVATE_NAMESPACES = {"admin"}


def _names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _names(entry, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else f"{namespace}<unnamed>"


def test_every_url_is_classified():
    unclassified = sorted(
        name
        for name in set(_names())
        if name not in PUBLIC
        and name not in PRIVATE
        and name.split(":")[0] not in PUBLIC_NAMESPACES | PRIVATE_NAMESPACES
    )
    assert unclassified == []


@pytest.fixture
def people(db):
    return {
        "anonymous": None,
        "supporter": make_user(),
        "moderator": make_moderator(),
        "admin": make_admin(),
    }


@pytest.mark.parametrize("url", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_it_should(client, people, url, role):
    dispute = make_dispute()
    if people[role] is not None:
        login(client, people[role])
    response = client.get(url.format(dispute=dispute.pk))
    expected = MATRIX[url][role]
    expected, location = expected if isinstance(expected, tuple) else (expected, None)
    assert response.status_code == expected, f"{role} {url}"
    if location:
        assert response["Location"] == location
    elif expected == 302:
        assert response["Location"].startswith((LOGIN, ADMIN_LOGIN))
