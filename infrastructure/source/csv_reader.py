"""Read a source CSV with DuckDB's reader; report the first row it rejected as a SourceError."""

from __future__ import annotations

from pathlib import Path

import duckdb

from infrastructure.source.contract import SOURCE_FILES, SourceFile
from infrastructure.source.rejected_row import RejectedRow
from infrastructure.sql_files import Sql, identifier, literal, render, sql_file

# The staging models read source file <table> from the temp view src_<table>.
_SOURCE_VIEWS = tuple(f"src_{source.table}" for source in SOURCE_FILES)


def create_source_view(con: duckdb.DuckDBPyConnection, source: SourceFile, path: Path) -> None:
    """Create the temp view reading the file lazily: the first query over it parses the CSV.

    A view keeps no prepared parameter (DuckDB: "This type of statement can't be prepared"), so
    the path and the column types go in as quoted literals."""
    columns = Sql.join(
        ", ", (Sql(f"{literal(c.name)}: {literal(c.duckdb_type)}") for c in source.columns)
    )
    sql = render(
        sql_file("infrastructure.source", "read_csv.sql"),
        view=identifier(f"src_{source.table}", _SOURCE_VIEWS, "source view"),
        path=literal(str(path)),
        columns=Sql("{" + columns.text + "}"),
    )
    con.execute(sql)


def raise_first_rejected_row(
    con: duckdb.DuckDBPyConnection, source: SourceFile, path: Path
) -> None:
    """Raise SourceError for the first row DuckDB could not read from the file, if there is one."""
    sql = sql_file("infrastructure.source", "first_rejected_row.sql")
    row = con.execute(sql, {"file_path": str(path)}).fetchone()
    if row is not None:
        raise RejectedRow(*row).to_source_error(source, path)
