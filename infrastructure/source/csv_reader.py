"""Read a source CSV with DuckDB's reader; report the first row it rejected as a SourceError."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

import duckdb

from infrastructure.source.contract import SourceFile
from infrastructure.source.rejected_row import RejectedRow


@cache
def _sql(name: str) -> str:
    return files("infrastructure.source").joinpath(name).read_text(encoding="utf-8")


def _view_name(source: SourceFile) -> str:
    """The staging models read source file <table> from the temp view src_<table>."""
    return f"src_{source.table}"


def create_source_view(con: duckdb.DuckDBPyConnection, source: SourceFile, path: Path) -> None:
    """Create the temp view reading the file lazily: the first query over it parses the CSV."""
    columns = ", ".join(f"{_literal(c.name)}: {_literal(c.duckdb_type)}" for c in source.columns)
    sql = _sql("read_csv.sql").format(
        view=_view_name(source), path=_literal(str(path)), columns="{" + columns + "}"
    )
    con.execute(sql)


def raise_first_rejected_row(
    con: duckdb.DuckDBPyConnection, source: SourceFile, path: Path
) -> None:
    """Raise SourceError for the first row DuckDB could not read from the file, if there is one."""
    row = con.execute(_sql("first_rejected_row.sql"), {"file_path": str(path)}).fetchone()
    if row is not None:
        raise RejectedRow(*row).to_source_error(source, path)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
