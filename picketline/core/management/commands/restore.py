"""`picketline restore PATH`: put a backup made by `picketline backup` back in place."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from picketline.core.backups import BackupError, database_restore


class Command(BaseCommand):
    help = _(
        "Replace everything in the database with a backup made by `picketline backup`. Stop "
        "the web server and the workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("The backup file to restore."))
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help=_("Do not ask for confirmation."),
        )

    def handle(self, *args, path, interactive, **options):
        if not Path(path).is_file():
            raise CommandError(_("There is no file at %(path)s.") % {"path": path})
        if interactive:
            answer = input(
                _(
                    "This replaces everything in the database %(name)s with the backup "
                    "%(path)s. Type 'yes' to go on: "
                )
                % {"name": connection.settings_dict["NAME"], "path": path}
            )
            if answer.strip().lower() != "yes":
                raise CommandError(_("Nothing was restored."))
        try:
            kind = database_restore(path=Path(path))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Restored the %(kind)s database from %(path)s.") % {"kind": kind, "path": path}
            )
        )
