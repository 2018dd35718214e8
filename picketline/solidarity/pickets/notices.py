"""Emails to picket volunteers: the confirmation with a calendar invite, and the reminder.

The confirmation is a task enqueued once the sign-up commits, its payload the sign-up's id:
the worker writes it (text and invite) in the language the person signed up in, with the
private link made again from the sign-up's nonce (`selectors.signup_token`), and leaves it in
the outbox (`core.outbox`), which sends it. A sign-up commits without rendering anything. The
reminder is written by the worker that claims it, in the transaction that claims it.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from picketline.accounts.personal_data import is_erased_address
from picketline.core.counted import enqueues_durably
from picketline.core.formats import span_label
from picketline.core.http import site_host
from picketline.core.outbox import outbox_send
from picketline.disputes.models import PicketShift
from picketline.disputes.public import public_location
from picketline.disputes.shifts import ShiftOccurrence
from picketline.solidarity.pickets import selectors
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


@task(queue_name="email")
def signup_confirmation_send(*, signup_id: int) -> int:
    """Writes a sign-up's confirmation, with its cancel link and a calendar invite, and leaves
    it in the outbox, which sends it; returns how many emails were written.

    The payload names the sign-up, never its address. A sign-up erased meanwhile gets nothing.
    """
    signup = ShiftSignup.objects.select_related("shift__site__dispute").filter(pk=signup_id).first()
    if signup is None or not signup.email or is_erased_address(signup.email):
        return 0
    occurrence = selectors.signup_occurrence(signup)
    dispute = occurrence.shift.site.dispute
    with translation.override(signup.language or settings.LANGUAGE_CODE):
        context = _email_context(signup, occurrence, selectors.signup_token(signup))
        subject = _("You are coming to the picket line: %(title)s") % {"title": dispute.title}
        body = render_to_string("solidarity/pickets/email/confirmation.txt", context)
        ics = invite_ics(occurrence=occurrence)
    return outbox_send(
        subject=subject, body=body, to=[signup.email], ics=ics, ics_name="picket.ics"
    )


def durable_after(signup: ShiftSignup) -> bool:
    """Whether queuing this sign-up's confirmation waits for the disk (see core.counted):
    confirmation_queue queues one for every sign-up with an address."""
    return bool(signup.email) and enqueues_durably(signup_confirmation_send)


def confirmation_queue(signup: ShiftSignup) -> None:
    """Queues the sign-up's confirmation once it commits (at once outside a transaction)."""
    if not signup.email:
        return
    signup_id = signup.pk
    transaction.on_commit(lambda: signup_confirmation_send.enqueue(signup_id=signup_id))


def reminder_send(*, signup: ShiftSignup) -> None:
    """Queues the reminder of a sign-up (its shift, site and dispute loaded with it), in the
    language the person signed up in."""
    occurrence = selectors.signup_occurrence(signup)
    with translation.override(signup.language or settings.LANGUAGE_CODE):
        context = _email_context(signup, occurrence, "")
        subject = _("Reminder: picket line for %(title)s") % {
            "title": signup.shift.site.dispute.title
        }
        body = render_to_string("solidarity/pickets/email/reminder.txt", context)
    outbox_send(subject=subject, body=body, to=[signup.email])
