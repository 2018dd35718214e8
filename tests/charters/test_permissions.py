"""Charters' pages and API operations against every role that matters to them.

Roles: anonymous, supporter (an account with no duties), organiser (holds the account of the
organisation that publishes the charter), other_organiser (holds another organisation's),
moderator and admin.

`tests/test_permissions.py` reads PUBLIC_NAMES, PRIVATE_NAMES and API_OPERATIONS from here, so
a new charters URL or operation fails there until it is classified here.
"""

import json

import pytest

from picketline.accounts.services import api_token_create
from picketline.charters.models import CharterTranslation, CharterVersion, Endorsement
from picketline.core.models import AuditEntry
from tests import factories
from tests.charters import helpers

ROLES = ["anonymous", "supporter", "organiser", "other_organiser", "moderator", "admin"]

PUBLIC_NAMES = {
    "charters:list",
    "charters:detail",
    "charters:language",
    "charters:endorse",
    "charters:endorse_sent",
    # Reached only through the secret in the emailed link.
    "charters:confirm",
}
PRIVATE_NAMES = {
    f"charters:{name}"
    for name in ("manage", "version_add", "translation_edit", "translation_approve")
}
API_OPERATIONS = {
    ("get", "/api/v1/charters/{slug}"),
    ("post", "/api/v1/charters/{slug}/endorsements"),
}


def _roles(default, **given):
    return {role: given.get(role, default) for role in ROLES} | {
        "anonymous": given.get("anonymous", 302)
    }


EDITORS = _roles(403, organiser=200, moderator=200, admin=200)
POST_ONLY = _roles(405)

M = "/charters/{charter}/manage/"
MATRIX = {
    M: EDITORS,
    M + "versions/add/": EDITORS,
    M + "versions/1/fr/": EDITORS,
    M + "versions/1/fr/approve/": POST_ONLY,
}

EDITED = _roles(403, organiser=303, moderator=303, admin=303)
CHANGES = {
    M + "versions/add/": {"title": "Hijack", "published_on": "2026-11-01", "text": "Hijacked."},
    M + "versions/1/fr/": {"title": "Détournée", "text": "Texte détourné."},
    M + "versions/1/fr/approve/": {"reviewer_name": "Someone"},
}

API_MATRIX = {
    # Public: anyone reads a charter, and anyone endorses it (the answer is always the same).
    ("get", "/api/v1/charters/{charter}", ""): dict.fromkeys(ROLES, 200),
    ("post", "/api/v1/charters/{charter}/endorsements", "person"): dict.fromkeys(ROLES, 202),
}


@pytest.fixture
def world(db):
    publisher = factories.make_organisation(name="Car Workers International")
    other = factories.make_organisation(name="Bakers Union")
    people = {
        "anonymous": None,
        "supporter": factories.make_user(),
        "organiser": factories.make_user(),
        "other_organiser": factories.make_user(),
        "moderator": factories.make_moderator(),
        "admin": factories.make_admin(),
    }
    publisher.coordinators.add(people["organiser"])
    other.coordinators.add(people["other_organiser"])
    for role in ("organiser", "other_organiser"):
        factories.make_totp_device(people[role])
    charter = helpers.make_charter(slug="car-workers", organisation=publisher)
    tokens = {
        role: api_token_create(user=user, name="permissions")[1]
        for role, user in people.items()
        if user is not None
    }
    return {"people": people, "tokens": tokens, "values": {"charter": charter.slug}}


@pytest.mark.parametrize("url", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_it_should(client, world, url, role):
    if world["people"][role] is not None:
        factories.login(client, world["people"][role])
    response = client.get(url.format(**world["values"]))
    assert response.status_code == MATRIX[url][role], f"{role} {url}"
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")


def _state():
    return (
        list(CharterVersion.objects.order_by("id").values_list("id", "number", "title", "text")),
        list(
            CharterTranslation.objects.order_by("id").values_list(
                "id", "language", "text", "status", "reviewer_name"
            )
        ),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize(
    ("url", "role"), [(url, role) for url in sorted(CHANGES) for role in ROLES]
)
def test_changes_only_by_whoever_may_make_them(client, world, url, role):
    if world["people"][role] is not None:
        factories.login(client, world["people"][role])
    before = _state()
    response = client.post(url.format(**world["values"]), CHANGES[url])
    assert response.status_code == EDITED[role], f"{role} {url}"
    if EDITED[role] != 303:
        assert _state() == before
    else:
        assert _state() != before


@pytest.mark.parametrize(("method", "url", "body"), sorted(API_MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_it_should_from_the_api(client, world, method, url, body, role):
    token = world["tokens"].get(role)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = {"name": "Bo", "email": f"{role}@example.org", "country": "FR", "public": True}
    response = getattr(client, method)(
        url.format(**world["values"]),
        **({"data": json.dumps(data), "content_type": "application/json"} if body else {}),
        headers=headers,
    )
    assert response.status_code == API_MATRIX[method, url, body][role], response.content[:300]


def test_a_bad_token_is_refused_and_stores_nothing(client, world):
    response = client.post(
        "/api/v1/charters/car-workers/endorsements",
        data=json.dumps({"name": "Bo", "email": "bo@example.org", "country": "FR"}),
        content_type="application/json",
        headers={"Authorization": "Bearer plt_not-a-token"},
    )
    assert response.status_code == 401
    assert not Endorsement.objects.exists()
