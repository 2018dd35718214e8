"""Every manage URL against every role: who may open it, and who is turned away.

(method, url) → {role: status}; 302 to the login page for anonymous visitors. Coordinators of
another dispute are turned away from this one's pages like any supporter.
"""

import datetime as dt

import pytest
from django.utils import timezone

from picketline.disputes import coordinators, services
from tests import factories

ROLES = ["anonymous", "supporter", "coordinator", "other_coordinator", "moderator", "admin"]
LOGIN = "/accounts/login/"

DISPUTE_PAGE = {
    "anonymous": 302,
    "supporter": 403,
    "coordinator": 200,
    "other_coordinator": 403,
    "moderator": 200,
    "admin": 200,
}
SIGNED_IN = {role: 200 for role in ROLES} | {"anonymous": 302}
MODERATORS = {
    "anonymous": 302,
    "supporter": 403,
    "coordinator": 403,
    "other_coordinator": 403,
    "moderator": 200,
    "admin": 200,
}
# A moderator's change is answered with a redirect back to the page.
MODERATORS_POST = MODERATORS | {"moderator": 302, "admin": 302}

D = "/disputes/{dispute}/manage/"
U = "/organisations/{union}/manage/"

MATRIX = {
    ("get", D): DISPUTE_PAGE,
    ("get", D + "sites/add/"): DISPUTE_PAGE,
    ("get", D + "sites/{site}/"): DISPUTE_PAGE,
    ("get", D + "sites/{site}/delete/"): DISPUTE_PAGE,
    ("get", D + "actions/add/"): DISPUTE_PAGE,
    ("get", D + "actions/{action}/"): DISPUTE_PAGE,
    ("get", D + "actions/{action}/delete/"): DISPUTE_PAGE,
    ("get", D + "shifts/add/"): DISPUTE_PAGE,
    ("get", D + "shifts/{shift}/"): DISPUTE_PAGE,
    ("get", D + "shifts/{shift}/delete/"): DISPUTE_PAGE,
    ("get", D + "sources/add/"): DISPUTE_PAGE,
    ("get", D + "sources/{source}/"): DISPUTE_PAGE,
    ("get", D + "sources/{source}/delete/"): DISPUTE_PAGE,
    ("get", D + "invite/"): DISPUTE_PAGE,
    ("get", D + "invitations/{invitation}/revoke/"): DISPUTE_PAGE,
    ("get", D + "coordinators/{first_coordinator}/remove/"): DISPUTE_PAGE,
    ("get", "/my/disputes/"): SIGNED_IN,
    ("get", "/organisations/manage/"): MODERATORS,
    ("get", U): MODERATORS,
    ("get", U + "invitations/{union_invitation}/revoke/"): MODERATORS,
    ("get", U + "holders/{holder}/remove/"): MODERATORS,
    ("post", U + "verify/"): MODERATORS_POST,
    ("post", U + "unverify/"): MODERATORS_POST,
}
# Changes are refused to the same people as the pages, before anything is read from the body.
REFUSED_POSTS = [
    D,
    D + "sites/add/",
    D + "sites/{site}/delete/",
    D + "actions/{action}/delete/",
    D + "shifts/{shift}/delete/",
    D + "sources/{source}/delete/",
    D + "invite/",
    D + "invitations/{invitation}/revoke/",
    D + "coordinators/{first_coordinator}/remove/",
    U + "invite/",
]


@pytest.fixture
def world(db):
    dispute = factories.make_dispute(with_shift=True)
    other = factories.make_dispute()
    first = factories.make_coordinator(dispute)
    site = dispute.sites.get()
    start = timezone.now() + dt.timedelta(days=2)
    action = services.strike_action_create(
        dispute=dispute, starts_at=start, ends_at=start + dt.timedelta(hours=8), timezone="UTC"
    )
    source = services.source_add(dispute=dispute, url="https://example.org/news")
    invitation, _raw = coordinators.invitation_create(
        dispute=dispute, email="new@example.org", by=first
    )
    union = factories.make_organisation(name="Bakers Union")
    holder = factories.make_user()
    union.coordinators.add(holder)
    union_invitation, _raw = coordinators.invitation_create(
        organisation=union, email="rep@example.org", by=holder
    )
    people = {
        "anonymous": None,
        "supporter": factories.make_user(),
        "coordinator": factories.make_coordinator(dispute),
        "other_coordinator": factories.make_coordinator(other),
        "moderator": factories.make_moderator(),
        "admin": factories.make_admin(),
    }
    values = {
        "dispute": dispute.slug,
        "site": site.pk,
        "action": action.pk,
        "shift": site.shifts.get().pk,
        "source": source.pk,
        "invitation": invitation.pk,
        "first_coordinator": first.pk,
        "union": union.slug,
        "union_invitation": union_invitation.pk,
        "holder": holder.pk,
    }
    return people, values, dispute


@pytest.mark.parametrize(("method", "url"), sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_it_gives_each_role_what_it_should(client, world, method, url, role):
    people, values, _dispute = world
    if people[role] is not None:
        factories.login(client, people[role])
    response = getattr(client, method)(url.format(**values))
    expected = MATRIX[method, url][role]
    assert response.status_code == expected, f"{role} {method} {url}"
    if role == "anonymous":
        assert response["Location"].startswith(LOGIN)


@pytest.mark.parametrize("url", REFUSED_POSTS)
@pytest.mark.parametrize("role", ["supporter", "other_coordinator"])
def test_it_refuses_changes_from_people_who_may_not_make_them(client, world, url, role):
    people, values, dispute = world
    factories.login(client, people[role])
    before = (dispute.version, dispute.sites.count(), dispute.coordinators.count())
    response = client.post(url.format(**values), {"email": "x@example.org", "title": "Hijacked"})
    assert response.status_code == 403
    dispute.refresh_from_db()
    assert (dispute.version, dispute.sites.count(), dispute.coordinators.count()) == before
    assert dispute.title != "Hijacked"


def test_it_lets_a_moderator_without_a_verified_session_in_only_after_the_code(client, world):
    people, values, _dispute = world
    client.force_login(people["moderator"])
    response = client.get(D.format(**values))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/code/")


def test_it_answers_404_for_a_dispute_that_does_not_exist(client, world):
    people, _values, _dispute = world
    factories.login(client, people["moderator"])
    assert client.get("/disputes/no-such-dispute/manage/").status_code == 404


def test_it_answers_404_for_another_disputes_parts(client, world):
    people, values, _dispute = world
    other = factories.make_dispute(with_shift=True)
    other_site = other.sites.get()
    factories.login(client, people["coordinator"])
    base = D.format(**values)
    assert client.get(f"{base}sites/{other_site.pk}/").status_code == 404
    assert client.get(f"{base}shifts/{other_site.shifts.get().pk}/").status_code == 404
    assert client.post(f"{base}sites/{other_site.pk}/delete/").status_code == 404
    assert other.sites.exists()
