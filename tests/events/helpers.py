"""Events at exact local times, for the public pages' tests."""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from picketline.events.services import event_create

_counter = itertools.count(1)


def event_at(local: dt.datetime, zone: str, *, hours: int = 2, **fields):
    """A published event starting at `local` wall-clock time in `zone`."""
    starts_at = local.replace(tzinfo=ZoneInfo(zone))
    defaults = {
        "title": f"Rally {next(_counter)}",
        "organiser_name": "Strike Support",
        "venue": "Plaza Mayor",
        "locality": "Madrid",
        "country": "ES",
        "latitude": 40.4155,
        "longitude": -3.7074,
    }
    return event_create(
        publish=True,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=hours),
        timezone=zone,
        **{**defaults, **fields},
    )
