from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from picketline.core.reminders import reminder_tasks


class Command(BaseCommand):
    help = _(
        "Send the reminders that are due: picket volunteers, monthly pledgers, people coming "
        "to events. Run it from cron, e.g. hourly: it enqueues the work for `picketline "
        "worker`, or does it now with --now."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help=_("Send now instead of leaving it to a worker.")
        )

    def handle(self, *args, now=False, **options):
        tasks = reminder_tasks()
        if not now:
            for task in tasks:
                task.enqueue()
            self.stdout.write(_("Reminders will be sent by the worker."))
            return
        total = 0
        for task in tasks:
            count = task.call() or 0
            total += count
            self.stdout.write(
                _("%(name)s: %(count)d reminders") % {"name": task.name, "count": count}
            )
        self.stdout.write(_("Reminders enqueued: %(count)d") % {"count": total})
