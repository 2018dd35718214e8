"""The RSVP section of an event page: places left or the waiting list, one's own answer, and
the form (name and email without an account, one button with one), or why there is none."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from picketline.events.choices import EventStatus
from picketline.events.models import Event
from picketline.events.rsvps import selectors as rsvp_selectors
from picketline.events.rsvps import services as rsvps
from picketline.events.rsvps.forms import AccountRsvpForm, RsvpForm
from picketline.events.rsvps.selectors import rsvp_for_user
from picketline.events.services import event_update
from tests.factories import make_event, make_user

pytestmark = pytest.mark.django_db


def _section(event, user=None) -> str:
    request = RequestFactory().get(event.get_absolute_url())
    request.user = user or AnonymousUser()
    signed_in = request.user.is_authenticated
    context = {
        "event": event,
        "my_rsvp": rsvp_for_user(event=event, user=request.user),
        "rsvp_form": AccountRsvpForm() if signed_in else RsvpForm(),
        "rsvp_counts": rsvp_selectors.event_rsvp_counts(event),
    }
    return render_to_string("events/rsvp/_section.html", context, request=request)


def test_it_counts_the_places_left():
    event = make_event(capacity=3)
    rsvps.rsvp_create(event=event, user=make_user(username="Someone_Coming"))
    event.refresh_from_db()
    html = _section(event)
    assert "2 places left" in html
    assert "I'm coming" in html
    assert "Someone_Coming" not in html


def test_a_full_event_offers_the_waiting_list():
    event = make_event(capacity=1)
    rsvps.rsvp_create(event=event, user=make_user())
    rsvps.rsvp_create(event=event, user=make_user())
    event.refresh_from_db()
    html = _section(event)
    assert "Full: you can join the waiting list." in html
    assert "1 person is waiting." in html
    assert "Join the waiting list" in html


def test_an_event_without_a_limit_counts_who_is_coming():
    event = make_event(capacity=None)
    for _ in range(2):
        rsvps.rsvp_create(event=event, user=make_user())
    event.refresh_from_db()
    assert "2 people are coming." in _section(event)


def test_without_an_account_it_asks_for_a_name_and_an_email_kept_private():
    html = _section(make_event())
    assert 'name="name"' in html
    assert 'name="email"' in html
    assert "Never shown publicly." in html
    hidden = html.split('class="hp-field"', 1)[1].split("</div>", 1)[0]
    assert 'name="website"' in hidden


def test_with_an_account_it_is_one_button():
    html = _section(make_event(), user=make_user())
    assert 'name="email"' not in html
    assert 'name="name"' not in html
    assert html.count('type="submit"') == 1


def test_it_shows_my_answer_and_the_way_to_it():
    event = make_event(capacity=1)
    rsvps.rsvp_create(event=event, user=make_user())
    me = make_user()
    mine = rsvps.rsvp_create(event=event, user=me).rsvp
    event.refresh_from_db()
    html = _section(event, user=me)
    assert "You are number 1 on the waiting list." in html
    assert f'href="/events/rsvp/{rsvp_selectors.rsvp_token(mine)}/"' in html
    assert 'type="submit"' not in html


def test_a_cancelled_event_takes_no_answers():
    event = make_event()
    event = event_update(event=event, status=EventStatus.CANCELLED)
    html = _section(event)
    assert "This event has been cancelled." in html
    assert "<form" not in html


def test_an_event_that_is_over_takes_no_answers():
    event = make_event()
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=3),
        ends_at=timezone.now() - dt.timedelta(hours=1),
    )
    event.refresh_from_db()
    html = _section(event)
    assert "This event is over." in html
    assert "<form" not in html
