"""A chapter's regular meeting: the pattern said in words, and the next date on the chapter's
own clock, right across a change to or from summer time."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from picketline.organisations.chapters.meetings import meeting_label, next_meeting

LONDON = ZoneInfo("Europe/London")


def _next(week, weekday, time, now, zone="Europe/London"):
    return next_meeting(week=week, weekday=weekday, time=time, zone_name=zone, now=now)


def test_it_says_the_pattern_in_words():
    label = meeting_label(week="first", weekday=1, time=dt.time(19, 0))
    assert label == "First Tuesday of the month, 19:00"
    assert meeting_label(week="", weekday=None, time=None) == ""
    with translation.override("es"):
        assert "martes" in meeting_label(week="last", weekday=1, time=dt.time(19, 0)).lower()


def test_the_first_tuesday_later_this_month_or_next():
    now = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)  # Monday 2 March
    assert _next("first", 1, dt.time(19), now) == dt.datetime(2026, 3, 3, 19, 0, tzinfo=LONDON)
    after = dt.datetime(2026, 3, 3, 19, 30, tzinfo=dt.UTC)
    assert _next("first", 1, dt.time(19), after) == dt.datetime(2026, 4, 7, 19, 0, tzinfo=LONDON)


def test_it_stays_at_seven_on_the_local_clock_across_the_change_to_summer_time():
    # The clocks go forward on 29 March 2026: March's meeting is at 19:00 GMT, April's 19:00 BST.
    now = dt.datetime(2026, 3, 28, 12, 0, tzinfo=dt.UTC)
    start = _next("last", 5, dt.time(19), now)  # last Saturday: 28 March, before the change
    assert start.utcoffset() == dt.timedelta(0)
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 3, 28, 19, 0, tzinfo=dt.UTC)
    start = _next("every", 6, dt.time(19), now)  # Sunday 29 March, after the change
    assert start.utcoffset() == dt.timedelta(hours=1)
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 3, 29, 18, 0, tzinfo=dt.UTC)
    assert (start.hour, start.minute) == (19, 0)


def test_a_meeting_in_the_skipped_hour_is_at_the_same_time_on_the_clocks_after_it():
    now = dt.datetime(2026, 3, 28, 12, 0, tzinfo=dt.UTC)
    start = _next("last", 6, dt.time(1, 30), now)  # 01:30 on 29 March does not exist in London
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)
    assert (start.hour, start.minute, start.utcoffset()) == (2, 30, dt.timedelta(hours=1))


def test_the_last_week_and_a_meeting_today_not_yet_started():
    zone = "America/New_York"
    now = dt.datetime(2026, 11, 26, 20, 0, tzinfo=dt.UTC)  # Thursday 26 Nov, 15:00 in New York
    start = _next("last", 3, dt.time(18, 30), now, zone)
    assert start == dt.datetime(2026, 11, 26, 18, 30, tzinfo=ZoneInfo(zone))


def test_the_next_year():
    now = dt.datetime(2026, 12, 20, 12, 0, tzinfo=dt.UTC)
    start = _next("second", 0, dt.time(18), now)
    assert start == dt.datetime(2027, 1, 11, 18, 0, tzinfo=LONDON)


@pytest.mark.parametrize("missing", [{"week": ""}, {"weekday": None}, {"time": None}])
def test_no_pattern_no_meeting(missing):
    fields = {"week": "first", "weekday": 1, "time": dt.time(19)} | missing
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert next_meeting(zone_name="UTC", now=now, **fields) is None
