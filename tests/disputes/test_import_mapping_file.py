"""Importing through a JSON mapping file: the documented example, bad rows, bad mappings."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from picketline.core.models import AuditEntry
from picketline.disputes.models import Dispute
from picketline.organisations.models import Organisation
from picketline.places.services import gazetteer_clear


@pytest.fixture(autouse=True)
def _in_english():
    # Messages are compared in English, whatever language an earlier test left active.
    with translation.override("en"):
        yield


EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-mapping.json"

HEADER = [
    "Ref", "Title", "Employer", "Unions", "Town", "Country", "Lat", "Lon", "Began", "Ended",
    "Workers", "Industry", "Action", "Status", "Result", "Link", "Notes",
]  # fmt: skip
GOOD = [
    # line 2: a title from the template, two unions in one cell, a town to look up
    ["A1", "", "Leeds City Council", "Unite; GMB", "Leeds", "United Kingdom", "", "",
     "01/03/2024", "", "300", "Bins", "all-out", "live", "", "https://example.org/a1", ""],
    # line 3: exact coordinates, an end date, a walk-out that was won
    ["A2", "Tram drivers' walk-out", "Metrolink", "ASLEF", "Manchester", "GB", "53.4794",
     "-2.2453", "2024-03-05", "2024-03-10", "1,200", "Rail", "walk-out", "", "won", "", ""],
]  # fmt: skip
BAD = [
    # line 4: neither employer nor title
    ["B1", "", "", "Unite", "Leeds", "GB", "", "", "01/03/2024", "", "10", "", "", "", "", "",
     ""],
    # line 5: no such date
    ["B2", "", "Bad Date Ltd", "Unite", "Leeds", "GB", "", "", "31/02/2024", "", "10", "", "",
     "", "", "", ""],
    # line 6: ends before it starts
    ["B3", "", "Backwards Ltd", "Unite", "Leeds", "GB", "", "", "10/03/2024", "01/03/2024",
     "10", "", "", "", "", "", ""],
    # line 7: fewer than no workers
    ["B4", "", "Negative Ltd", "Unite", "Leeds", "GB", "", "", "01/03/2024", "", "-5", "", "",
     "", "", "", ""],
    # line 8: the key of line 2 again
    ["A1", "", "Twice Ltd", "Unite", "Leeds", "GB", "", "", "01/03/2024", "", "10", "", "", "",
     "", "", ""],
]  # fmt: skip
LOST = [
    # line 9: a town nobody has heard of, an industry the mapping does not know
    ["C1", "", "Nowhere Ltd", "", "Xyzzyqwv", "", "", "", "01/03/2024", "", "", "Widgets", "",
     "", "", "", ""],
]  # fmt: skip


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _import(path: Path, mapping: Path | str = EXAMPLE) -> str:
    out = io.StringIO()
    call_command("import_disputes", str(path), "--mapping", str(mapping), stdout=out,
                 stderr=io.StringIO())  # fmt: skip
    return out.getvalue()


def test_it_imports_the_good_rows_and_rejects_the_bad_with_their_lines(gazetteer, tmp_path):
    output = _import(_csv(tmp_path / "strikes.csv", GOOD + BAD + LOST))

    assert "Read 8 rows" in output
    assert "Created 3, updated 0, unchanged 0, rejected 5." in output
    assert "line 4: It has neither an employer nor a title." in output
    assert "line 5: Its start date “31/02/2024” is not a date" in output
    assert "line 6: The end date 2024-03-01 is before the start date 2024-03-10." in output
    assert "line 7: Its number of workers “-5” is negative." in output
    assert "line 8: Its identifier uk-list:A1 was already used on line 2." in output
    assert sorted(Dispute.objects.values_list("source_key", flat=True)) == [
        "uk-list:A1",
        "uk-list:A2",
        "uk-list:C1",
    ]
    # Nothing of a rejected row was stored, not even its employer.
    names = set(Organisation.objects.values_list("name", flat=True))
    assert not names & {"Bad Date Ltd", "Backwards Ltd", "Negative Ltd", "Twice Ltd"}


def test_it_maps_columns_to_fields(gazetteer, tmp_path):
    _import(_csv(tmp_path / "strikes.csv", GOOD))

    leeds = Dispute.objects.get(source_key="uk-list:A1")
    site = leeds.sites.get()
    assert leeds.title == "Leeds City Council strike"
    assert sorted(o.name for o in leeds.unions.all()) == ["GMB", "Unite"]
    assert leeds.unions.get(name="GMB").country == "GB"
    assert (leeds.sector, leeds.kind, leeds.status) == ("public_administration", "strike", "active")
    assert (leeds.workers_involved, leeds.verification) == (300, "press")
    assert (site.city, site.region, site.precision, site.timezone) == (
        "Leeds", "England", "city", "Europe/London",
    )  # fmt: skip
    assert leeds.sources.get().url == "https://example.org/a1"

    trams = Dispute.objects.get(source_key="uk-list:A2")
    site = trams.sites.get()
    assert trams.title == "Tram drivers' walk-out"
    assert (trams.kind, trams.status, trams.outcome) == ("walkout", "ended", "won")
    assert trams.workers_involved == 1200
    assert (site.latitude, site.longitude, site.precision) == (53.4794, -2.2453, "exact")
    assert not trams.sources.exists()


def test_it_stores_a_row_it_cannot_place_at_its_country_with_warnings(gazetteer, tmp_path):
    output = _import(_csv(tmp_path / "strikes.csv", LOST))

    dispute = Dispute.objects.get(source_key="uk-list:C1")
    site = dispute.sites.get()
    assert (site.precision, site.country, site.city) == ("country", "GB", "Xyzzyqwv")
    assert dispute.sector == ""
    assert "line 2: The sector “Widgets” is not in the mapping" in output
    assert "1 at the country" in output


def test_it_updates_what_changed_on_a_second_run(gazetteer, tmp_path):
    path = _csv(tmp_path / "strikes.csv", GOOD)
    _import(path)
    changed = [list(row) for row in GOOD]
    changed[0][10] = "350"

    output = _import(_csv(path, changed))

    assert "Created 0, updated 1, unchanged 1, rejected 0." in output
    dispute = Dispute.objects.get(source_key="uk-list:A1")
    assert dispute.workers_involved == 350
    entry = AuditEntry.objects.get(action="dispute.import_updated")
    assert entry.object_id == str(dispute.pk)
    assert entry.data["changes"] == {"workers_involved": [300, 350]}
    assert entry.data["import"]["line"] == 2
    assert Dispute.objects.count() == 2


def test_it_says_which_file_is_missing(gazetteer, tmp_path):
    with pytest.raises(CommandError, match=r"Cannot open .*nowhere\.csv"):
        _import(tmp_path / "nowhere.csv")


def _mapping(tmp_path: Path, data) -> Path:
    path = tmp_path / "mapping.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ('{"source_key": "Ref",', "is not valid JSON \\(line 1"),
        ([], "must be a JSON object"),
        ({"title": "Title"}, "needs “source_key”"),
        ({"source_key": "Ref", "titel": "Title"}, "unknown keys: titel"),
        ({"source_key": "Ref", "status": {"default": "striking"}}, "“striking” is not one of"),
        ({"source_key": "Ref", "date_formats": ["dd/mm/yyyy"]}, "“date_formats” must list"),
        ({"source_key": "Ref", "employers": "Boss"}, "does not have: Boss"),
        ({"source_key": {"column": "Ref", "duplicates": "merge"}}, "“source_key.duplicates”"),
    ],
)
def test_it_explains_what_is_wrong_with_a_mapping(gazetteer, tmp_path, mapping, message):
    path = _csv(tmp_path / "strikes.csv", GOOD)

    with pytest.raises(CommandError, match=message):
        _import(path, _mapping(tmp_path, mapping))
    assert not Dispute.objects.exists()


def test_it_names_the_built_in_mappings_when_one_is_unknown(gazetteer, tmp_path):
    with pytest.raises(CommandError, match=r"no mapping called “fmsc”.*\(fmcs\)"):
        _import(_csv(tmp_path / "strikes.csv", GOOD), "fmsc")


def test_it_asks_for_the_places_first_when_none_are_loaded(db, tmp_path):
    gazetteer_clear()

    with pytest.raises(CommandError, match="picketline load-places"):
        _import(_csv(tmp_path / "strikes.csv", GOOD))
