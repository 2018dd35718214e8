"""The library's pages against every role that matters to them, for an organisation's library
and a campaign's.

Roles: anonymous, supporter (an account with no duties), coordinator (of the campaign, or an
account holder of the organisation, with two factors), other_coordinator (of another campaign
or organisation), moderator and admin.

`tests/test_permissions.py` reads PUBLIC_NAMES and PRIVATE_NAMES from here, so a new URL of
the library fails there until it is classified here.
"""

import pytest

from picketline.core.models import AuditEntry
from picketline.resources.models import Resource
from tests import factories
from tests.campaigns.helpers import make_campaign
from tests.resources.helpers import make_resource

ROLES = ["anonymous", "supporter", "coordinator", "other_coordinator", "moderator", "admin"]
OWNERS = ("organisation", "campaign")

# The libraries are public (each reader sees what they may); a file is public when its
# resource is, and a 404 to whoever may not see it (checked below).
PUBLIC_NAMES = {
    "resources:file",
    "resources:thumbnail",
    "resources:organisation_library",
    "resources:campaign_library",
}
PRIVATE_NAMES = {
    f"resources:{owner}_{name}" for owner in OWNERS for name in ("create", "edit", "delete")
}


def _roles(default, **given):
    return {role: given.get(role, default) for role in ROLES} | {
        "anonymous": given.get("anonymous", 302)
    }


MANAGERS = _roles(403, coordinator=200, moderator=200, admin=200)
POST_ONLY = _roles(405)
SEEN_BY_MANAGERS = _roles(404, anonymous=404, coordinator=200, moderator=200, admin=200)
EVERYONE = _roles(200, anonymous=200)

MATRIX = {}
for prefix, owner in (("organisations", "organisation"), ("campaigns", "campaign")):
    base = f"/{prefix}/{{{owner}}}/resources/"
    public, private = f"{{{owner}_public}}", f"{{{owner}_private}}"
    MATRIX |= {
        base: EVERYONE,
        base + "new/": MANAGERS,
        base + public + "/edit/": MANAGERS,
        base + private + "/edit/": MANAGERS,
        base + public + "/delete/": POST_ONLY,
        f"/resources/{public}/leaflet.pdf": EVERYONE,
        f"/resources/{public}/thumbnail/": EVERYONE,
        f"/resources/{private}/leaflet.pdf": SEEN_BY_MANAGERS,
        f"/resources/{private}/thumbnail/": SEEN_BY_MANAGERS,
    }

CHANGED = _roles(403, coordinator=303, moderator=303, admin=303)
CHANGES = [
    f"/{owner}s/{{{owner}}}/resources/{{{owner}_{which}}}/delete/"
    for owner in OWNERS
    for which in ("public", "private")
]


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    people = {
        "anonymous": None,
        "supporter": factories.make_user(),
        "coordinator": factories.make_user(),
        "other_coordinator": factories.make_user(),
        "moderator": factories.make_moderator(),
        "admin": factories.make_admin(),
    }
    campaign = make_campaign(title="Car workers together")
    other_campaign = make_campaign(title="Bakers together")
    union = factories.make_organisation(name="General Workers")
    other_union = factories.make_organisation(name="Bakers' Union")
    for owner, other in ((campaign, other_campaign), (union, other_union)):
        owner.coordinators.add(people["coordinator"])
        other.coordinators.add(people["other_coordinator"])
    for role in ("coordinator", "other_coordinator"):
        factories.make_totp_device(people[role])
    values = {"campaign": campaign.slug, "organisation": union.slug}
    for name, owner in (("campaign", campaign), ("organisation", union)):
        values[f"{name}_public"] = make_resource(owner, title="Leaflet").pk
        values[f"{name}_private"] = make_resource(owner, title="Leaflet", visibility="managers").pk
    return {"people": people, "values": values}


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
    return list(Resource.objects.order_by("id").values_list("id", "title")), (
        AuditEntry.objects.count()
    )


@pytest.mark.parametrize(("url", "role"), [(url, role) for url in CHANGES for role in ROLES])
def test_changes_only_by_whoever_may_make_them(client, world, url, role):
    _login(client, world, role)
    before = _state()
    response = client.post(url.format(**world["values"]))
    expected = CHANGED[role]
    assert response.status_code == expected, f"{role} {url}"
    if expected != 303:
        assert _state() == before
    else:
        assert _state() != before


@pytest.mark.parametrize("owner", OWNERS)
@pytest.mark.parametrize("role", ["supporter", "other_coordinator"])
def test_nobody_else_adds_a_resource(client, world, owner, role):
    _login(client, world, role)
    response = client.post(
        f"/{owner}s/{world['values'][owner]}/resources/new/",
        {
            "title": "Mine",
            "kind": "video",
            "language": "en",
            "visibility": "public",
            "link": "https://video.example.org/x",
        },
    )
    assert response.status_code == 403
    assert not Resource.objects.filter(title="Mine").exists()
