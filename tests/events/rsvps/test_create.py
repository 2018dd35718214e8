"""Answering "I'm coming": account holders take a seat or a place in line at once; anyone
else gives a name and an email and is sent a link to confirm."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from picketline.events.choices import EventStatus, RsvpStatus
from picketline.events.models import Event, Rsvp
from picketline.events.rsvps import selectors as rsvp_selectors
from picketline.events.rsvps import services as rsvps
from picketline.events.services import event_update
from tests.events.rsvps.helpers import answer, confirm_token, fresh_limits, rsvp_url
from tests.factories import login, make_event, make_user

pytestmark = pytest.mark.django_db
__all__ = ["fresh_limits"]


def test_it_seats_accounts_until_full_then_numbers_the_waiting_list():
    event = make_event(capacity=2)
    results = [rsvps.rsvp_create(event=event, user=make_user()) for _ in range(4)]

    assert [r.status for r in results] == [
        RsvpStatus.CONFIRMED,
        RsvpStatus.CONFIRMED,
        RsvpStatus.WAITLISTED,
        RsvpStatus.WAITLISTED,
    ]
    assert [r.position for r in results] == [None, None, 1, 2]
    event.refresh_from_db()
    assert event.confirmed_count == 2


def test_it_keeps_one_rsvp_when_the_same_account_answers_twice():
    event = make_event(capacity=5)
    user = make_user()
    first = rsvps.rsvp_create(event=event, user=user)
    second = rsvps.rsvp_create(event=event, user=user)

    assert second.existing is True
    assert second.rsvp.pk == first.rsvp.pk
    assert Rsvp.objects.filter(event=event).count() == 1
    event.refresh_from_db()
    assert event.confirmed_count == 1


def test_it_always_confirms_when_there_is_no_limit():
    event = make_event(capacity=None)
    statuses = {rsvps.rsvp_create(event=event, user=make_user()).status for _ in range(30)}
    assert statuses == {RsvpStatus.CONFIRMED}


def test_it_refuses_answers_to_a_cancelled_event():
    event = make_event()
    event_update(event=event, status=EventStatus.CANCELLED)
    with pytest.raises(ValidationError) as error:
        rsvps.rsvp_create(event=event, user=make_user())
    assert error.value.code == "cancelled"
    assert not Rsvp.objects.exists()


def test_it_makes_a_pending_rsvp_and_emails_a_confirm_link(send_now):
    event = make_event(capacity=1)
    with send_now():
        result = rsvps.rsvp_create(event=event, name="Ada", email="Ada@Example.org ")

    assert result.status == RsvpStatus.PENDING
    assert result.rsvp.email == "ada@example.org"
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
    assert confirm_token(mail.outbox[0])
    event.refresh_from_db()
    assert event.confirmed_count == 0


def test_an_account_is_sent_to_its_own_rsvp_page(client):
    event = make_event(capacity=1)
    rsvps.rsvp_create(event=event, user=make_user())
    user = make_user()
    login(client, user)

    response = client.post(rsvp_url(event), {"website": ""})

    rsvp = Rsvp.objects.get(user=user)
    assert response.status_code == 303
    assert response["Location"] == reverse(
        "events:rsvp", kwargs={"token": rsvp_selectors.rsvp_token(rsvp)}
    )
    page = client.get(response["Location"])
    assert "You are number 1 on the waiting list" in page.text


def test_an_account_answering_twice_lands_on_the_same_page(client):
    event = make_event()
    login(client, make_user())
    first = client.post(rsvp_url(event), {"website": ""})
    second = client.post(rsvp_url(event), {"website": ""})
    assert first["Location"] == second["Location"]
    assert Rsvp.objects.count() == 1


def test_someone_without_an_account_is_asked_to_check_their_email(client, send_now, fresh_limits):
    event = make_event()
    with send_now():
        response = client.post(
            rsvp_url(event), {"name": "Ada", "email": "ada@example.org", "website": ""}
        )
    assert response.status_code == 303
    page = client.get(response["Location"])
    assert "Check your email" in page.text
    assert "ada@example.org" not in page.text
    assert Rsvp.objects.get().status == RsvpStatus.PENDING
    assert len(mail.outbox) == 1


def test_the_same_address_twice_keeps_one_rsvp_and_answers_alike(client, send_now, fresh_limits):
    event = make_event()
    with send_now():
        first = answer(client, event)
    with send_now():
        client.post(reverse("events:rsvp_confirm", kwargs={"token": confirm_token(mail.outbox[0])}))
    with send_now():
        second = answer(client, event, name="Someone else")

    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])
    assert Rsvp.objects.count() == 1
    # The address's owner hears of it; whoever typed it learns nothing.
    assert mail.outbox[-1].to == ["ada@example.org"]
    assert "You are coming" in mail.outbox[-1].subject


def test_a_get_goes_back_to_the_event_page(client):
    event = make_event()
    response = client.get(rsvp_url(event))
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()


def test_an_event_that_is_over_says_so_and_stores_nothing(client, fresh_limits):
    event = make_event(starts_in=dt.timedelta(hours=1))
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=3),
        ends_at=timezone.now() - dt.timedelta(hours=1),
    )
    response = answer(client, event)
    assert response.status_code == 400
    assert "This event is over." in response.text
    assert not Rsvp.objects.exists()


def test_an_unpublished_event_is_not_found(client, fresh_limits):
    event = make_event(published=False)
    assert answer(client, event).status_code == 404
    assert not Rsvp.objects.exists()


def test_an_event_with_a_title_in_arabic_script_takes_answers(client, fresh_limits):
    event = make_event(title="مسيرة التضامن")
    response = answer(client, event)
    assert response.status_code == 303
    assert client.get(response["Location"]).status_code == 200
    assert Rsvp.objects.get().event == event
