from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _("Run a task worker: sends email and does other background work until stopped.")

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help=_("Drain the queue, then exit."))
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args, batch=False, interval=1.0, **options):
        extra = {"batch": True} if batch else {}
        call_command("db_worker", queue_name="*", interval=interval, reload=False, **extra)
