from django.tasks import task

from picketline.appeals.services import signatures_unconfirmed_forget


@task()
def unconfirmed_signatures_forget() -> int:
    """Deletes signatures whose link expired unconfirmed (`picketline send-reminders`): an
    address nobody confirmed is not kept."""
    return signatures_unconfirmed_forget()
