"""Background work for events: the reminders a day and an hour before (see EVENT_REMINDER_HOURS).

`picketline send-reminders` (run it from cron, e.g. hourly) enqueues `event_reminders_send`
and `picketline worker` runs it. Each RSVP is claimed under a row lock with the reminder it
was sent, so overlapping runs never send anyone the same reminder twice.
"""

from django.tasks import task


@task()
def event_reminders_send() -> int:
    """Enqueues the reminder emails that are due; returns how many."""
    from picketline.events.rsvps.services import reminders_send_due

    return reminders_send_due()
