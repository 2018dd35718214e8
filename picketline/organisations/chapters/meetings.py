"""A chapter's regular meeting: "first Tuesday of the month at 19:00" on the chapter's own
clock, said in the reader's language, and the next date it falls on.

The time is a wall-clock time in the chapter's zone, so a 19:00 meeting stays at 19:00 across
a change to or from summer time: the next meeting is found as a local date and time first and
only then given its offset. A time the clocks skip that day (02:30 when they go forward at
02:00) is taken as the same instant one hour later, as people's clocks show it.
"""

import calendar
import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import gettext as _

from picketline.organisations.chapters.models import MeetingWeek, Weekday

# How many months ahead the next meeting is looked for: every pattern falls in each month.
_MONTHS_AHEAD = 2


def _weekday_dates(year: int, month: int, weekday: int) -> list[dt.date]:
    days = calendar.monthrange(year, month)[1]
    return [
        dt.date(year, month, day)
        for day in range(1, days + 1)
        if dt.date(year, month, day).weekday() == weekday
    ]


def _dates_in_month(year: int, month: int, week: str, weekday: int) -> list[dt.date]:
    dates = _weekday_dates(year, month, weekday)
    if week == MeetingWeek.EVERY:
        return dates
    if week == MeetingWeek.LAST:
        return dates[-1:]
    index = {
        MeetingWeek.FIRST: 0,
        MeetingWeek.SECOND: 1,
        MeetingWeek.THIRD: 2,
        MeetingWeek.FOURTH: 3,
    }[week]
    return dates[index : index + 1]


def wall_clock(day: dt.date, time: dt.time, zone: ZoneInfo) -> dt.datetime:
    """`time` on `day` on the zone's clock, as an aware datetime. In a gap the clocks skip,
    the instant the clocks show that time after the change; in an hour that happens twice,
    the first."""
    # fold=0 reads a skipped time with the offset from before the change (landing as far past
    # the gap), and a repeated time as its first occurrence; the round trip through UTC
    # gives the offset the clocks really show then.
    return dt.datetime.combine(day, time, tzinfo=zone).astimezone(dt.UTC).astimezone(zone)


def next_meeting(
    *, week: str, weekday: int | None, time: dt.time | None, zone_name: str, now: dt.datetime
) -> dt.datetime | None:
    """The next meeting after `now` (aware), in the chapter's zone; None without a pattern."""
    if not week or weekday is None or time is None:
        return None
    zone = ZoneInfo(zone_name)
    today = now.astimezone(zone).date()
    year, month = today.year, today.month
    for _step in range(_MONTHS_AHEAD + 1):
        for day in _dates_in_month(year, month, week, weekday):
            if day < today:
                continue
            start = wall_clock(day, time, zone)
            if start > now:
                return start
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return None


def meeting_label(*, week: str, weekday: int | None, time: dt.time | None) -> str:
    """ "First Tuesday of the month, 19:00" in the reader's language; "" without a pattern."""
    if not week or weekday is None or time is None:
        return ""
    values = {"weekday": Weekday(weekday).label, "time": formats.time_format(time, "TIME_FORMAT")}
    patterns = {
        MeetingWeek.EVERY: _("Every %(weekday)s, %(time)s"),
        MeetingWeek.FIRST: _("First %(weekday)s of the month, %(time)s"),
        MeetingWeek.SECOND: _("Second %(weekday)s of the month, %(time)s"),
        MeetingWeek.THIRD: _("Third %(weekday)s of the month, %(time)s"),
        MeetingWeek.FOURTH: _("Fourth %(weekday)s of the month, %(time)s"),
        MeetingWeek.LAST: _("Last %(weekday)s of the month, %(time)s"),
    }
    return patterns[week] % values


def next_meeting_label(start: dt.datetime, zone_name: str) -> str:
    """ "Tuesday 3 March 2026, 19:00 (Europe/London)": on the chapter's clock, naming it."""
    local = start.astimezone(ZoneInfo(zone_name))
    return _("%(weekday)s %(date)s, %(time)s (%(zone)s)") % {
        "weekday": formats.date_format(local, "l"),
        "date": formats.date_format(local, "DATE_FORMAT"),
        "time": formats.time_format(local, "TIME_FORMAT"),
        "zone": zone_name,
    }
