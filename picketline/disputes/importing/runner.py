"""Importing a CSV file: read it through a mapping, write it in batches, report."""

import csv
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from picketline.disputes.importing.mapping import Mapping
from picketline.disputes.importing.rows import ImportRow, RowReader, RowRejected
from picketline.disputes.importing.services import (
    CREATED,
    UNCHANGED,
    UPDATED,
    ImportContext,
    dispute_import_batch,
)
from picketline.places.services import gazetteer_is_loaded

BATCH_SIZE = 500
PROGRESS_EVERY = 1000
NOT_LOCATED = "none"


class ImportFailed(Exception):
    """The file cannot be imported at all (unreadable, columns missing, places not loaded)."""


@dataclass
class ImportReport:
    mapping: str
    path: str
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    precision: Counter = field(default_factory=Counter)  # precision (or "none") → rows
    seconds: float = 0.0


def _rows(path: Path, mapping: Mapping) -> Iterator[tuple[int, dict[str, str]]]:
    """(line where the row starts, row) for every row; checks the header first."""
    try:
        handle = path.open(newline="", encoding=mapping.encoding)
    except OSError as error:
        raise ImportFailed(
            _("Cannot open %(path)s: %(error)s") % {"path": path, "error": error.strerror}
        ) from None
    with handle:
        reader = csv.DictReader(handle, delimiter=mapping.delimiter)
        try:
            header = reader.fieldnames
            if not header:
                raise ImportFailed(_("%(path)s is empty.") % {"path": path})
            missing = sorted(mapping.columns() - set(header))
            if missing:
                raise ImportFailed(
                    _(
                        "The mapping “%(mapping)s” reads columns that %(path)s does not have: "
                        "%(missing)s. Its columns are: %(columns)s."
                    )
                    % {
                        "mapping": mapping.name,
                        "path": path.name,
                        "missing": ", ".join(missing),
                        "columns": ", ".join(header),
                    }
                )
            line = reader.line_num + 1
            for row in reader:
                yield line, row
                line = reader.line_num + 1
        except UnicodeDecodeError:
            raise ImportFailed(
                _(
                    "%(path)s is not %(encoding)s text; set “encoding” in the mapping to the "
                    "file's encoding."
                )
                % {"path": path, "encoding": mapping.encoding}
            ) from None
        except csv.Error as error:
            raise ImportFailed(
                _("%(path)s is not a readable CSV file (line %(line)d: %(error)s).")
                % {"path": path, "line": reader.line_num, "error": error}
            ) from None


def disputes_import_file(
    *,
    path: str | Path,
    mapping: Mapping,
    progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportReport:
    """Import every row of a CSV file; rows already imported (same key) are updated.

    A rejected row stores nothing; a row whose place is not found is still stored, at the
    region's or the country's centre. Each batch is one transaction.
    """
    started = time.perf_counter()
    path = Path(path)
    reads_places = bool({"location", "city", "region", "country"} & set(mapping.values))
    if reads_places and not gazetteer_is_loaded():
        raise ImportFailed(
            _(
                "Places are not loaded, so no row could be put on the map: "
                "run `picketline load-places` first."
            )
        )
    report = ImportReport(mapping=mapping.name, path=str(path))
    reader = RowReader(mapping)
    context = ImportContext(mapping=mapping.name, file=path.name)
    batch: list[ImportRow] = []

    def write() -> None:
        outcomes = dispute_import_batch(rows=batch, context=context)
        report.created += outcomes.count(CREATED)
        report.updated += outcomes.count(UPDATED)
        report.unchanged += outcomes.count(UNCHANGED)
        batch.clear()

    for line, row in _rows(path, mapping):
        report.rows_read += 1
        try:
            parsed = reader.read(row, line=line)
        except RowRejected as reason:
            report.rejected.append((line, str(reason)))
        else:
            report.warnings.extend((line, warning) for warning in parsed.warnings)
            report.precision[parsed.precision or NOT_LOCATED] += 1
            batch.append(parsed)
            if len(batch) >= batch_size:
                write()
        if progress is not None and report.rows_read % PROGRESS_EVERY == 0:
            progress(report.rows_read)
    if batch:
        write()
    report.seconds = time.perf_counter() - started
    return report
