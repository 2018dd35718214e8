"""What ballots register with the shared rooms when the app is ready."""


def register() -> None:
    from picketline.ballots import own_data
    from picketline.ballots.schedule import ballots_due
    from picketline.core.reminders import reminder_task_register

    # The hourly run catches a step a stopped worker missed (see schedule.py).
    reminder_task_register(ballots_due)
    own_data.register()
