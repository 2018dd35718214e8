"""Inviting a coordinator by email, and the invitee accepting: with an account or a new one."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from picketline.accounts.two_factor import url_with_next
from picketline.core.audit import audit_entries_for
from picketline.core.tokens import token_hash
from picketline.organisations.models import Invitation
from tests import factories

pytestmark = pytest.mark.django_db

IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "email"],
    }
}
STRONG = "a long and unusual passphrase 42"


@pytest.fixture
def dispute():
    return factories.make_dispute(title="Harbour Lane warehouse strike")


@pytest.fixture
def coordinator(dispute):
    return factories.make_coordinator(dispute)


def _invite(client, dispute, coordinator, email, capture):
    factories.login(client, coordinator)
    with capture(execute=True):
        response = client.post(f"/disputes/{dispute.slug}/manage/invite/", {"email": email})
    assert response.status_code == 302
    client.logout()
    message = mail.outbox[-1]
    link = re.search(r"https?://\S+/invitations/(\S+)/", message.body)
    assert link, message.body
    return message, f"/invitations/{link.group(1)}/"


@pytest.fixture
def invited(client, dispute, coordinator, settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE_TASKS
    return _invite(
        client, dispute, coordinator, "Sam@Example.org", django_capture_on_commit_callbacks
    )


def test_it_emails_a_link_and_keeps_only_its_hash(invited, dispute):
    message, path = invited
    assert message.to == ["Sam@example.org"]
    assert "Harbour Lane warehouse strike" in message.subject
    token = path.split("/")[2]
    invitation = Invitation.objects.get()
    assert invitation.token_hash == token_hash(token)
    assert token not in str(Invitation.objects.values().get())


def test_it_never_puts_the_address_in_the_disputes_audit_log(invited, dispute):
    entries = list(audit_entries_for(dispute).values_list("action", "data"))
    assert any(action == "dispute.coordinator_invited" for action, _data in entries)
    assert "example.org" not in str(entries).lower()


def test_it_shows_the_dispute_and_a_sign_up_form_prefilled_with_the_address(client, invited):
    _message, path = invited
    response = client.get(path)
    assert response.status_code == 200
    assert "Harbour Lane warehouse strike" in response.text
    assert 'value="Sam@example.org"' in response.text
    assert f"/accounts/login/?next={path.replace('/', '%2F')}" in response.text


def test_it_refuses_a_weak_password_with_a_field_error_and_creates_nothing(client, invited):
    _message, path = invited
    response = client.post(
        path,
        {
            "username": "sam",
            "email": "sam@example.org",
            "password1": "password",
            "password2": "password",
        },
    )
    assert response.status_code == 400
    assert "field--invalid" in response.text
    assert "This password is too short" in response.text
    assert "This password is too common" in response.text
    assert not get_user_model().objects.filter(username="sam").exists()
    assert Invitation.objects.get().accepted_at is None


def test_it_creates_the_account_makes_a_coordinator_and_asks_for_two_factors(
    client, invited, dispute
):
    _message, path = invited
    response = client.post(
        path,
        {"username": "sam", "email": "sam@example.org", "password1": STRONG, "password2": STRONG},
    )
    manage = f"/disputes/{dispute.slug}/manage/"
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/two-factor/setup/?next={manage.replace('/', '%2F')}"
    sam = get_user_model().objects.get(username="sam")
    assert sam.check_password(STRONG)
    assert list(dispute.coordinators.filter(pk=sam.pk)) == [sam]
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == sam and invitation.accepted_at is not None
    joined = audit_entries_for(dispute).get(action="dispute.coordinator_joined")
    assert joined.user == sam
    # The dispute's page shows contact details: it waits for the second factor.
    setup = client.get(response["Location"])
    assert setup.status_code == 200
    assert "You are now a coordinator" in setup.text
    closed = client.get(manage)
    assert closed.status_code == 302 and closed["Location"] == response["Location"]


def test_it_works_only_once(client, invited):
    _message, path = invited
    client.post(
        path,
        {"username": "sam", "email": "sam@example.org", "password1": STRONG, "password2": STRONG},
    )
    client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert "already been used" in response.text
    other = factories.make_user()
    client.force_login(other)
    assert client.post(path).status_code == 410
    assert not Invitation.objects.filter(accepted_by=other).exists()


def test_it_lets_someone_with_an_account_accept(client, invited, dispute):
    _message, path = invited
    someone = factories.make_user()
    client.force_login(someone)
    page = client.get(path)
    assert page.status_code == 200 and "Accept the invitation" in page.text
    response = client.post(path, follow=True)
    manage = f"/disputes/{dispute.slug}/manage/"
    assert response.redirect_chain[-1][0] == url_with_next("two_factor_setup", manage)
    assert dispute.coordinators.filter(pk=someone.pk).exists()
    assert "two-factor authentication" in response.text


def test_someone_with_two_factors_goes_straight_to_the_dispute(client, invited, dispute):
    _message, path = invited
    someone = factories.make_user()
    factories.make_totp_device(someone)
    factories.login(client, someone)
    response = client.post(path, follow=True)
    assert response.redirect_chain[-1][0] == f"/disputes/{dispute.slug}/manage/"
    assert response.status_code == 200
    assert "You are now a coordinator" in response.text


def test_it_refuses_an_expired_invitation_with_410(client, invited, dispute):
    _message, path = invited
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.get(path)
    assert response.status_code == 410
    assert "expired" in response.text
    response = client.post(
        path,
        {"username": "sam", "email": "sam@example.org", "password1": STRONG, "password2": STRONG},
    )
    assert response.status_code == 410
    assert not get_user_model().objects.filter(username="sam").exists()


def test_it_refuses_a_withdrawn_invitation(client, invited, dispute, coordinator):
    _message, path = invited
    invitation = Invitation.objects.get()
    factories.login(client, coordinator)
    response = client.post(f"/disputes/{dispute.slug}/manage/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 302
    client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert "withdrawn" in response.text
    assert audit_entries_for(dispute).filter(action="dispute.invitation_revoked").exists()


def test_a_new_invitation_to_the_same_address_replaces_the_old_one(
    client, invited, dispute, coordinator, django_capture_on_commit_callbacks
):
    _message, first = invited
    _message, second = _invite(
        client, dispute, coordinator, "sam@example.org", django_capture_on_commit_callbacks
    )
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_it_answers_404_for_an_unknown_token(client, db):
    assert client.get("/invitations/not-a-real-token/").status_code == 404
