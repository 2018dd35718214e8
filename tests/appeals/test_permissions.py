"""Appeals' pages and API operation against every role that matters to them.

Roles: anonymous, supporter (an account with no duties), coordinator (of the appeal's
campaign, with two factors), other_coordinator (of another campaign), moderator and admin.

`tests/test_permissions.py` reads PUBLIC_NAMES, PRIVATE_NAMES and API_OPERATIONS from here, so
a new appeals URL or operation fails there until it is classified here.
"""

import json

import pytest

from picketline.accounts.services import api_token_create
from picketline.appeals.models import Appeal, Target
from picketline.core.models import AuditEntry
from tests import factories
from tests.appeals.helpers import make_appeal, sign
from tests.campaigns.helpers import make_campaign

ROLES = ["anonymous", "supporter", "coordinator", "other_coordinator", "moderator", "admin"]

PUBLIC_NAMES = {
    "appeals:detail",
    "appeals:sign",
    "appeals:sign_sent",
    # Reached only through the secret in the emailed link.
    "appeals:confirm",
}
PRIVATE_NAMES = {
    f"appeals:{name}"
    for name in (
        "create",
        "manage",
        "edit",
        "target_add",
        "target_remove",
        "reply",
        "export_csv",
        "export_pdf",
    )
}
API_OPERATIONS = {("post", "/api/v1/appeals/{appeal_id}/signatures")}


def _roles(default, **given):
    return {role: given.get(role, default) for role in ROLES} | {
        "anonymous": given.get("anonymous", 302)
    }


MANAGERS = _roles(403, coordinator=200, moderator=200, admin=200)
POST_ONLY = _roles(405)

M = "/appeals/{appeal}/manage/"
MATRIX = {
    "/appeals/new/campaign/{campaign}/": MANAGERS,
    M: MANAGERS,
    M + "edit/": MANAGERS,
    M + "targets/": POST_ONLY,
    M + "targets/{target}/remove/": POST_ONLY,
    M + "reply/": POST_ONLY,
    M + "signatures.csv": MANAGERS,
    M + "petition.pdf": MANAGERS,
}

CHANGED = _roles(403, coordinator=303, moderator=303, admin=303)
CHANGES = {
    M + "targets/": {"name": "Someone", "email": "someone@employer.example"},
    M + "targets/{target}/remove/": {},
    M + "reply/": {"text": "We will meet the unions.", "replied_on": "2026-11-02"},
}


@pytest.fixture
def world(db):
    people = {
        "anonymous": None,
        "supporter": factories.make_user(),
        "coordinator": factories.make_user(),
        "other_coordinator": factories.make_user(),
        "moderator": factories.make_moderator(),
        "admin": factories.make_admin(),
    }
    campaign = make_campaign(title="Car workers together")
    other = make_campaign(title="Bakers together")
    campaign.coordinators.add(people["coordinator"])
    other.coordinators.add(people["other_coordinator"])
    for role in ("coordinator", "other_coordinator"):
        factories.make_totp_device(people[role])
    appeal = make_appeal(campaign=campaign, targets=1)
    sign(appeal, email="ada@example.org")
    tokens = {
        role: api_token_create(user=user, name="permissions")[1]
        for role, user in people.items()
        if user is not None
    }
    values = {
        "appeal": appeal.slug,
        "campaign": campaign.slug,
        "target": Target.objects.get().pk,
    }
    return {"people": people, "tokens": tokens, "values": values, "appeal": appeal}


def _login(client, world, role):
    if world["people"][role] is not None:
        factories.login(client, world["people"][role])


@pytest.mark.parametrize("url", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_it_should(client, world, url, role):
    _login(client, world, role)
    response = client.get(url.format(**world["values"]))
    assert response.status_code == MATRIX[url][role], f"{role} {url}"
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")


def _state():
    return (
        list(Target.objects.order_by("id").values_list("id", "name", "email")),
        list(Appeal.objects.order_by("id").values_list("reply_text", "reply_on")),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize(
    ("url", "role"), [(url, role) for url in sorted(CHANGES) for role in ROLES]
)
def test_changes_only_by_whoever_may_make_them(client, world, url, role):
    _login(client, world, role)
    before = _state()
    response = client.post(url.format(**world["values"]), CHANGES[url])
    assert response.status_code == CHANGED[role], f"{role} {url}"
    if CHANGED[role] != 303:
        assert _state() == before
    else:
        assert _state() != before


def test_creating_an_appeal_by_a_coordinator(client, world):
    _login(client, world, "coordinator")
    response = client.post(
        "/appeals/new/campaign/{campaign}/".format(**world["values"]),
        {
            "title": "Second appeal",
            "subject": "Please",
            "body": "Negotiate.",
            "mode": "send",
            "allowance": "none",
            "paragraph_limit": 100,
            "opens_at": "2026-01-01 10:00",
            "closes_at": "2027-01-01 10:00",
            "per_hour": 30,
        },
    )
    assert response.status_code == 303
    assert Appeal.objects.filter(title="Second appeal", per_hour=30).exists()


@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_sign_through_the_api(client, world, role):
    token = world["tokens"].get(role)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.post(
        f"/api/v1/appeals/{world['appeal'].pk}/signatures",
        data=json.dumps({"name": "Bo", "email": f"{role}@example.org", "country": "FR"}),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 202, response.content[:300]
