"""The FMCS work stoppages file, imported whole: nothing lost, mostly placed in its town."""

import csv
import io
import os
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from picketline.core.models import AuditEntry
from picketline.disputes.importing import disputes_import_file, mapping_load
from picketline.disputes.models import Dispute, Site, Source


@pytest.fixture(autouse=True)
def _in_english():
    # Messages are compared in English, whatever language an earlier test left active.
    with translation.override("en"):
        yield


# The file ships beside the project (see /work/shared/data/README.md); FMCS_CSV points elsewhere.
FMCS = Path(os.environ.get("FMCS_CSV", "/work/shared/data/fmcs_work_stoppages.csv"))

pytestmark = pytest.mark.skipif(not FMCS.exists(), reason=f"needs the FMCS data at {FMCS}")


def _case_numbers() -> Counter:
    with FMCS.open(newline="", encoding="utf-8") as handle:
        return Counter(row["Case Number"] for row in csv.DictReader(handle))


def _excerpt(tmp_path: Path, lines: list[int]) -> Path:
    """A file with the header and the given lines (numbered as in the whole file)."""
    text = FMCS.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "fmcs_excerpt.csv"
    path.write_text("".join([text[0], *(text[n - 1] for n in lines)]), encoding="utf-8")
    return path


def test_it_stores_every_row_once_and_a_second_run_changes_nothing(gazetteer):
    cases = _case_numbers()

    report = disputes_import_file(path=FMCS, mapping=mapping_load("fmcs"))

    assert report.rows_read == sum(cases.values()) == 14_317
    assert report.rejected == []
    assert report.created + report.updated + report.unchanged == report.rows_read
    assert Dispute.objects.count() == report.rows_read
    # Some cases cover several stoppages; each stoppage is its own dispute, numbered.
    stored = Counter(
        key.removeprefix("fmcs:").split("/")[0]
        for key in Dispute.objects.values_list("source_key", flat=True)
    )
    assert stored == cases
    assert report.precision["city"] >= 0.95 * report.rows_read
    assert sum(report.precision.values()) == report.rows_read
    assert Site.objects.count() == report.rows_read
    assert Source.objects.filter(url="https://github.com/labordata/fmcs-work-stoppage").count() == (
        report.rows_read
    )
    assert AuditEntry.objects.filter(action="dispute.imported").count() == report.rows_read

    again = disputes_import_file(path=FMCS, mapping=mapping_load("fmcs"))

    assert (again.created, again.updated, again.unchanged) == (0, 0, report.rows_read)
    assert Dispute.objects.count() == report.rows_read
    assert not AuditEntry.objects.filter(action="dispute.import_updated").exists()


def test_it_reads_an_fmcs_row_into_a_dispute(gazetteer, tmp_path):
    # Line 2: Interstate Paper Converting Corp, USA 13058, Secaucus NJ, 27 idled, 1984.
    disputes_import_file(path=_excerpt(tmp_path, [2]), mapping=mapping_load("fmcs"))

    dispute = Dispute.objects.get(source_key="fmcs:1984AA00L294")
    site = dispute.sites.get()
    assert dispute.title == "Interstate Paper Converting Corp work stoppage"
    assert [o.name for o in dispute.employers.all()] == ["Interstate Paper Converting Corp"]
    assert [o.name for o in dispute.unions.all()] == ["USA 13058"]
    assert dispute.sector == "manufacturing"
    assert dispute.workers_involved == 27
    assert (str(dispute.start_date), str(dispute.end_date)) == ("1984-02-25", "1984-03-15")
    assert (dispute.status, dispute.outcome, dispute.kind) == ("ended", "unknown", "strike")
    assert (site.city, site.region, site.country, site.precision) == (
        "Secaucus",
        "New Jersey",
        "US",
        "city",
    )
    assert (site.public_latitude, site.public_longitude) == (site.latitude, site.longitude)
    assert dispute.sources.get().kind == "other"
    assert "interstate paper converting corp" in dispute.search_text
    assert "usa 13058" in dispute.search_text


def test_it_numbers_the_stoppages_of_one_case(gazetteer, tmp_path):
    # Lines 11951 and 11952 share case 2004ER000449: two strikes a month apart.
    disputes_import_file(path=_excerpt(tmp_path, [11951, 11952]), mapping=mapping_load("fmcs"))

    first = Dispute.objects.get(source_key="fmcs:2004ER000449")
    second = Dispute.objects.get(source_key="fmcs:2004ER000449/2")
    assert (first.workers_involved, second.workers_involved) == (250, 240)
    assert first.slug != second.slug


def test_it_keeps_a_row_whose_end_is_before_its_start_without_the_end(gazetteer, tmp_path):
    # Line 323: Spang & Co, started 1984-07-16, "ended" 1984-03-11.
    report = disputes_import_file(path=_excerpt(tmp_path, [323]), mapping=mapping_load("fmcs"))

    dispute = Dispute.objects.get(source_key="fmcs:1984DB00J184")
    assert dispute.end_date is None
    assert dispute.status == "ended"
    assert report.warnings[0][0] == 2
    assert "before the start date" in report.warnings[0][1]


def test_its_command_prints_a_summary_and_progress(gazetteer, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    path = _excerpt(tmp_path, list(range(2, 1203)))

    call_command("import_disputes", str(path), "--mapping", "fmcs", stdout=out, stderr=err)

    assert "Read 1201 rows" in out.getvalue()
    assert "Created 1201, updated 0, unchanged 0, rejected 0." in out.getvalue()
    assert "at the town" in out.getvalue()
    assert "1000 rows read" in err.getvalue()
