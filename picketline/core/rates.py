"""Rates such as "10/hour", read by the settings at start-up and by the rate limiter.

Nothing here imports Django's settings, so the settings module itself can use it.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour|day)\s*$")


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int


def parse_rate(text: str, *, setting: str = "rate") -> Rate:
    """Reads "N/period"; a value it cannot read is an error naming `setting`."""
    match = _RATE.match(text or "")
    if not match:
        raise ImproperlyConfigured(
            f"{setting} must look like 10/hour (per second, minute, hour or day), not {text!r}"
        )
    return Rate(limit=int(match[1]), seconds=_PERIODS[match[2]])
