import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from picketline.disputes import services
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/disputes.ics"


def _calendar(response) -> Calendar:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _next_clock_change(zone: ZoneInfo, *, after: dt.date) -> dt.date:
    """The first day after `after` whose noon has a different UTC offset from the day before."""
    day = after
    while True:
        before = dt.datetime.combine(day, dt.time(12), zone).utcoffset()
        day += dt.timedelta(days=1)
        if dt.datetime.combine(day, dt.time(12), zone).utcoffset() != before:
            return day


def _weekly_shift_across_clock_change(dispute, zone_name: str):
    """A weekly 06:00 to 09:00 picket from two weeks before the next clock change to after."""
    zone = ZoneInfo(zone_name)
    change = _next_clock_change(zone, after=timezone.now().date() + dt.timedelta(days=21))
    first_day = change - dt.timedelta(days=14)
    start = dt.datetime.combine(first_day, dt.time(6), zone)
    return services.shift_create(
        site=dispute.sites.get(),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        timezone=zone_name,
        recurrence="weekly",
        repeat_until=change + dt.timedelta(days=14),
        notes="Bring a flask",
    )


def _events(calendar: Calendar, uid_prefix: str) -> list:
    found = [e for e in calendar.events if str(e["UID"]).startswith(uid_prefix)]
    return sorted(found, key=lambda e: e.start)


@pytest.mark.parametrize("zone_name", ["America/Chicago", "Europe/London"])
def test_it_keeps_a_weekly_picket_at_its_local_time_across_a_clock_change(client, zone_name):
    dispute = factories.make_dispute(timezone_name=zone_name, title="Warehouse strike")
    shift = _weekly_shift_across_clock_change(dispute, zone_name)
    calendar = _calendar(client.get(URL))
    events = _events(calendar, f"shift-{shift.pk}-")
    assert len(events) == 5
    offsets = set()
    for event in events:
        assert event["DTSTART"].params["TZID"] == zone_name
        assert event["DTEND"].params["TZID"] == zone_name
        assert (event.start.hour, event.start.minute) == (6, 0)
        assert (event.end.hour, event.end.minute) == (9, 0)
        offsets.add(event.start.utcoffset())
    # The same wall-clock time on both sides of the change is two different UTC offsets.
    assert len(offsets) == 2


@pytest.mark.parametrize("zone_name", ["America/Chicago", "Europe/London"])
def test_it_includes_the_vtimezone_of_every_zone_it_uses(client, zone_name):
    dispute = factories.make_dispute(timezone_name=zone_name)
    _weekly_shift_across_clock_change(dispute, zone_name)
    calendar = _calendar(client.get(URL))
    assert zone_name in {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert calendar.get_missing_tzids() == set()


def test_it_gives_each_occurrence_a_stable_uid(client):
    dispute = factories.make_dispute()
    shift = _weekly_shift_across_clock_change(dispute, "Europe/London")
    first = [str(e["UID"]) for e in _events(_calendar(client.get(URL)), "shift-")]
    second = [str(e["UID"]) for e in _events(_calendar(client.get(URL)), "shift-")]
    assert first == second
    assert first == [f"shift-{shift.pk}-{n}@127.0.0.1" for n in range(5)]


def test_it_describes_a_shift_with_summary_location_url_and_notes(client):
    dispute = factories.make_dispute(title="Bin strike", with_shift=True)
    [event] = _events(_calendar(client.get(URL)), "shift-")
    site = dispute.sites.get()
    assert str(event["SUMMARY"]) == "Picket line: Bin strike"
    assert str(event["LOCATION"]) == f"{site.name}, Leeds, GB"
    assert str(event["URL"]) == f"http://testserver{dispute.get_absolute_url()}"
    assert str(event["DESCRIPTION"]) == "Bring a flask"
    assert event["DTSTAMP"].dt.tzinfo is not None


def test_it_writes_a_strike_action_in_its_own_zone(client):
    dispute = factories.make_dispute(title="Rail strike", timezone_name="America/Chicago")
    zone = ZoneInfo("America/Chicago")
    day = timezone.now().astimezone(zone).date() + dt.timedelta(days=10)
    action = services.action_create(
        dispute=dispute,
        starts_at=dt.datetime.combine(day, dt.time(0), zone),
        ends_at=dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), zone),
        timezone="America/Chicago",
        note="All day",
    )
    [event] = _events(_calendar(client.get(URL)), "action-")
    assert str(event["UID"]) == f"action-{action.pk}@127.0.0.1"
    assert event["DTSTART"].params["TZID"] == "America/Chicago"
    assert event.start == dt.datetime.combine(day, dt.time(0), zone)
    assert (event.start.hour, event.start.minute) == (0, 0)
    assert str(event["SUMMARY"]) == "Strike day: Rail strike"
    assert str(event["LOCATION"]) == f"{dispute.sites.get().name}, Leeds, GB"
    assert str(event["DESCRIPTION"]) == "All day"


def test_it_leaves_out_what_is_outside_the_window(client):
    dispute = factories.make_dispute()
    site = dispute.sites.get()
    long_ago = timezone.now() - dt.timedelta(days=90)
    far_ahead = timezone.now() + dt.timedelta(days=800)
    for start in (long_ago, far_ahead):
        services.shift_create(
            site=site, starts_at=start, ends_at=start + dt.timedelta(hours=1), timezone="UTC"
        )
    assert _calendar(client.get(URL)).events == []


def test_it_lists_recent_occurrences_of_a_series_that_began_long_ago(client):
    dispute = factories.make_dispute()
    start = timezone.now().replace(microsecond=0) - dt.timedelta(weeks=20)
    shift = services.shift_create(
        site=dispute.sites.get(),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        timezone="Europe/London",
        recurrence="weekly",
        repeat_until=(timezone.now() + dt.timedelta(weeks=2)).date(),
    )
    events = _events(_calendar(client.get(URL)), f"shift-{shift.pk}-")
    numbers = [int(str(e["UID"]).split("@")[0].rsplit("-", 1)[1]) for e in events]
    assert numbers[0] >= 15  # counted from the series' first week, not the window's
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    assert all(e.end > timezone.now() - dt.timedelta(days=30) for e in events)


def test_it_honours_the_filters(client):
    factories.make_dispute(title="Dockers", with_shift=True, kind="walkout")
    factories.make_dispute(title="Nurses", with_shift=True, kind="strike")
    calendar = _calendar(client.get(URL + "?kind=walkout"))
    assert [str(e["SUMMARY"]) for e in calendar.events] == ["Picket line: Dockers"]


def test_it_gives_one_dispute_its_own_calendar(client):
    dispute = factories.make_dispute(title="Mine", with_shift=True)
    factories.make_dispute(title="Other", with_shift=True)
    url = reverse("feeds:dispute_ics", kwargs={"slug": dispute.slug})
    assert url == f"/disputes/{dispute.slug}.ics"
    calendar = _calendar(client.get(url))
    assert [str(e["SUMMARY"]) for e in calendar.events] == ["Picket line: Mine"]
    assert str(calendar["X-WR-CALNAME"]) == "Mine"


def test_it_answers_404_for_an_unknown_dispute_calendar(client):
    assert client.get("/disputes/no-such-dispute.ics").status_code == 404
