"""The reminders every app sends on a schedule, gathered in one place for `send-reminders`.

Each app registers its reminder tasks from its AppConfig.ready(); the command (run hourly from
cron) enqueues them all, so core needs to know nothing of pickets, pledges or events. A task
registered here takes no arguments, is safe to run at any time and as often as wanted (it
claims what is due and skips what was already sent), and returns how many it sent.
"""

from django.tasks import Task

_registry: dict[str, Task] = {}


def reminder_task_register(task: Task) -> None:
    """Adds a reminder task; registering the same task again changes nothing."""
    _registry[task.module_path] = task


def reminder_tasks() -> list[Task]:
    """The registered reminder tasks, in the order they were registered."""
    return list(_registry.values())
