from django.tasks import task

from picketline.charters.services import endorsements_unconfirmed_forget


@task()
def unconfirmed_endorsements_forget() -> int:
    """Deletes people's endorsements whose link expired unconfirmed (`picketline
    send-reminders`): an address nobody confirmed is not kept."""
    return endorsements_unconfirmed_forget()
