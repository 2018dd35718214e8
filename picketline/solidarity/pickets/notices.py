"""Emails to picket volunteers: the confirmation with a calendar invite, and the reminder.

Each is written to the outbox (`core.outbox`) in the transaction that stores the sign-up (or
claims its reminder), so a rolled-back sign-up sends nothing and a mail server that is down
loses nothing.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from picketline.core.formats import span_label
from picketline.core.http import site_host
from picketline.core.outbox import outbox_send
from picketline.disputes.models import PicketShift
from picketline.disputes.public import public_location
from picketline.disputes.shifts import ShiftOccurrence
from picketline.solidarity.pickets.models import ShiftSignup


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _occurrence_number(shift: PicketShift, starts_at: dt.datetime) -> int:
    zone = ZoneInfo(shift.timezone)
    first_day = shift.starts_at.astimezone(zone).date()
    return (starts_at.astimezone(zone).date() - first_day).days // 7


def invite_ics(*, occurrence: ShiftOccurrence) -> str:
    """One occurrence as an iCalendar event in the shift's own zone, with its VTIMEZONE.

    The UID is the one the dispute's calendar feed gives this occurrence, so a calendar that
    follows the feed too shows it once.
    """
    shift = occurrence.shift
    dispute = shift.site.dispute
    host = site_host()
    calendar = Calendar.new(
        prodid=f"-//{settings.SITE_NAME}//Pickets//EN",
        name=dispute.title,
        method="PUBLISH",
    )
    calendar.add_component(
        Event.new(
            uid=f"shift-{shift.pk}-{_occurrence_number(shift, occurrence.starts_at)}@{host}",
            stamp=timezone.now(),
            start=occurrence.starts_at,
            end=occurrence.ends_at,
            summary=_("Picket line: %(title)s") % {"title": dispute.title},
            location=public_location(shift.site, sensitive=dispute.sensitive) or None,
            url=_absolute(dispute.get_absolute_url()),
            description=shift.notes or None,
        )
    )
    year = occurrence.starts_at.year
    calendar.add_missing_timezones(
        first_date=dt.date(year - 1, 1, 1), last_date=dt.date(year + 1, 12, 31)
    )
    return calendar.to_ical().decode()


def _email_context(signup: ShiftSignup, occurrence: ShiftOccurrence, raw_token: str) -> dict:
    shift = occurrence.shift
    dispute = shift.site.dispute
    return {
        "signup": signup,
        "dispute": dispute,
        "when": span_label(occurrence.starts_at, occurrence.ends_at, shift.timezone),
        "where": public_location(shift.site, sensitive=dispute.sensitive),
        "notes": shift.notes,
        "dispute_url": _absolute(dispute.get_absolute_url()),
        "cancel_url": _absolute(reverse("solidarity:picket_cancel", kwargs={"token": raw_token}))
        if raw_token
        else "",
        "SITE_NAME": settings.SITE_NAME,
    }


def confirmation_send(*, signup: ShiftSignup, occurrence: ShiftOccurrence, raw_token: str) -> None:
    """Queues the sign-up's confirmation, with its cancel link and a calendar invite."""
    dispute = occurrence.shift.site.dispute
    context = _email_context(signup, occurrence, raw_token)
    subject = _("You are coming to the picket line: %(title)s") % {"title": dispute.title}
    body = render_to_string("solidarity/pickets/email/confirmation.txt", context)
    ics = invite_ics(occurrence=occurrence)
    outbox_send(subject=subject, body=body, to=[signup.email], ics=ics, ics_name="picket.ics")


def reminder_send(*, signup: ShiftSignup) -> None:
    """Queues the reminder of a sign-up (its shift, site and dispute loaded with it)."""
    shift = signup.shift
    occurrence = ShiftOccurrence(
        shift=shift,
        starts_at=signup.occurrence_starts_at,
        ends_at=signup.occurrence_starts_at + (shift.ends_at - shift.starts_at),
    )
    context = _email_context(signup, occurrence, "")
    subject = _("Reminder: picket line for %(title)s") % {"title": shift.site.dispute.title}
    body = render_to_string("solidarity/pickets/email/reminder.txt", context)
    outbox_send(subject=subject, body=body, to=[signup.email])
