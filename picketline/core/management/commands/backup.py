"""`picketline backup PATH`: a consistent copy of the database, taken while the site runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from picketline.core.backups import BackupError, database_backup


class Command(BaseCommand):
    help = _(
        "Back up the database to a file: on SQLite a copy made with SQLite's online backup, on "
        "PostgreSQL a pg_dump file in the custom format. The site can keep running meanwhile."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("The file to write (replaced if it exists)."))

    def handle(self, *args, path, **options):
        try:
            kind = database_backup(path=Path(path))
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = Path(path).stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                _("Backed up the %(kind)s database to %(path)s (%(size)s bytes).")
                % {"kind": kind, "path": path, "size": f"{size:,}"}
            )
        )
