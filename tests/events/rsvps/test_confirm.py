"""The emailed confirmation link: a page with one button (mail scanners follow links), that
works once, expires, and puts the person on the waiting list when the event has filled up."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from picketline.events.choices import EventStatus, RsvpStatus
from picketline.events.models import Rsvp
from picketline.events.rsvps import selectors as rsvp_selectors
from picketline.events.rsvps import services as rsvps
from picketline.events.services import event_update
from tests.events.rsvps.helpers import confirm_token, mails_to
from tests.factories import make_event, make_user

pytestmark = pytest.mark.django_db


def _requested(event, send_now, email="ada@example.org") -> str:
    with send_now():
        rsvps.rsvp_create(event=event, name="Ada", email=email)
    return confirm_token(mails_to(email)[-1])


def _url(token: str) -> str:
    return reverse("events:rsvp_confirm", kwargs={"token": token})


def _assert_private(response):
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Robots-Tag"] == "noindex"


def test_following_the_link_shows_a_button_and_changes_nothing(client, send_now):
    event = make_event()
    token = _requested(event, send_now)

    page = client.get(_url(token))

    assert page.status_code == 200
    assert "Confirm my place" in page.text
    assert 'method="post"' in page.text
    _assert_private(page)
    assert Rsvp.objects.get().status == RsvpStatus.PENDING


def test_pressing_the_button_gives_a_place_and_opens_the_rsvp_page(client, send_now):
    event = make_event(capacity=3)
    token = _requested(event, send_now)

    with send_now():
        response = client.post(_url(token))

    rsvp = Rsvp.objects.get()
    assert rsvp.status == RsvpStatus.CONFIRMED
    assert response.status_code == 303
    assert response["Location"] == reverse(
        "events:rsvp", kwargs={"token": rsvp_selectors.rsvp_token(rsvp)}
    )
    _assert_private(response)
    assert "You have a place" in client.get(response["Location"]).text
    assert mail.outbox[-1].subject.startswith("You are coming")


def test_the_link_works_once(client, send_now):
    event = make_event()
    token = _requested(event, send_now)
    client.post(_url(token))

    again = client.post(_url(token))

    assert again.status_code == 404
    assert "already been used, or it is not a link we sent" in again.text
    _assert_private(again)
    assert client.get(_url(token)).status_code == 404
    event.refresh_from_db()
    assert event.confirmed_count == 1


def test_the_service_refuses_a_used_link(send_now):
    event = make_event()
    token = _requested(event, send_now)
    rsvps.rsvp_confirm(raw=token)

    with pytest.raises(ValidationError) as error:
        rsvps.rsvp_confirm(raw=token)

    assert error.value.code == "unknown"
    event.refresh_from_db()
    assert event.confirmed_count == 1


def test_an_expired_link_says_so_and_offers_to_answer_again(client, send_now):
    event = make_event()
    token = _requested(event, send_now)
    Rsvp.objects.update(confirm_expires_at=timezone.now() - dt.timedelta(minutes=1))

    for response in (client.get(_url(token)), client.post(_url(token))):
        assert response.status_code == 410
        assert "This link has expired" in response.text
        assert f'href="{event.get_absolute_url()}#rsvp"' in response.text
        _assert_private(response)
    assert Rsvp.objects.get().status == RsvpStatus.PENDING


def test_the_link_expires_after_the_configured_hours(settings, send_now):
    settings.RSVP_CONFIRM_HOURS = 2
    event = make_event()
    token = _requested(event, send_now)

    with pytest.raises(ValidationError) as error:
        rsvps.rsvp_confirm(raw=token, now=timezone.now() + dt.timedelta(hours=2, seconds=1))
    assert error.value.code == "expired"
    assert rsvps.rsvp_confirm(raw=token, now=timezone.now()).status == RsvpStatus.CONFIRMED


def test_answering_again_sends_a_fresh_link(send_now):
    event = make_event()
    old = _requested(event, send_now)
    Rsvp.objects.update(confirm_expires_at=timezone.now() - dt.timedelta(minutes=1))
    new = _requested(event, send_now)

    assert new != old
    assert rsvps.rsvp_confirm(raw=new).status == RsvpStatus.CONFIRMED
    assert Rsvp.objects.count() == 1


def test_confirming_a_full_event_joins_the_waiting_list_with_a_number(client, send_now):
    event = make_event(capacity=1)
    token = _requested(event, send_now)
    rsvps.rsvp_create(event=event, user=make_user())

    with send_now():
        response = client.post(_url(token))

    page = client.get(response["Location"])
    assert "You are number 1 on the waiting list" in page.text
    assert Rsvp.objects.get(email="ada@example.org").status == RsvpStatus.WAITLISTED
    assert "waiting list, number 1" in mails_to("ada@example.org")[-1].body


def test_a_cancelled_event_takes_no_confirmations(client, send_now):
    event = make_event()
    token = _requested(event, send_now)
    event_update(event=event, status=EventStatus.CANCELLED)

    response = client.post(_url(token))

    assert response.status_code == 410
    assert "This event has been cancelled." in response.text
    assert Rsvp.objects.get().status == RsvpStatus.PENDING


def test_a_made_up_link_is_not_found(client):
    for token in ("nonsense", "x" * 200):
        response = client.get(_url(token))
        assert response.status_code == 404
        assert "not a link we sent" in response.text
