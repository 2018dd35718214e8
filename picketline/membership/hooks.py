"""What membership registers with the rooms below it: who must use two factors, and the
arrears reminders `picketline send-reminders` runs."""

from picketline.accounts.two_factor import personal_data_holder_register
from picketline.core.reminders import reminder_task_register


def register() -> None:
    from picketline.membership.dues.tasks import dues_reminders_send

    # Chapter organisers see their chapter's roster; treasurers see members' names and dues.
    personal_data_holder_register(
        "chapter-organisers", lambda user: user.organised_chapters.exists()
    )
    personal_data_holder_register("treasurers", lambda user: user.treasurer_of.exists())
    reminder_task_register(dues_reminders_send)
