"""CSV import of disputes through column mappings (`picketline import-disputes`).

mapping.py reads and checks a mapping, rows.py turns one row into checked values and a place,
services.py writes batches of rows, and runner.py ties them together for one file.
"""

from picketline.disputes.importing.mapping import Mapping, MappingError, mapping_load
from picketline.disputes.importing.runner import ImportFailed, ImportReport, disputes_import_file

__all__ = [
    "ImportFailed",
    "ImportReport",
    "Mapping",
    "MappingError",
    "disputes_import_file",
    "mapping_load",
]
