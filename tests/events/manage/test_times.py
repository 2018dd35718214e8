"""Times are typed on the clock of the chosen zone and stored as the instant they name; a
time the clock skips or shows twice is refused rather than guessed."""

import datetime as dt

import pytest

from picketline.events.models import Event
from tests.events.manage.helpers import URL, form_data, login

pytestmark = pytest.mark.django_db


def _create(client, user, **changes):
    login(client, user)
    return client.post(URL, form_data(**changes))


def test_it_reads_summer_time_in_london(client, moderator):
    response = _create(client, moderator, starts_at="2031-07-10T18:00", ends_at="2031-07-10T20:00")
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.starts_at == dt.datetime(2031, 7, 10, 17, 0, tzinfo=dt.UTC)
    assert event.ends_at == dt.datetime(2031, 7, 10, 19, 0, tzinfo=dt.UTC)
    assert event.timezone == "Europe/London"


def test_it_reads_winter_time_in_london(client, moderator):
    response = _create(client, moderator, starts_at="2031-01-10T18:00", ends_at="2031-01-10T20:00")
    assert response.status_code == 302
    assert Event.objects.get().starts_at == dt.datetime(2031, 1, 10, 18, 0, tzinfo=dt.UTC)


def test_it_reads_the_clock_across_a_dst_change_inside_the_event(client, moderator):
    # Mexico City has no summer time; New York springs forward on 9 March 2031.
    response = _create(
        client,
        moderator,
        timezone="America/New_York",
        starts_at="2031-03-08T22:00",
        ends_at="2031-03-09T10:00",
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.starts_at == dt.datetime(2031, 3, 9, 3, 0, tzinfo=dt.UTC)
    assert event.ends_at == dt.datetime(2031, 3, 9, 14, 0, tzinfo=dt.UTC)


def test_it_refuses_a_time_the_clocks_skip(client, moderator):
    # The clocks in London go from 01:00 to 02:00 on 30 March 2031: 01:30 never happens.
    response = _create(client, moderator, starts_at="2031-03-30T01:30", ends_at="2031-03-30T04:00")
    assert response.status_code == 400
    assert "does not exist in Europe/London" in response.context["form"].errors["starts_at"][0]
    assert not Event.objects.exists()


def test_it_refuses_a_time_the_clocks_show_twice(client, moderator):
    # London goes back from 02:00 to 01:00 on 26 October 2031: 01:30 happens twice.
    response = _create(client, moderator, starts_at="2031-10-26T00:00", ends_at="2031-10-26T01:30")
    assert response.status_code == 400
    assert "happens twice" in response.context["form"].errors["ends_at"][0]
    assert not Event.objects.exists()


def test_it_refuses_an_unknown_zone(client, moderator):
    response = _create(client, moderator, timezone="Mars/Olympus_Mons")
    assert response.status_code == 400
    assert response.context["form"].errors["timezone"]
    assert not Event.objects.exists()


def test_it_takes_the_devices_zone_when_the_place_gives_none(client, moderator):
    response = _create(
        client,
        moderator,
        timezone="",
        browser_timezone="America/Mexico_City",
        starts_at="2031-07-10T18:00",
        ends_at="2031-07-10T20:00",
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.timezone == "America/Mexico_City"
    assert event.starts_at == dt.datetime(2031, 7, 11, 0, 0, tzinfo=dt.UTC)


def test_it_falls_back_to_utc_without_a_zone(client, moderator):
    response = _create(client, moderator, timezone="", browser_timezone="Not/A_Zone")
    assert response.status_code == 302
    assert Event.objects.get().timezone == "UTC"


def test_the_place_gives_the_zone_and_the_pin(client, moderator, gazetteer):
    response = _create(
        client,
        moderator,
        timezone="",
        browser_timezone="Asia/Tokyo",
        locality="Lisbon",
        country="PT",
        latitude="",
        longitude="",
        starts_at="2031-07-10T18:00",
        ends_at="2031-07-10T20:00",
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.timezone == "Europe/Lisbon"
    assert event.latitude == pytest.approx(38.72, abs=0.2)
    assert event.starts_at == dt.datetime(2031, 7, 10, 17, 0, tzinfo=dt.UTC)
