"""Approval of a hosted event invites its host to manage it, through the one invitation flow
(role `event-organiser`); the link works once, then 410; after signing up, the host sets up
two factors before seeing who is coming."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from picketline.events.models import Event
from picketline.moderation.services import item_approve, item_for_object
from picketline.organisations.models import Invitation as HostInvitation
from tests.events.days.helpers import hosted_event as _hosted_event
from tests.factories import login, make_moderator, make_totp_device, make_user

pytestmark = pytest.mark.django_db
INVITATION = re.compile(r"http://\S+/invitations/([\w-]+)/")


def _approve(event: Event, send_now) -> str:
    """Approves through the queue as a moderator would; returns the invitation's token."""
    item = item_for_object(event)
    with send_now():
        item_approve(item=item, version=item.version, user=make_moderator())
    invitations = [
        m for m in mail.outbox if "ana@example.org" in m.to and INVITATION.search(m.body)
    ]
    assert len(invitations) == 1
    return INVITATION.search(invitations[0].body)[1]


def _url(token: str) -> str:
    return reverse("invitations:invitation", kwargs={"token": token})


def test_approval_publishes_the_event_and_emails_the_host_an_invitation(db, send_now):
    event = _hosted_event()
    assert event.published_at is None
    token = _approve(event, send_now)
    event.refresh_from_db()
    assert event.published_at is not None
    invitation = HostInvitation.objects.get()
    assert invitation.email == "ana@example.org"
    assert (invitation.role, invitation.target) == ("event-organiser", event)
    message = next(m for m in mail.outbox if INVITATION.search(m.body))
    assert "Rally at the depot" in message.subject
    assert "Day for the drivers" in message.body
    assert event.get_absolute_url() in message.body
    assert _url(token) in message.body


def test_a_signed_in_host_accepts_with_a_button(client, db, send_now):
    token = _approve(_hosted_event(), send_now)
    user = make_user()
    make_totp_device(user)
    login(client, user)
    page = client.get(_url(token))
    assert page.status_code == 200
    assert "Accept and manage the event" in page.content.decode()
    assert page["Cache-Control"].count("no-store") == 1
    assert page["Referrer-Policy"] == "same-origin"
    assert page["X-Robots-Tag"] == "noindex"
    event = Event.objects.get()
    assert not event.organisers.exists()
    response = client.post(_url(token))
    assert response.status_code == 302
    assert response["Location"] == f"/events/{event.slug}/manage/"
    assert list(event.organisers.all()) == [user]
    assert HostInvitation.objects.get().accepted_by == user


def test_a_host_without_an_account_signs_up_on_the_spot(client, db, send_now):
    token = _approve(_hosted_event(), send_now)
    page = client.get(_url(token))
    assert 'value="ana@example.org"' in page.content.decode()
    assert "log in to accept" in page.content.decode()
    response = client.post(
        _url(token),
        {
            "username": "anahost",
            "email": "ana@example.org",
            "password1": "a long strike-proof passphrase",
            "password2": "a long strike-proof passphrase",
        },
    )
    event = Event.objects.get()
    manage = f"/events/{event.slug}/manage/"
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/two-factor/setup/?next={manage.replace('/', '%2F')}"
    user = get_user_model().objects.get(username="anahost")
    assert list(event.organisers.all()) == [user]
    assert int(client.session["_auth_user_id"]) == user.pk
    # Until the second factor is set up, the attendees stay closed.
    closed = client.get(manage)
    assert closed.status_code == 302 and closed["Location"].startswith(
        "/accounts/two-factor/setup/"
    )


def test_a_link_from_an_earlier_email_still_opens_the_invitation(client, db, send_now):
    token = _approve(_hosted_event(), send_now)
    response = client.get(f"/events/host/{token}/")
    assert response.status_code == 301
    assert response["Location"] == _url(token)


def test_a_bad_sign_up_creates_nobody_and_accepts_nothing(client, db, send_now):
    token = _approve(_hosted_event(), send_now)
    response = client.post(
        _url(token),
        {"username": "anahost", "email": "ana@example.org", "password1": "x", "password2": "y"},
    )
    assert response.status_code == 400
    assert not get_user_model().objects.filter(username="anahost").exists()
    assert HostInvitation.objects.get().accepted_at is None


def test_the_login_link_comes_back_here(client, db, send_now):
    token = _approve(_hosted_event(), send_now)
    page = client.get(_url(token)).content.decode()
    assert f"?next=%2Finvitations%2F{token}%2F" in page


def test_a_used_invitation_is_gone(client, db, send_now):
    token = _approve(_hosted_event(), send_now)
    login(client, make_user())
    client.post(_url(token))
    client.logout()
    login(client, make_user())
    response = client.get(_url(token))
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert Event.objects.get().organisers.count() == 1


def test_an_expired_invitation_is_gone(client, db, send_now):
    token = _approve(_hosted_event(), send_now)
    HostInvitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    login(client, make_user())
    assert client.get(_url(token)).status_code == 410
    response = client.post(_url(token))
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Event.objects.get().organisers.exists()


def test_an_unknown_token_is_not_found(client, db):
    assert client.get(_url("x" * 43)).status_code == 404


def test_the_host_who_accepted_goes_straight_to_the_event(client, db, send_now):
    token = _approve(_hosted_event(), send_now)
    user = make_user()
    make_totp_device(user)
    login(client, user)
    first = client.post(_url(token))
    again = client.get(_url(token))
    assert again.status_code == 302
    assert again["Location"] == first["Location"]


def test_an_event_hosted_with_an_account_sends_no_invitation(db, send_now):
    user = make_user()
    event = _hosted_event()
    event.organisers.add(user)
    item = item_for_object(event)
    with send_now():
        item_approve(item=item, version=item.version, user=make_moderator())
    assert not HostInvitation.objects.exists()
