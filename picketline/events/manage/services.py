"""Writes from the organisers' pages that are not the event's own (those are in
`events/services.py`) nor an RSVP's (`events/rsvps/services.py`): messaging everyone coming."""

from django.db import transaction

from picketline.core.audit import log_action
from picketline.events.models import Event
from picketline.events.rsvps import notices


@transaction.atomic
def attendees_message_send(
    *, event: Event, user, subject: str, body: str, waiting: bool = False
) -> int:
    """Emails everyone coming (and waiting, when asked), each with their own link; returns how
    many were emailed. The emails go once the audit entry is written."""
    sent = notices.attendees_message(event, subject=subject, body=body, waiting=waiting)
    log_action(event, "event.messaged", user=user, data={"emails": sent})
    return sent
