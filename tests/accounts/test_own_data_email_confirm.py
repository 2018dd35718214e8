"""Confirming the account's email address, so that what was done with it without signing in
counts as the person's: an emailed link that works for this account and this address only."""

import re

import pytest
from django.core import signing

from picketline.accounts.models import ConfirmedEmail
from picketline.accounts.own_data import EMAIL_CONFIRM_SALT
from picketline.accounts.personal_data import person_email
from picketline.core.models import OutboxEmail
from picketline.organisations.invitations.services import invitation_sign_up
from tests import factories

pytestmark = pytest.mark.django_db

LINK = re.compile(r"/account/data/email/([^/\s]+)/")


def _emailed_link() -> str:
    email = OutboxEmail.objects.get(body__contains="/account/data/email/")
    return LINK.search(email.body).group(0)


def test_following_the_emailed_link_confirms_the_address(
    client, django_capture_on_commit_callbacks
):
    user = factories.make_user(email="Rosa@Example.org")
    factories.login(client, user)
    assert person_email(user) is None
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/account/data/email/").status_code == 303
    link = _emailed_link()
    assert client.get(link).status_code == 200
    assert person_email(user) is None  # a GET (a mail scanner) confirms nothing
    assert client.post(link).status_code == 303
    assert person_email(user) == "rosa@example.org"


def test_a_link_for_another_account_does_not_confirm(client):
    owner = factories.make_user(email="rosa@example.org")
    other = factories.make_user(email="rosa@example.org")
    token = signing.dumps({"u": owner.pk, "e": "rosa@example.org"}, salt=EMAIL_CONFIRM_SALT)
    factories.login(client, other)
    assert client.post(f"/account/data/email/{token}/").status_code == 400
    assert not ConfirmedEmail.objects.exists()


def test_changing_the_address_drops_the_confirmation(client):
    user = factories.make_user(email="rosa@example.org")
    ConfirmedEmail.objects.create(
        user=user, email="rosa@example.org", confirmed_at="2026-01-01T00:00Z"
    )
    assert person_email(user) == "rosa@example.org"
    user.email = "someone.else@example.org"
    user.save()
    assert person_email(user) is None


def test_signing_up_through_an_invitation_to_the_same_address_confirms_it(client):
    dispute = factories.make_dispute()
    invitation, _raw = factories.invite(dispute, "Kim@Example.org")
    user = invitation_sign_up(
        invitation=invitation,
        username="kim",
        email="kim@example.org",
        password="a long passphrase 1",
    )
    assert person_email(user) == "kim@example.org"
    other_invitation, _raw = factories.invite(dispute, "lee@example.org")
    typed_another = invitation_sign_up(
        invitation=other_invitation,
        username="lee",
        email="not.lee@example.org",
        password="a long passphrase 2",
    )
    assert person_email(typed_another) is None
