"""Moderators verify unions and invite their account holders; holders invite each other."""

import re

import pytest
from django.core import mail

from picketline.core.audit import audit_entries_for
from tests import factories

pytestmark = pytest.mark.django_db

IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "email"],
    }
}


@pytest.fixture
def union():
    return factories.make_organisation(name="Bakers and Allied Workers")


@pytest.fixture
def moderator():
    return factories.make_moderator()


def test_moderators_find_unions_and_their_state(client, union, moderator):
    factories.make_organisation(name="Print Workers")
    factories.make_organisation(name="Acme Bakeries", kind="employer")
    factories.login(client, moderator)
    page = client.get("/organisations/manage/", {"q": "bakers"}).text
    assert "Bakers and Allied Workers" in page
    assert "Print Workers" not in page and "Acme Bakeries" not in page
    assert "Not verified" in page and "0 account holders" in page


def test_a_moderator_verifies_and_unverifies_a_union(client, union, moderator):
    factories.login(client, moderator)
    url = f"/organisations/{union.slug}/manage/"
    assert "Verify this union" in client.get(url).text
    assert client.post(f"{url}verify/").status_code == 302
    union.refresh_from_db()
    assert union.is_verified and union.verified_by == moderator
    listed = f'<strong dir="auto">{union.name}</strong>'
    assert listed in client.get("/organisations/manage/", {"verified": "yes"}).text
    assert listed not in client.get("/organisations/manage/", {"verified": "no"}).text
    assert client.post(f"{url}unverify/").status_code == 302
    union.refresh_from_db()
    assert not union.is_verified and union.verified_by is None
    actions = set(audit_entries_for(union).values_list("action", flat=True))
    assert {"organisation.verified", "organisation.unverified"} <= actions


def test_only_unions_are_verified(client, moderator):
    employer = factories.make_organisation(name="Acme", kind="employer")
    factories.login(client, moderator)
    response = client.post(f"/organisations/{employer.slug}/manage/verify/", follow=True)
    assert "Only unions are verified." in response.text
    employer.refresh_from_db()
    assert not employer.is_verified


def test_an_invited_account_holder_joins_and_invites_a_colleague(
    client, union, moderator, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE_TASKS
    factories.login(client, moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/organisations/{union.slug}/manage/invite/", {"email": "rep@example.org"})
    path = re.search(r"/invitations/\S+/", mail.outbox[-1].body).group(0)
    assert "Bakers and Allied Workers" in mail.outbox[-1].subject
    rep = factories.make_user()
    factories.make_totp_device(rep)
    factories.login(client, rep)
    response = client.post(path)
    assert response["Location"] == f"/organisations/{union.slug}/manage/"
    assert union.coordinators.filter(pk=rep.pk).exists()
    page = client.get(response["Location"]).text
    assert "Account holders" in page and "Verify this union" not in page
    client.post(f"/organisations/{union.slug}/manage/invite/", {"email": "colleague@example.org"})
    assert "colleague@example.org" in client.get(response["Location"]).text
    assert union.invitations.filter(role="account-holder", invited_by=rep).exists()
    # Account holders do not get the moderators' list, nor another union's page.
    assert client.get("/organisations/manage/").status_code == 403
    other = factories.make_organisation(name="Print Workers")
    assert client.get(f"/organisations/{other.slug}/manage/").status_code == 403


def test_a_moderator_removes_an_account_holder(client, union, moderator):
    holder = factories.make_user()
    union.coordinators.add(holder)
    factories.login(client, moderator)
    url = f"/organisations/{union.slug}/manage/holders/{holder.pk}/remove/"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not union.coordinators.exists()
    assert audit_entries_for(union).filter(action="organisation.account_holder_removed").exists()
