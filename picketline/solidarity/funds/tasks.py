"""Background work for strike funds: the monthly reminder to pledgers.

`picketline send-reminders` (run it from cron) enqueues `pledge_reminders_send`, and
`picketline worker` runs it. Each pledger is reminded once a month however many runs overlap.
"""

from django.tasks import task

from picketline.solidarity.funds.services import pledge_reminders_send_due


@task(queue_name="email")
def pledge_reminders_send() -> int:
    """Emails each monthly pledger who is due a reminder; returns how many were sent."""
    return pledge_reminders_send_due()
