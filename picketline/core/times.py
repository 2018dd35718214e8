"""Times on the local clock of a chosen zone, as forms take them: an event's start, a picket
shift, a strike day. Naive input is read on that zone's clock; times the clocks skip are refused."""

import datetime as dt
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
_TIMEZONES: set[str] = set()


def validate_timezone(value: str) -> None:
    if not _TIMEZONES:
        _TIMEZONES.update(available_timezones())
    if value not in _TIMEZONES:
        raise ValidationError(_("%(zone)s is not a time zone name."), params={"zone": value})


TIMEZONE_CHOICES = [(name, name) for name in sorted(available_timezones()) if "/" in name]
TIMEZONE_CHOICES += [("UTC", "UTC")]


class LocalDateTimeField(forms.DateTimeField):
    """A date and time as read off a clock; the form's `timezone` says which clock.

    Kept naive here: the form's `clean` makes it aware in the chosen zone. A value that carries
    its own UTC offset (from the API) is taken as it is.
    """

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL_FORMAT)

    def prepare_value(self, value):
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value
        try:
            result = parse_datetime(str(value).strip())
        except ValueError:
            result = None
        if result is None:
            raise ValidationError(
                _("Enter a date and time such as 2026-03-02T06:00."), code="invalid"
            )
        return result


def localize(value: dt.datetime, zone_name: str) -> dt.datetime:
    """`value` as an aware datetime: naive ones are read on the clock of `zone_name`."""
    if value.tzinfo is not None:
        return value
    zone = ZoneInfo(zone_name)
    aware = value.replace(tzinfo=zone)
    if aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != value:
        raise ValidationError(
            _(
                "%(time)s does not exist in %(zone)s: the clocks go forward then. "
                "Choose a time outside the change."
            ),
            params={"time": formats.date_format(value, "DATETIME_FORMAT"), "zone": zone_name},
            code="nonexistent",
        )
    return aware


def local(value: dt.datetime | None, zone_name: str) -> dt.datetime | None:
    """An aware datetime as the naive time on the zone's clock, for a datetime-local input."""
    if value is None:
        return None
    return value.astimezone(ZoneInfo(zone_name)).replace(tzinfo=None, second=0, microsecond=0)
