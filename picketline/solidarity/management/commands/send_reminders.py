from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from picketline.solidarity.funds_services import pledge_reminders_send
from picketline.solidarity.pickets_tasks import picket_reminders_send


class Command(BaseCommand):
    help = _(
        "Remind picket volunteers whose picket starts within 36 hours, and monthly pledgers "
        "whose month has come round. Run it from cron, e.g. hourly: it enqueues the work for "
        "`picketline worker`, or does it now with --now."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help=_("Send now instead of leaving it to a worker.")
        )

    def handle(self, *args, now=False, **options):
        tasks = (picket_reminders_send, pledge_reminders_send)
        if now:
            count = sum(task.call() for task in tasks)
            self.stdout.write(_("Reminders enqueued: %(count)d") % {"count": count})
        else:
            for task in tasks:
                task.enqueue()
            self.stdout.write(_("Reminders will be sent by the worker."))
