"""Hosting a local event for a day of action: it waits for a moderator, unlisted until then."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from picketline.events.choices import EventMode
from picketline.events.models import Event
from picketline.events.selectors import event_listed_queryset
from tests.events.days.helpers import (
    fresh_limits,
    host_url,
    in_person_data,
    moderation_item,
    online_data,
)
from tests.factories import login, make_day_of_action, make_moderator, make_user

__all__ = ["fresh_limits"]
pytestmark = pytest.mark.usefixtures("fresh_limits")


def test_it_has_the_promised_address(db):
    day = make_day_of_action()
    assert host_url(day) == f"/days-of-action/{day.slug}/host/"


def test_it_shows_the_form_to_anyone(client, db):
    day = make_day_of_action()
    response = client.get(host_url(day))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Host an event for this day of action" in page
    assert "never shown" in page.lower()


def test_it_sends_an_online_event_to_moderation(client, db):
    day = make_day_of_action()
    response = client.post(host_url(day), online_data(day))
    assert response.status_code == 303
    assert response["Location"] == reverse("events:host_thanks", kwargs={"slug": day.slug})
    event = Event.objects.get()
    assert event.day_of_action == day
    assert event.published_at is None
    assert moderation_item(event) is not None
    assert not event_listed_queryset().filter(pk=event.pk).exists()
    assert event.host_email == "ana.host@example.org"
    assert event.organiser_name == "Ana Host"
    assert event.timezone == "Europe/Madrid"
    madrid = ZoneInfo("Europe/Madrid")
    assert event.starts_at == dt.datetime.combine(day.starts_on, dt.time(18), tzinfo=madrid)
    assert event.ends_at == dt.datetime.combine(day.starts_on, dt.time(19, 30), tzinfo=madrid)
    assert not event.organisers.exists()


def test_the_thank_you_page_says_what_happens_next(client, db):
    day = make_day_of_action()
    response = client.post(host_url(day), online_data(day), follow=True)
    page = response.content.decode()
    assert "A moderator checks your event" in page
    assert "We email you a link" in page


def test_a_signed_in_host_organises_the_event_at_once(client, db):
    user = make_user()
    login(client, user)
    day = make_day_of_action()
    client.post(host_url(day), online_data(day, host_email=""))
    event = Event.objects.get()
    assert list(event.organisers.all()) == [user]
    assert event.submitted_by == user
    assert event.published_at is None


def test_a_moderator_publishes_directly(client, db):
    login(client, make_moderator())
    day = make_day_of_action()
    response = client.post(host_url(day), online_data(day), follow=True)
    event = Event.objects.get()
    assert event.published_at is not None
    assert moderation_item(event) is None
    assert "published now" in response.content.decode()


def test_it_shows_the_name_the_host_chose(client, db):
    day = make_day_of_action()
    client.post(host_url(day), online_data(day, organiser_name="Leeds Trades Council"))
    event = Event.objects.get()
    assert event.organiser_name == "Leeds Trades Council"
    assert event.host_name == "Ana Host"


def test_it_finds_the_town_its_point_and_its_time_zone(client, gazetteer):
    day = make_day_of_action()
    response = client.post(host_url(day), in_person_data(day))
    assert response.status_code == 303
    event = Event.objects.get()
    assert event.mode == EventMode.IN_PERSON
    assert (event.locality, event.country, event.timezone) == ("Leeds", "GB", "Europe/London")
    assert event.latitude == pytest.approx(53.8, abs=0.1)
    assert event.longitude == pytest.approx(-1.55, abs=0.1)
    assert event.capacity == 40
    assert event.join_url == ""


def test_it_refuses_a_town_the_gazetteer_does_not_know(client, gazetteer):
    day = make_day_of_action()
    response = client.post(host_url(day), in_person_data(day, town="Qwxzyville"))
    assert response.status_code == 400
    assert "Qwxzyville" in str(response.context["form"].errors["town"])
    assert not Event.objects.exists()


def test_a_hybrid_event_keeps_its_town_and_its_link(client, gazetteer):
    day = make_day_of_action()
    data = in_person_data(
        day, mode="hybrid", town="Valencia, Spain", join_url="https://meet.example.org/v"
    )
    assert client.post(host_url(day), data).status_code == 303
    event = Event.objects.get()
    assert (event.country, event.timezone) == ("ES", "Europe/Madrid")
    assert event.join_url == "https://meet.example.org/v"


def test_it_takes_events_for_a_day_with_a_title_in_arabic_script(client, db):
    day = make_day_of_action(title="يوم التضامن مع عمال النسيج")
    assert not day.slug.isascii()
    assert client.get(host_url(day)).status_code == 200
    assert client.post(host_url(day), online_data(day)).status_code == 303
    assert Event.objects.get().day_of_action == day
