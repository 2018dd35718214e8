"""What charters register with the rooms below them: the moderation queue's handler for
organisations' endorsements, the personal data endorsements keep, and the hourly task that
forgets endorsements nobody confirmed."""


def register() -> None:
    from picketline.charters import own_data
    from picketline.charters.moderation import EndorsementHandler
    from picketline.charters.tasks import unconfirmed_endorsements_forget
    from picketline.core.reminders import reminder_task_register
    from picketline.moderation.registry import moderation_register

    moderation_register(EndorsementHandler())
    own_data.register()
    reminder_task_register(unconfirmed_endorsements_forget)
