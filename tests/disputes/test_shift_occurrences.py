import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from picketline.disputes.services import shift_create
from picketline.disputes.shifts import shift_occurrences
from tests.factories import make_dispute

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _weekly_shift(start_local, weeks, zone="Europe/London"):
    dispute = make_dispute(timezone_name=zone)
    return shift_create(
        site=dispute.sites.get(),
        starts_at=start_local,
        ends_at=start_local + dt.timedelta(hours=3),
        timezone=zone,
        recurrence="weekly",
        repeat_until=(start_local + dt.timedelta(weeks=weeks - 1)).date(),
    )


def test_it_keeps_the_local_time_across_the_clock_change():
    # 22 March 2026 is GMT; 29 March is BST.
    shift = _weekly_shift(dt.datetime(2026, 3, 22, 6, 0, tzinfo=LONDON), weeks=2)
    first, second = shift_occurrences(shift)
    assert (first.starts_at.hour, second.starts_at.hour) == (6, 6)
    assert first.starts_at.utcoffset() == dt.timedelta(0)
    assert second.starts_at.utcoffset() == dt.timedelta(hours=1)
    assert second.ends_at - second.starts_at == dt.timedelta(hours=3)


def test_it_repeats_weekly_until_the_last_day_inclusive():
    shift = _weekly_shift(dt.datetime(2026, 1, 5, 7, 0, tzinfo=LONDON), weeks=4)
    days = [o.starts_at.date() for o in shift_occurrences(shift)]
    assert days == [dt.date(2026, 1, 5), dt.date(2026, 1, 12), dt.date(2026, 1, 19),
                    dt.date(2026, 1, 26)]  # fmt: skip


def test_it_lists_only_occurrences_in_the_window():
    shift = _weekly_shift(dt.datetime(2026, 1, 5, 7, 0, tzinfo=LONDON), weeks=10)
    after = dt.datetime(2026, 1, 20, tzinfo=dt.UTC)
    before = dt.datetime(2026, 2, 3, tzinfo=dt.UTC)
    days = [o.starts_at.date() for o in shift_occurrences(shift, after=after, before=before)]
    assert days == [dt.date(2026, 1, 26), dt.date(2026, 2, 2)]


def test_a_one_off_shift_occurs_once():
    dispute = make_dispute(with_shift=True)
    shift = dispute.sites.get().shifts.get()
    assert [o.starts_at for o in shift_occurrences(shift)] == [shift.starts_at]


def test_a_long_running_series_still_shows_its_coming_weeks():
    shift = _weekly_shift(dt.datetime(2023, 1, 2, 7, 0, tzinfo=LONDON), weeks=300)
    after = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    upcoming = shift_occurrences(shift, after=after, before=after + dt.timedelta(days=14))
    assert [o.starts_at.date() for o in upcoming] == [dt.date(2026, 6, 1), dt.date(2026, 6, 8)]
    assert all(o.starts_at.hour == 7 for o in upcoming)
