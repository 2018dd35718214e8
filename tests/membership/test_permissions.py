"""Membership's pages and API operations against every role that matters to them.

Roles: anonymous, supporter (an account with no duties), member (of the organisation),
organiser (of chapter A, where the member is), other_organiser (of chapter B), treasurer,
admin (holds the organisation's account) and moderator (of the site: no say over members).
Everyone with duties has a verified second factor.

`tests/test_permissions.py` reads PUBLIC_NAMES, PRIVATE_NAMES and API_OPERATIONS from here, so
a new membership URL or operation fails there until it is classified here.
"""

import json

import pytest
from django.utils import timezone

from picketline.accounts.models import TotpDevice
from picketline.accounts.services import api_token_create
from picketline.membership.dues.models import DuesEntry, DuesPlan
from picketline.membership.members.models import Membership
from tests import factories
from tests.membership import helpers

ROLES = [
    "anonymous",
    "supporter",
    "member",
    "organiser",
    "other_organiser",
    "treasurer",
    "admin",
    "moderator",
]

PUBLIC_NAMES = {
    "membership:join",
    "membership:join_sent",
    "membership:drive",
    # Reached only through the secret in the emailed link.
    "membership:confirm",
    "membership:mine",
    # Stripe's signature is the credential.
    "membership:stripe_webhook",
}
PRIVATE_NAMES = {
    f"membership:{name}"
    for name in (
        "my_memberships",
        "my_leave",
        "roster",
        "roster_export",
        "roster_message",
        "member_add",
        "member",
        "member_payment",
        "entry_reverse",
        "member_left",
        "member_change",
        "member_export",
        "member_erase",
        "dues",
        "plan_add",
        "plan_retire",
        "settings",
        "bank_preview",
        "bank_confirm",
    )
}
API_OPERATIONS = {
    ("post", "/api/v1/organisations/{id_or_slug}/members"),
    ("post", "/api/v1/organisations/{id_or_slug}/payments"),
}


def _roles(default, **given):
    return {role: given.get(role, default) for role in ROLES} | {
        "anonymous": given.get("anonymous", 302)
    }


# Who sees names and dues: organisers (their chapters), treasurers, admins.
DUES_READERS = _roles(403, organiser=200, other_organiser=200, treasurer=200, admin=200)
# Who sees contact details, exports and messages: organisers (their chapters) and admins.
ROSTER_HOLDERS = _roles(403, organiser=200, other_organiser=200, admin=200)
# One member of chapter A: chapter B's organiser learns nothing of them.
MEMBER_A = DUES_READERS | {"other_organiser": 404}
KEEPERS = _roles(403, treasurer=200, admin=200)
# Moving member A to another chapter or plan: their chapter's organiser and admins; a
# treasurer sees them but may not move them.
MOVERS_A = MEMBER_A | {"treasurer": 403}
# Exporting or erasing one member at their request: the organisation's admins only.
ADMINS = _roles(403, admin=200)
POST_ONLY = _roles(405)
SIGNED_IN = _roles(200)

ORG = "/organisations/{org}/"
MATRIX = {
    ORG + "members/": DUES_READERS,
    "/organisations/{org}/members.csv": ROSTER_HOLDERS,
    ORG + "members/message/": ROSTER_HOLDERS,
    ORG + "members/add/": ROSTER_HOLDERS,
    ORG + "members/{member_a}/": MEMBER_A,
    ORG + "members/{member_a}/payments/": POST_ONLY,
    ORG + "members/{member_a}/entries/{entry}/reverse/": POST_ONLY,
    ORG + "members/{member_a}/left/": POST_ONLY,
    ORG + "members/{member_a}/change/": MOVERS_A,
    ORG + "members/{member_a}/data.json": ADMINS,
    ORG + "members/{member_a}/erase/": ADMINS,
    ORG + "dues/": KEEPERS,
    ORG + "dues/plans/": POST_ONLY,
    ORG + "dues/plans/{plan}/retire/": POST_ONLY,
    ORG + "dues/settings/": POST_ONLY,
    ORG + "dues/bank/": POST_ONLY,
    ORG + "dues/bank/confirm/": POST_ONLY,
    "/my/memberships/": SIGNED_IN,
    "/my/memberships/{member_a}/leave/": POST_ONLY,
}

# Changes: who may make them (3xx after the change), and everyone else refused with nothing
# changed.
CHANGES = {
    ORG + "members/{member_a}/payments/": (
        {"amount": "5.00", "method": "cash"},
        MEMBER_A | {"organiser": 303, "treasurer": 303, "admin": 303},
    ),
    ORG + "members/{member_a}/entries/{entry}/reverse/": (
        {"reason": "Typed twice"},
        MEMBER_A | {"organiser": 303, "treasurer": 303, "admin": 303},
    ),
    ORG + "members/{member_a}/left/": (
        {"reason": "Moved away"},
        MEMBER_A | {"organiser": 303, "treasurer": 403, "admin": 303},
    ),
    ORG + "members/{member_a}/change/": (
        {"chapter": "{chapter_a}", "plan": "{plan_b}"},
        MOVERS_A | {"organiser": 303, "admin": 303},
    ),
    ORG + "members/{member_a}/erase/": ({}, ADMINS | {"admin": 303}),
    ORG + "dues/plans/": (
        {"name": "Hijack", "kind": "fixed", "amount": "1", "currency": "GBP", "period": "monthly"},
        KEEPERS | {"treasurer": 303, "admin": 303},
    ),
    ORG + "dues/plans/{plan}/retire/": ({}, KEEPERS | {"treasurer": 303, "admin": 303}),
    ORG + "dues/settings/": (
        {"timezone_name": "UTC", "grace_periods": "9", "drive_goal": "1"},
        KEEPERS | {"treasurer": 403, "admin": 303},
    ),
    ORG + "members/add/": (
        {
            "name": "Hijack",
            "email": "hijack@example.org",
            "vouch": "on",
            "plan": "{plan}",
            "chapter": "{chapter_a}",
        },
        ROSTER_HOLDERS | {"organiser": 303, "other_organiser": 200, "admin": 303},
    ),
}

API_MATRIX = {
    # Joining answers the same to everyone; nothing in it reveals who is a member.
    ("post", "/api/v1/organisations/{org}/members", "join"): dict.fromkeys(ROLES, 202),
    ("post", "/api/v1/organisations/{org}/payments", "payment"): {
        "anonymous": 401,
        "supporter": 403,
        "member": 403,
        "organiser": 201,
        "other_organiser": 404,
        "treasurer": 201,
        "admin": 201,
        "moderator": 403,
    },
}


@pytest.fixture
def world(db):
    organisation = helpers.make_network(name="Permission Network")
    chapter_a = helpers.make_chapter(organisation, name="Leeds")
    chapter_b = helpers.make_chapter(organisation, name="Manchester", point=helpers.MANCHESTER)
    plan = helpers.make_plan(organisation)
    plan_b = helpers.make_plan(organisation)
    member_user = factories.make_user()
    member_a = helpers.make_member(organisation, chapter=chapter_a, plan=plan, user=member_user)
    helpers.make_member(organisation, chapter=chapter_b, plan=plan)
    entry = helpers.pay(member_a, 500)
    people = {
        "anonymous": None,
        "supporter": factories.make_user(),
        "member": member_user,
        "organiser": helpers.make_organiser(chapter_a),
        "other_organiser": helpers.make_organiser(chapter_b),
        "treasurer": helpers.make_treasurer(organisation),
        "admin": helpers.make_admin(organisation),
        "moderator": factories.make_moderator(),
    }
    tokens = {
        role: api_token_create(user=user, name="permissions")[1]
        for role, user in people.items()
        if user is not None
    }
    return {
        "people": people,
        "tokens": tokens,
        "organisation": organisation,
        "values": {
            "org": organisation.slug,
            "member_a": member_a.pk,
            "entry": entry.pk,
            "plan": plan.pk,
            "plan_b": plan_b.pk,
            "chapter_a": chapter_a.pk,
        },
    }


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
        list(DuesEntry.objects.order_by("id").values_list("id", "amount_minor")),
        list(
            Membership.objects.order_by("id").values_list(
                "id", "status", "name", "chapter_id", "plan_id"
            )
        ),
        list(DuesPlan.objects.order_by("id").values_list("id", "name", "is_active")),
        list(Membership.objects.values_list("organisation__membership_settings__grace_periods")),
    )


@pytest.mark.parametrize(
    ("url", "role"),
    [(url, role) for url in sorted(CHANGES) for role in ROLES],
)
def test_changes_only_by_whoever_may_make_them(client, world, url, role):
    data, expected = CHANGES[url]
    if world["people"][role] is not None:
        factories.login(client, world["people"][role])
    before = _state()
    body = {key: str(value).format(**world["values"]) for key, value in data.items()}
    response = client.post(url.format(**world["values"]), body)
    assert response.status_code == expected[role], f"{role} {url}"
    if expected[role] != 303:
        assert _state() == before


def _api_bodies(world):
    return {
        "join": {
            "name": "Bo",
            "email": "bo@example.org",
            "place": "53.80,-1.55",
            "agree": True,
            "consent": True,
        },
        "payment": {
            "member": f"M{world['values']['member_a']}",
            "amount_minor": 500,
            "method": "cash",
        },
    }


@pytest.mark.parametrize(("method", "url", "body"), sorted(API_MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_it_should_from_the_api(client, world, method, url, body, role):
    token = world["tokens"].get(role)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    before = DuesEntry.objects.count()
    response = getattr(client, method)(
        url.format(**world["values"]),
        data=json.dumps(_api_bodies(world)[body]),
        content_type="application/json",
        headers=headers,
    )
    expected = API_MATRIX[method, url, body][role]
    assert response.status_code == expected, f"{role} {url}: {response.content[:300]}"
    if expected >= 400:
        assert response["Content-Type"] == "application/problem+json"
        assert DuesEntry.objects.count() == before


PERSONAL_DATA_PAGES = [
    url
    for url, statuses in MATRIX.items()
    if statuses["organiser"] == 200 and statuses is not SIGNED_IN
]


@pytest.mark.parametrize("role", ["organiser", "treasurer", "admin"])
@pytest.mark.parametrize("url", PERSONAL_DATA_PAGES)
def test_rosters_ask_two_factors_of_whoever_lacks_them(client, world, url, role):
    person = world["people"][role]
    if MATRIX[url][role] != 200:
        pytest.skip("not this role's page")
    TotpDevice.objects.filter(user=person).delete()
    client.force_login(person)
    response = client.get(url.format(**world["values"]))
    assert response.status_code == 302, url
    assert response["Location"].startswith("/accounts/two-factor/setup/?next="), url


def test_site_moderators_and_staff_never_see_a_roster_without_a_role(client, world):
    factories.login(client, world["people"]["moderator"])
    assert client.get(f"/organisations/{world['values']['org']}/members/").status_code == 403
    assert timezone.now()
