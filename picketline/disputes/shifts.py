"""Picket shifts as people see them: weekly repeats expanded in the shift's own time zone."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from picketline.disputes.choices import Recurrence
from picketline.disputes.models import PicketShift

# A listing or calendar shows at most this many occurrences of one weekly shift.
MAX_OCCURRENCES = 104


@dataclass(frozen=True)
class ShiftOccurrence:
    shift: PicketShift
    starts_at: dt.datetime  # aware, in the shift's zone
    ends_at: dt.datetime

    @property
    def zone(self) -> str:
        return self.shift.timezone


def shift_occurrences(
    shift: PicketShift,
    *,
    after: dt.datetime | None = None,
    before: dt.datetime | None = None,
) -> list[ShiftOccurrence]:
    """Every occurrence ending after `after` and starting before `before`.

    Repeats keep the local wall-clock time across daylight-saving changes: a 06:00 picket is at
    06:00 on both sides of the change, as the people standing there expect.
    """
    zone = ZoneInfo(shift.timezone)
    local_start = shift.starts_at.astimezone(zone).replace(tzinfo=None)
    duration = shift.ends_at - shift.starts_at
    if shift.recurrence == Recurrence.WEEKLY and shift.repeat_until:
        total = (shift.repeat_until - local_start.date()).days // 7 + 1
    else:
        total = 1
    # Skip the weeks that ended before the window, so a long series still shows its future.
    first = 0
    if after is not None and total > 1:
        elapsed = after.astimezone(zone).replace(tzinfo=None) - local_start - duration
        first = max(0, elapsed.days // 7)
    occurrences = []
    for week in range(first, min(total, first + MAX_OCCURRENCES)):
        start = (local_start + dt.timedelta(weeks=week)).replace(tzinfo=zone)
        end = (start.astimezone(dt.UTC) + duration).astimezone(zone)
        if after is not None and end <= after:
            continue
        if before is not None and start >= before:
            break
        occurrences.append(ShiftOccurrence(shift=shift, starts_at=start, ends_at=end))
    return occurrences
