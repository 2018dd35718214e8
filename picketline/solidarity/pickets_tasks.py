"""Background work for picket sign-ups: emails with a calendar invite, and reminders.

Reminders are a task like any other. `picketline send-reminders` (run it from cron, e.g. every
hour) enqueues `picket_reminders_send`, and `picketline worker` runs it; `--now` runs it in
the command itself. Each volunteer is reminded once whichever of these runs, however many at once.
"""

from django.core.mail import EmailMessage
from django.tasks import task


@task(queue_name="email")
def send_email_with_invite(*, subject: str, body: str, to: list[str], ics: str) -> int:
    """Sends one email with a calendar invite attached. Raises on failure so it can be retried."""
    message = EmailMessage(subject=subject, body=body, to=to)
    message.attach("picket.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
    return message.send()


@task()
def picket_reminders_send() -> int:
    """Reminds everyone with an email whose picket starts within the next 36 hours."""
    from picketline.solidarity.pickets_services import reminders_send_due

    return reminders_send_due()
