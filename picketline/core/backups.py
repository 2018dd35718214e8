"""Backing up and restoring the configured database, whichever engine it is.

SQLite is copied page by page with its online backup API, so a backup taken while the web server
and the worker write is still consistent. PostgreSQL goes through its own tools: `pg_dump` in the
custom format, `pg_restore` back, with the connection parameters of DATABASE_URL.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.db import connections
from django.utils.translation import gettext as _

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"


class BackupError(Exception):
    """Something a person can fix: the message says what and how."""


def backup_kind(path: Path) -> str:
    """'sqlite', 'postgresql' (pg_dump's custom format) or 'unknown', by the first bytes."""
    with open(path, "rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_CUSTOM_MAGIC):
        return "postgresql"
    return "unknown"


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": vendor}
        )
    return vendor


def database_backup(*, path: Path, alias: str = "default") -> str:
    """Writes a backup of the database to `path` and returns its kind ('sqlite' or 'postgresql').

    The file appears whole or not at all: it is written beside `path` and renamed at the end.
    """
    path = Path(path)
    engine = _engine(alias)
    if path.is_dir():
        raise BackupError(
            _("%(path)s is a folder; give the name of the file to write.") % {"path": path}
        )
    if not path.parent.is_dir():
        raise BackupError(_("The folder %(folder)s does not exist.") % {"folder": path.parent})
    if engine == "sqlite":
        database = str(connections[alias].settings_dict["NAME"])
        if Path(database).exists() and path.resolve() == Path(database).resolve():
            raise BackupError(_("The backup cannot be written over the database itself."))
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(handle)
    try:
        if engine == "sqlite":
            _sqlite_backup(alias=alias, target=Path(partial))
        else:
            _pg_dump(alias=alias, target=Path(partial))
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return engine


def database_restore(*, path: Path, alias: str = "default") -> str:
    """Replaces the database's content with the backup at `path`; returns the backup's kind.

    Stop the web server and the workers first: what they write meanwhile is lost or refused.
    """
    path = Path(path)
    engine = _engine(alias)
    if not path.exists():
        raise BackupError(_("There is no file at %(path)s.") % {"path": path})
    if not path.is_file():
        raise BackupError(_("%(path)s is not a file.") % {"path": path})
    kind = backup_kind(path)
    if kind == "unknown":
        raise BackupError(
            _(
                "%(path)s is not a Picketline backup: it is neither a SQLite database nor a "
                "pg_dump file in the custom format."
            )
            % {"path": path}
        )
    if kind != engine:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise BackupError(
            _(
                "%(path)s is a %(kind)s backup, but DATABASE_URL points to %(engine)s. Restore "
                "it into a %(kind)s database."
            )
            % {"path": path, "kind": names[kind], "engine": names[engine]}
        )
    if engine == "sqlite":
        _sqlite_restore(alias=alias, source=path)
    else:
        _pg_restore(alias=alias, source=path)
    return engine


def _sqlite_backup(*, alias: str, target: Path) -> None:
    connection = connections[alias]
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
        # The copy keeps the source's WAL mode; a backup file is easier to move as one file.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()


def _sqlite_restore(*, alias: str, source: Path) -> None:
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        try:
            ours = backup.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'django_migrations'"
            ).fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise BackupError(
                _("%(path)s cannot be read as a SQLite database: %(error)s")
                % {"path": source, "error": error}
            ) from None
        if not ours:
            raise BackupError(
                _("%(path)s is a SQLite database, but not one of Picketline's.") % {"path": source}
            )
        connection = connections[alias]
        connection.ensure_connection()
        backup.backup(connection.connection)
    finally:
        backup.close()


def _pg_environment(alias: str) -> dict[str, str]:
    """The libpq variables for the configured database, so no password is on a command line."""
    settings = connections[alias].settings_dict
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PG")  # a stray PGDATABASE must not redirect the command
    }
    values = {
        "PGHOST": settings.get("HOST"),
        "PGPORT": settings.get("PORT"),
        "PGUSER": settings.get("USER"),
        "PGPASSWORD": settings.get("PASSWORD"),
        "PGDATABASE": settings.get("NAME"),
        "PGSSLMODE": (settings.get("OPTIONS") or {}).get("sslmode"),
    }
    environment.update({key: str(value) for key, value in values.items() if value})
    return environment


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            _(
                "%(tool)s was not found. Install PostgreSQL's client programs (on Debian or "
                "Ubuntu: apt-get install postgresql-client), in the same major version as the "
                "server or newer."
            )
            % {"tool": name}
        )
    return found


def _run(command: list[str], *, alias: str, tool: str) -> None:
    connections[alias].close()
    completed = subprocess.run(
        command, env=_pg_environment(alias), capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise BackupError(
            _("%(tool)s failed (exit %(code)d): %(error)s")
            % {"tool": tool, "code": completed.returncode, "error": completed.stderr.strip()}
        )


def _pg_dump(*, alias: str, target: Path) -> None:
    command = [_pg_tool("pg_dump"), "--format=custom", "--no-password", f"--file={target}"]
    _run(command, alias=alias, tool="pg_dump")


def _pg_restore(*, alias: str, source: Path) -> None:
    # One transaction: a restore that fails half-way leaves the database as it was.
    database = connections[alias].settings_dict["NAME"]
    command = [
        _pg_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        "--exit-on-error",
        "--no-password",
        f"--dbname={database}",
        str(source),
    ]
    _run(command, alias=alias, tool="pg_restore")
