"""Background work for picket sign-ups: reminders.

Reminders are a task like any other. `picketline send-reminders` (run it from cron, e.g. every
hour) enqueues `picket_reminders_send`, and `picketline worker` runs it; `--now` runs it in
the command itself. Each volunteer is reminded once whichever of these runs, however many at once.
The confirmation email with its calendar invite is queued by `pickets.notices`.
"""

from django.tasks import task

from picketline.solidarity.pickets.services import reminders_send_due


@task()
def picket_reminders_send() -> int:
    """Reminds everyone with an email whose picket starts within the next 36 hours."""
    return reminders_send_due()
