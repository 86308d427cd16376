"""A sandboxed, read-only DuckDB connection to one warehouse file, for running quality checks.

The file is attached to an in-memory database rather than opened directly: DuckDB caches opened
files per path within a process, and the TUI may hold an older snapshot at the same path. After
attaching, file access is switched off: a stored rule's SQL reads the warehouse and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from infrastructure.duckdb_connection import DEFAULT_RESOURCES, DuckDbResources, connect_duckdb
from infrastructure.quality.compiler import template
from infrastructure.quality.warehouse_catalogue import WarehouseCatalogue

ALIAS = "warehouse"


@contextmanager
def checking_connection(
    warehouse: Path, resources: DuckDbResources = DEFAULT_RESOURCES
) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect_duckdb(resources)
    try:
        con.execute(f"ATTACH ? AS {ALIAS} (READ_ONLY)", [str(warehouse)])
        con.execute(f"USE {ALIAS}")
        con.execute("SET enable_external_access = false")
        yield con
    finally:
        con.close()


def cursor_for(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor for one thread, reading the attached warehouse by default."""
    cursor = con.cursor()
    cursor.execute(f"USE {ALIAS}")
    return cursor


def read_catalogue(con: duckdb.DuckDBPyConnection) -> WarehouseCatalogue:
    rows = con.sql(template("catalogue")).fetchall()
    return WarehouseCatalogue.from_rows((str(t), str(c), int(n)) for t, c, n in rows)
