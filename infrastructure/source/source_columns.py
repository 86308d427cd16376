"""The columns each source file holds and the type its values read as, for schema drift.

The contract reads every column with a fixed type; this asks DuckDB's sniffer (a sample of the
rows, not the whole file) what the file itself looks like, so a column added, removed or turned
from numbers to text is seen against the previous run even where the contract's type still reads.
Never fails a run: a file the sniffer cannot read gives its header's names without types.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from domain.entities.monitor import SourceColumn
from infrastructure.source.contract import SourceFile
from infrastructure.sql_files import sql_file

_HEAD_BYTES = 64 * 1024


def file_columns(
    con: duckdb.DuckDBPyConnection, source: SourceFile, path: Path
) -> list[SourceColumn]:
    name = source.file_name
    # Every contract file has two columns or more: one column read in the contract's dialect is
    # a file written in another (semicolons), which the full sniffer reads as it is.
    columns = _sniffed(con, "sniff_columns_in_dialect.sql", path)
    if len(columns) < 2:
        columns = _sniffed(con, "sniff_columns.sql", path)
    if columns:
        return [SourceColumn(name, i, c["name"], c["type"]) for i, c in enumerate(columns, 1)]
    return [SourceColumn(name, i, column, "") for i, column in enumerate(_header(path), 1)]


def _sniffed(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> list[dict[str, str]]:
    """The sniffer's columns (name, type) of the file, or none if it cannot read it."""
    try:
        row = con.execute(sql_file("infrastructure.source", query), {"path": str(path)}).fetchone()
    except duckdb.Error:
        return []
    return list(row[0]) if row is not None and row[0] else []


def _header(path: Path) -> list[str]:
    try:
        with path.open("rb") as f:
            first = f.read(_HEAD_BYTES).split(b"\n", 1)[0]
        header = first.decode("utf-8-sig").rstrip("\r")
    except (OSError, UnicodeDecodeError):
        return []
    return [column.strip().strip('"') for column in header.split(",")]
