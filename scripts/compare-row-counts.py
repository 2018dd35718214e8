#!/usr/bin/env python3
"""Compare the row count of every table in two databases; exit 1 on any difference.

    scripts/compare-row-counts.py postgres://…/original postgres://…/restored
    scripts/compare-row-counts.py sqlite:///original.sqlite3 sqlite:///restored.sqlite3

Used by CI after restoring a backup into a fresh database. A table missing from either side
counts as a difference, and so does an original with no rows at all (nothing was compared).
"""

import sqlite3
import sys
from urllib.parse import unquote, urlsplit


def row_counts(url: str) -> dict[str, int]:
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative.sqlite3 or sqlite:////absolute/path.sqlite3, as DATABASE_URL reads.
        path = unquote(url.removeprefix("sqlite://").removeprefix("/"))
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {
            t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables
        }
        connection.close()
        return counts
    if parts.scheme in {"postgres", "postgresql"}:
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as connection:
            tables = [
                name
                for (name,) in connection.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
                )
            ]
            return {
                t: connection.execute(f'SELECT count(*) FROM public."{t}"').fetchone()[0]
                for t in tables
            }
    raise SystemExit(f"not a sqlite:// or postgres:// address: {url}")


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    original, restored = row_counts(argv[1]), row_counts(argv[2])
    differences = 0
    for table in sorted(original.keys() | restored.keys()):
        before, after = original.get(table), restored.get(table)
        if before != after:
            differences += 1
            print(f"DIFFERS {table}: {before} in the original, {after} restored")
    rows = sum(original.values())
    print(f"{len(original)} tables, {rows} rows in the original; {differences} differ")
    if rows == 0:
        print("The original holds no rows: nothing was compared.")
        return 1
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
