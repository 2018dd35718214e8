"""The emails an RSVP brings: the confirmation link, the place (with the invite attached),
the waiting list moving up, reminders, changes to the event, and the organisers' messages.
Each is a task enqueued once the change that caused it commits (its payload names the RSVP);
the worker writes the email in the language the person answered in and leaves it in the
outbox (`core.outbox`), which sends it.

Notices are built from the models and the RSVP selectors; the services call them, never the
reverse.
"""

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from picketline.accounts.personal_data import is_erased_address
from picketline.core.counted import enqueues_durably
from picketline.core.outbox import outbox_send
from picketline.events.calendar import event_ics, event_location
from picketline.events.choices import EventStatus, RsvpStatus
from picketline.events.formats import event_when
from picketline.events.models import Event
from picketline.events.rsvps.models import Rsvp
from picketline.events.rsvps.selectors import rsvp_token, waitlist_position


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def rsvp_page_url(rsvp: Rsvp) -> str:
    return _absolute(reverse("events:rsvp", kwargs={"token": rsvp_token(rsvp)}))


def _context(rsvp: Rsvp, **extra) -> dict:
    event = rsvp.event
    return {
        "rsvp": rsvp,
        "event": event,
        "when": event_when(event),
        "where": event_location(event),
        "event_url": _absolute(event.get_absolute_url()),
        "rsvp_url": rsvp_page_url(rsvp),
        "join_url": event.join_url if rsvp.status == RsvpStatus.CONFIRMED else "",
        "position": waitlist_position(rsvp),
        "SITE_NAME": settings.SITE_NAME,
        **extra,
    }


@task(queue_name="email")
def rsvp_email_send(
    *,
    rsvp_id: int,
    status: str,
    subject: str,
    reminded_hours: int | None = None,
    template: str,
    with_invite: bool = False,
    extra: dict | None = None,
) -> int:
    """Writes one RSVP email in the person's language and leaves it in the outbox, which sends
    it; returns how many were written.

    The worker writes it, not the request: an RSVP commits without rendering a template or
    an invitation. The payload names the RSVP, never its address. The email speaks of the
    RSVP as it was when the notice was queued (`status`, `reminded_hours`), with the
    waiting-list position of the moment it is written. An RSVP erased meanwhile gets nothing.
    """
    rsvp = Rsvp.objects.select_related("event").filter(pk=rsvp_id).first()
    if rsvp is None or not rsvp.email or is_erased_address(rsvp.email):
        return 0
    rsvp.status, rsvp.reminded_hours = status, reminded_hours
    with translation.override(rsvp.language or settings.LANGUAGE_CODE):
        context = _context(rsvp, **(extra or {}))
        body = render_to_string(f"events/email/{template}.txt", context)
        ics = event_ics(rsvp.event) if with_invite else ""
    return outbox_send(
        subject=subject % {"title": rsvp.event.title},
        body=body,
        to=[rsvp.email],
        ics=ics,
        ics_name="event.ics",
    )


def durable_after(rsvp: Rsvp) -> bool:
    """Whether queuing this RSVP's email waits for the disk (see core.counted): rsvp_seated
    queues one for every RSVP with an address."""
    return bool(rsvp.email) and enqueues_durably(rsvp_email_send)


def _send(rsvp: Rsvp, *, subject: str, template: str, with_invite: bool = False, **extra):
    """Queues one email to the RSVP's person once the change commits; the worker writes it."""
    if not rsvp.email:
        return
    payload = {
        "rsvp_id": rsvp.pk,
        "status": rsvp.status,
        "reminded_hours": rsvp.reminded_hours,
        "subject": subject,
        "template": template,
        "with_invite": with_invite,
        "extra": extra,
    }
    transaction.on_commit(lambda: rsvp_email_send.enqueue(**payload))


def rsvp_confirm_link(rsvp: Rsvp, raw: str) -> None:
    confirm_url = _absolute(reverse("events:rsvp_confirm", kwargs={"token": raw}))
    with translation.override(rsvp.language or settings.LANGUAGE_CODE):
        subject = _("Confirm your place: %(title)s")
    _send(
        rsvp,
        subject=subject,
        template="confirm_link",
        confirm_url=confirm_url,
        hours=settings.RSVP_CONFIRM_HOURS,
    )


def rsvp_seated(rsvp: Rsvp) -> None:
    with translation.override(rsvp.language or settings.LANGUAGE_CODE):
        if rsvp.status == RsvpStatus.CONFIRMED:
            subject = _("You are coming: %(title)s")
        else:
            subject = _("You are on the waiting list: %(title)s")
    _send(
        rsvp,
        subject=subject,
        template="seated",
        with_invite=rsvp.status == RsvpStatus.CONFIRMED,
    )


def rsvp_place_again(rsvp: Rsvp) -> None:
    """Someone answered again with an address that already has a place: remind its owner."""
    rsvp_seated(rsvp)


def rsvp_promoted(rsvp: Rsvp) -> None:
    with translation.override(rsvp.language or settings.LANGUAGE_CODE):
        subject = _("A place is free, and it is yours: %(title)s")
    _send(rsvp, subject=subject, template="promoted", with_invite=True)


def rsvp_reminder(rsvp: Rsvp) -> None:
    with translation.override(rsvp.language or settings.LANGUAGE_CODE):
        subject = _("Reminder: %(title)s")
    _send(rsvp, subject=subject, template="reminder")


def _changed_labels(changed: list[str]) -> list[str]:
    """What changed, in the reader's words: "the time", "the place"; the status has its own
    sentence."""
    labels = {
        "starts_at": _("the time"),
        "ends_at": _("the time"),
        "timezone": _("the time"),
        "mode": _("how to take part (in person or online)"),
        "venue": _("the place"),
        "address": _("the place"),
    }
    found = [labels[name] for name in changed if name in labels]
    return list(dict.fromkeys(found))


def event_changed(event: Event, *, changed: list[str]) -> int:
    """Tells everyone coming or waiting that the event changed; returns how many were told."""
    rsvps = list(
        Rsvp.objects.filter(
            event=event, status__in=[RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED]
        ).exclude(email="")
    )
    for rsvp in rsvps:
        rsvp.event = event
        with translation.override(rsvp.language or settings.LANGUAGE_CODE):
            if event.status == EventStatus.CANCELLED:
                subject = _("Cancelled: %(title)s")
            elif event.status == EventStatus.POSTPONED:
                subject = _("Postponed: %(title)s")
            else:
                subject = _("Changed: %(title)s")
            labels = _changed_labels(changed)
        _send(
            rsvp,
            subject=subject,
            template="changed",
            with_invite=rsvp.status == RsvpStatus.CONFIRMED,
            changed=changed,
            changed_labels=labels,
        )
    return len(rsvps)


def attendees_message(event: Event, *, subject: str, body: str, waiting: bool) -> int:
    """One email to each person coming (and waiting, when asked), each with their own link."""
    statuses = [RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED] if waiting else [RsvpStatus.CONFIRMED]
    rsvps = list(Rsvp.objects.filter(event=event, status__in=statuses).exclude(email=""))
    for rsvp in rsvps:
        rsvp.event = event
        _send(rsvp, subject=subject.replace("%", "%%"), template="message", message=body)
    return len(rsvps)
