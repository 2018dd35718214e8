from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections
from django.utils.translation import gettext as _


@contextmanager
def connections_kept():
    """Keeps the database connections open from one task (and one poll) to the next, checked
    before reuse (`conn_health_checks`), and closes them at the end.

    The worker asks the database for work every `--interval` seconds and after every task, and
    closes "old" connections each time as a request would. With the default
    `DATABASE_CONN_MAX_AGE=0` that means a new connection for every poll and every task: on
    PostgreSQL a new server process, on SQLite a checkpoint of the write-ahead log whenever the
    last connection closes. A worker is one long-lived process, so it keeps its own (and a
    connection already open when it starts, as when it runs inside another command).
    """
    kept = {alias: connections[alias].settings_dict.get("CONN_MAX_AGE", 0) for alias in connections}
    for alias in kept:
        connections[alias].settings_dict["CONN_MAX_AGE"] = None
        connections[alias].close_at = None  # one already open is kept as well
    try:
        yield
    finally:
        for alias, max_age in kept.items():
            connections[alias].settings_dict["CONN_MAX_AGE"] = max_age
        connections.close_all()


class Command(BaseCommand):
    help = _("Run a task worker: sends email and does other background work until stopped.")

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help=_("Drain the queue, then exit."))
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument(
            "--no-startup-delay",
            action="store_false",
            dest="startup_delay",
            help=_("Start at once, without the random pause that spreads many workers' polls."),
        )

    def handle(self, *args, batch=False, interval=1.0, startup_delay=True, **options):
        extra = {"batch": True} if batch else {}
        with connections_kept():
            call_command(
                "db_worker",
                queue_name="*",
                interval=interval,
                reload=False,
                startup_delay=startup_delay,
                verbosity=options["verbosity"],
                stdout=self.stdout,
                **extra,
            )
