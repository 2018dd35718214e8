"""`picketline backup` and `picketline restore` on SQLite: the online backup API, both ways."""

import sqlite3

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from picketline.core import backups
from picketline.disputes.models import Dispute
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite backups: the suite runs on PostgreSQL (see test_backup_postgres.py)")


def test_it_writes_a_sqlite_database_file(tmp_path):
    factories.make_dispute(title="Leeds bin workers' strike")
    target = tmp_path / "picketline.backup"

    call_command("backup", str(target))

    assert target.read_bytes().startswith(b"SQLite format 3\x00")
    copy = sqlite3.connect(target)
    titles = [row[0] for row in copy.execute("SELECT title FROM disputes_dispute")]
    copy.close()
    assert titles == ["Leeds bin workers' strike"]


def test_it_restores_what_was_there_when_the_backup_was_taken(tmp_path):
    kept = factories.make_dispute(title="Leeds bin workers' strike")
    target = tmp_path / "picketline.backup"
    call_command("backup", str(target))
    Dispute.objects.all().delete()
    factories.make_dispute(title="Added after the backup")

    call_command("restore", str(target), interactive=False)

    assert list(Dispute.objects.values_list("pk", "title")) == [
        (kept.pk, "Leeds bin workers' strike")
    ]


def test_it_replaces_an_existing_backup_file(tmp_path):
    target = tmp_path / "picketline.backup"
    target.write_bytes(b"an older backup")

    call_command("backup", str(target))

    assert backups.backup_kind(target) == "sqlite"
    assert [p.name for p in tmp_path.iterdir()] == ["picketline.backup"]


def test_it_refuses_a_folder_that_does_not_exist(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", str(tmp_path / "nowhere" / "picketline.backup"))


def test_it_refuses_to_restore_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="There is no file at"):
        call_command("restore", str(tmp_path / "missing.backup"), interactive=False)


def test_it_refuses_a_file_that_is_not_a_backup(tmp_path):
    factories.make_dispute(title="Still here")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")

    with pytest.raises(CommandError, match="not a Picketline backup"):
        call_command("restore", str(notes), interactive=False)

    assert Dispute.objects.filter(title="Still here").exists()


def test_it_refuses_a_postgresql_backup_on_sqlite(tmp_path):
    dump = tmp_path / "picketline.dump"
    dump.write_bytes(b"PGDMP\x01\x0f\x00" + b"\x00" * 64)

    with pytest.raises(CommandError, match="is a PostgreSQL backup"):
        call_command("restore", str(dump), interactive=False)


def test_it_refuses_a_sqlite_database_that_is_not_picketline(tmp_path):
    other = tmp_path / "other.sqlite3"
    database = sqlite3.connect(other)
    database.execute("CREATE TABLE notes (text TEXT)")
    database.commit()
    database.close()

    with pytest.raises(CommandError, match="not one of Picketline's"):
        call_command("restore", str(other), interactive=False)


def test_it_restores_nothing_unless_the_answer_is_yes(tmp_path, monkeypatch):
    target = tmp_path / "picketline.backup"
    call_command("backup", str(target))
    factories.make_dispute(title="Added after the backup")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore", str(target))

    assert Dispute.objects.filter(title="Added after the backup").exists()


def test_it_says_how_to_install_pg_dump_when_it_is_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(backups.BackupError, match=r"pg_dump was not found.*postgresql-client"):
        backups._pg_tool("pg_dump")
