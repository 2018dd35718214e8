"""`picketline backup` and `picketline restore` on PostgreSQL: pg_dump out, pg_restore into a
fresh scratch database, every table's rows back."""

import os
import shutil
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from picketline.core import backups
from tests import factories

pytestmark = [
    pytest.mark.postgres("it backs up with pg_dump and restores with pg_restore"),
    pytest.mark.django_db(transaction=True),
]


def _url(name: str) -> str:
    settings = connection.settings_dict
    user = quote(settings.get("USER") or "")
    password = f":{quote(settings['PASSWORD'])}" if settings.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    host = settings.get("HOST") or "localhost"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{quote(name)}"


def _psycopg(name: str, **options):
    import psycopg

    return psycopg.connect(_url(name).replace("postgres://", "postgresql://", 1), **options)


def _row_counts(name: str) -> dict[str, int]:
    with _psycopg(name) as scratch:
        tables = [
            row[0]
            for row in scratch.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {t: scratch.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


@pytest.fixture
def scratch_database():
    """An empty database beside the test database, e.g. wt_checks_restore for test_wt_checks."""
    name = os.environ.get("RESTORE_TEST_DATABASE") or (
        connection.settings_dict["NAME"].removeprefix("test_") + "_restore"
    )
    with _psycopg(connection.settings_dict["NAME"], autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with _psycopg(connection.settings_dict["NAME"], autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _picketline(*args: str, database: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DATABASE_URL": _url(database)}
    return subprocess.run(
        [sys.executable, "-m", "picketline.cli", *args],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def _pg_tools():
    if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
        pytest.skip("needs pg_dump and pg_restore (apt-get install postgresql-client)")


def test_it_restores_every_row_into_a_fresh_database(tmp_path, scratch_database, _pg_tools):
    dispute = factories.make_dispute(title="Leeds bin workers' strike", with_shift=True)
    factories.make_event(title="Rally for the bin workers", disputes=[dispute])
    factories.make_moderator()
    dump = tmp_path / "picketline.dump"

    backed_up = _picketline("backup", str(dump), database=connection.settings_dict["NAME"])
    assert backed_up.returncode == 0, backed_up.stderr
    assert dump.read_bytes().startswith(b"PGDMP")
    restored = _picketline("restore", "--no-input", str(dump), database=scratch_database)
    assert restored.returncode == 0, restored.stderr

    original = _row_counts(connection.settings_dict["NAME"])
    assert original["disputes_dispute"] == 1
    assert _row_counts(scratch_database) == original


def test_it_restores_over_a_database_that_has_changed_since(tmp_path, scratch_database, _pg_tools):
    factories.make_dispute(title="Before the backup")
    dump = tmp_path / "picketline.dump"
    assert (
        _picketline("backup", str(dump), database=connection.settings_dict["NAME"]).returncode == 0
    )
    assert (
        _picketline("restore", "--no-input", str(dump), database=scratch_database).returncode == 0
    )
    with _psycopg(scratch_database) as scratch:
        scratch.execute("UPDATE disputes_dispute SET title = 'Changed after the backup'")

    again = _picketline("restore", "--no-input", str(dump), database=scratch_database)

    assert again.returncode == 0, again.stderr
    with _psycopg(scratch_database) as scratch:
        titles = [row[0] for row in scratch.execute("SELECT title FROM disputes_dispute")]
    assert titles == ["Before the backup"]


def test_it_fails_with_a_message_for_a_sqlite_backup(tmp_path):
    sqlite_file = tmp_path / "picketline.sqlite3"
    sqlite_file.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)

    with pytest.raises(CommandError, match="is a SQLite backup"):
        call_command("restore", str(sqlite_file), interactive=False)


def test_it_exits_non_zero_for_a_missing_file(tmp_path, scratch_database):
    result = _picketline(
        "restore", "--no-input", str(tmp_path / "gone.dump"), database=scratch_database
    )

    assert result.returncode != 0
    assert "There is no file at" in result.stderr


def test_it_says_so_when_pg_dump_is_not_installed(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(CommandError, match="pg_dump was not found"):
        call_command("backup", str(tmp_path / "picketline.dump"))

    assert not (tmp_path / "picketline.dump").exists()


def test_it_passes_on_what_pg_restore_says_when_it_fails(tmp_path, scratch_database, _pg_tools):
    broken = tmp_path / "broken.dump"
    broken.write_bytes(b"PGDMP" + b"\xff" * 200)

    result = _picketline("restore", "--no-input", str(broken), database=scratch_database)

    assert result.returncode != 0
    assert "pg_restore failed" in result.stderr


def test_it_knows_a_custom_format_dump(tmp_path):
    dump = tmp_path / "x.dump"
    dump.write_bytes(b"PGDMP\x01\x0f")
    assert backups.backup_kind(dump) == "postgresql"
