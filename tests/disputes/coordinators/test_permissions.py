"""Manage pages beyond the role matrix (tests/test_permissions.py): the second factor, and
parts of one dispute reached through another's address."""

import datetime as dt

import pytest
from django.utils import timezone

from picketline.disputes import services
from tests import factories

ROLES = ["anonymous", "supporter", "coordinator", "other_coordinator", "moderator", "admin"]
LOGIN = "/accounts/login/"

D = "/disputes/{dispute}/manage/"
U = "/organisations/{union}/manage/"


@pytest.fixture
def world(db):
    dispute = factories.make_dispute(with_shift=True)
    other = factories.make_dispute()
    first = factories.make_coordinator(dispute)
    site = dispute.sites.get()
    start = timezone.now() + dt.timedelta(days=2)
    action = services.action_create(
        dispute=dispute, starts_at=start, ends_at=start + dt.timedelta(hours=8), timezone="UTC"
    )
    source = services.source_create(dispute=dispute, url="https://example.org/news")
    invitation, _raw = factories.invite(dispute, "new@example.org", by=first)
    union = factories.make_organisation(name="Bakers Union")
    holder = factories.make_user()
    union.coordinators.add(holder)
    union_invitation, _raw = factories.invite(union, "rep@example.org", by=holder)
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
