from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from picketline.disputes.importing import (
    ImportFailed,
    MappingError,
    disputes_import_file,
    mapping_load,
)
from picketline.disputes.importing.mapping import builtin_mappings
from picketline.disputes.importing.runner import NOT_LOCATED

LISTED = 50  # rejected rows and warnings shown in full


class Command(BaseCommand):
    help = _(
        "Import disputes from a CSV file through a column mapping. Importing the same file "
        "again updates the disputes it created instead of adding them twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("The CSV file to import."))
        parser.add_argument(
            "--mapping",
            required=True,
            help=_(
                "A built-in mapping (%(builtins)s) or the path of a JSON mapping file; "
                "see docs/import-mappings.md."
            )
            % {"builtins": ", ".join(builtin_mappings())},
        )

    def handle(self, *args, file, mapping, **options):
        try:
            chosen = mapping_load(mapping)
            report = disputes_import_file(path=file, mapping=chosen, progress=self._progress)
        except (MappingError, ImportFailed) as error:
            raise CommandError(str(error)) from None
        write = self.stdout.write
        write(
            _("Read %(rows)d rows from %(file)s with the mapping “%(mapping)s” in %(seconds).1f s.")
            % {
                "rows": report.rows_read,
                "file": report.path,
                "mapping": report.mapping,
                "seconds": report.seconds,
            }
        )
        write(
            self.style.SUCCESS(
                _(
                    "Created %(created)d, updated %(updated)d, unchanged %(unchanged)d, "
                    "rejected %(rejected)d."
                )
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "rejected": len(report.rejected),
                }
            )
        )
        precision = report.precision
        write(
            _(
                "Located: %(exact)d exact, %(city)d at the town, %(region)d at the region, "
                "%(country)d at the country, %(none)d not on the map."
            )
            % {
                "exact": precision["exact"],
                "city": precision["city"],
                "region": precision["region"],
                "country": precision["country"],
                "none": precision[NOT_LOCATED],
            }
        )
        self._list(
            _("Rejected rows (nothing was stored for them):"),
            report.rejected,
            style=self.style.ERROR,
        )
        self._list(_("Warnings (the rows were stored):"), report.warnings, style=self.style.WARNING)

    def _list(self, heading: str, items: list[tuple[int, str]], *, style) -> None:
        if not items:
            return
        self.stdout.write(style(heading))
        for line, message in items[:LISTED]:
            self.stdout.write(
                _("  line %(line)d: %(message)s") % {"line": line, "message": message}
            )
        if len(items) > LISTED:
            self.stdout.write(_("  … and %(count)d more.") % {"count": len(items) - LISTED})

    def _progress(self, rows: int) -> None:
        self.stderr.write(_("%(rows)d rows read…") % {"rows": rows})
