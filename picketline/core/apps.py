from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(*, using: str = "default", verbosity: int = 1, **kwargs) -> None:
    """`migrate` creates the database cache's table when a cache uses the database.

    After every migrate rather than in a migration: which cache a site uses is chosen by
    CACHE_URL when it runs, and a migration runs once per database, so switching to db://
    later would find no table. createcachetable does nothing when the table exists.
    """
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))


class CoreConfig(AppConfig):
    name = "picketline.core"
    verbose_name = _("Core")

    def ready(self):
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="core.cache_table")
        from picketline.core.versions import release_mark

        post_migrate.connect(release_mark, sender=self, dispatch_uid="core.release_mark")
        from picketline.core import checks  # noqa: F401  (registers the checks)
        from picketline.core.outbox import outbox_drain
        from picketline.core.reminders import reminder_task_register

        # The hourly run also sends what the outbox still holds, should a drain's task be lost.
        reminder_task_register(outbox_drain)
