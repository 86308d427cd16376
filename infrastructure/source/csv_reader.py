"""Read a source CSV with DuckDB's reader; report the first row it rejected as a SourceError."""

from __future__ import annotations

from pathlib import Path

import duckdb

from infrastructure.source.contract import SOURCE_FILES, TIMESTAMP_FORMAT, SourceColumn, SourceFile
from infrastructure.source.inexact_value import first_inexact_value
from infrastructure.source.rejected_row import RejectedRow
from infrastructure.sql_files import Sql, identifier, literal, quote_identifier, render, sql_file

# The staging models read source file <table> from the temp view src_<table>; text_<table>
# reads the same file with every column as text, to see values as they are written.
_SOURCE_VIEWS = tuple(f"{kind}_{s.table}" for s in SOURCE_FILES for kind in ("src", "text"))


def create_source_view(con: duckdb.DuckDBPyConnection, source: SourceFile, path: Path) -> None:
    """Create the temp view reading the file lazily: the first query over it parses the CSV."""
    _create_view(con, f"src_{source.table}", path, _contract_types(source))


def source_reader(source: SourceFile, path: Path) -> str:
    """The read_csv(...) call reading one source file as the contract types it, failing on the
    first row it cannot read (the builder instead keeps such rows aside to name the line)."""
    sql = _reader(path, _contract_types(source), keep_rejects=False).text
    return "\n".join(line for line in sql.splitlines() if not line.startswith("--"))


# The builder's reader keeps up to this many unreadable rows aside in DuckDB's reject tables.
_KEEP_REJECTS = Sql(",\n    store_rejects = true,\n    rejects_limit = 100")


def _contract_types(source: SourceFile) -> dict[str, str]:
    return {c.name: c.duckdb_type for c in source.columns}


def _reader(path: Path, types: dict[str, str], *, keep_rejects: bool) -> Sql:
    """A view keeps no prepared parameter (DuckDB: "This type of statement can't be prepared"),
    so the path, the column types and the timestamp format go in as quoted literals."""
    columns = Sql.join(", ", (Sql(f"{literal(name)}: {literal(t)}") for name, t in types.items()))
    sql = render(
        sql_file("infrastructure.source", "read_csv.sql"),
        path=literal(str(path)),
        columns=Sql("{" + columns.text + "}"),
        timestamp_format=literal(TIMESTAMP_FORMAT),
        keep_rejects=_KEEP_REJECTS if keep_rejects else Sql(""),
    )
    return Sql(sql)


def _create_view(
    con: duckdb.DuckDBPyConnection, view: str, path: Path, types: dict[str, str]
) -> None:
    sql = render(
        sql_file("infrastructure.source", "source_view.sql"),
        view=identifier(view, _SOURCE_VIEWS, "source view"),
        reader=_reader(path, types, keep_rejects=True),
    )
    con.execute(sql)


def raise_first_inexact_value(
    con: duckdb.DuckDBPyConnection, source: SourceFile, path: Path
) -> None:
    """Raise SourceError for the first value the reader could only hold by rounding it (a price
    of 1.234, an order_item_id of 1.5): DuckDB reads those silently, so the file's text is
    checked against the contract's EXACT_TEXT, once more in DuckDB, and on a find in Python
    to name the line."""
    exact = source.exact_columns
    if not exact:
        return
    view = f"text_{source.table}"
    _create_view(con, view, path, {c.name: "VARCHAR" for c in source.columns})
    written_exactly = Sql.join(" and ", (_written_exactly(c) for c in exact))
    sql = render(
        sql_file("infrastructure.source", "inexact_values.sql"),
        view=identifier(view, _SOURCE_VIEWS, "source view"),
        written_exactly=written_exactly,
    )
    row = con.execute(sql).fetchone()
    if row is not None and row[0]:
        raise first_inexact_value(source, path)


def raise_first_rejected_row(
    con: duckdb.DuckDBPyConnection, source: SourceFile, path: Path
) -> None:
    """Raise SourceError for the first row DuckDB could not read from the file, if there is one."""
    sql = sql_file("infrastructure.source", "first_rejected_row.sql")
    row = con.execute(sql, {"file_path": str(path)}).fetchone()
    if row is not None:
        raise RejectedRow(*row).to_source_error(source, path)


def _written_exactly(column: SourceColumn) -> Sql:
    name = quote_identifier(column.name)
    pattern = literal(column.exact_text or "")
    return Sql(f"({name} is null or regexp_full_match({name}, {pattern}))")
