from django.tasks import task

from picketline.membership.dues.services import dues_reminders_send_due


@task()
def dues_reminders_send() -> int:
    """Reminds members in arrears, at most once a period each (`picketline send-reminders`)."""
    return dues_reminders_send_due()
