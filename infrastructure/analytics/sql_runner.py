"""The SQL console's adapter: a user's statement, run read-only on the published snapshot.

Read-only by construction, twice over: the warehouse file is opened read-only (the reader's
connection), and only statements that read (SELECT, with WITH/FROM-first/DESCRIBE/SHOW/SUMMARIZE,
and EXPLAIN) are run at all, so COPY ... TO, ATTACH, SET, INSTALL, CALL checkpoint and the like
are refused before DuckDB sees them. A user's SQL is data typed at run time, not the project's
SQL: it never becomes part of one of the project's own statements.

The whole result comes back as one Arrow table, so its row count is the true total and an export
writes every row; a cancel token interrupts the query on its own cursor (DuckDB interrupt()).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import duckdb

from domain.cancellation import CancelToken, token_in_scope
from domain.errors import QueryCancelled, SqlFailed, SqlRefused
from infrastructure.analytics.sql_literals import inlined
from infrastructure.analytics.warehouse_reader import WarehouseReader
from infrastructure.error_text import first_line

if TYPE_CHECKING:
    import pyarrow as pa

BATCH_ROWS = 2_048  # rows per Arrow batch read from DuckDB: one vector, the first is soon ready
READS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})
_LINE = re.compile(r"^LINE (\d+): ?(.*)$")
_CARET = re.compile(r"^(\s*)\^")
# A name DuckDB's message quotes or names ("... column "x" not found", "... with name nope ..."):
# found in the statement, it says where the error is when DuckDB gives no position.
_NAMED = re.compile(r'"([^"]+)"|with name (\w+)')


class WarehouseSqlRunner:
    def __init__(self, reader: WarehouseReader) -> None:
        self._reader = reader
        self._builtins: dict[str, list[dict[str, Any]]] | None = None

    def run(
        self,
        sql: str,
        *,
        cancel: CancelToken | None = None,
        on_first: Callable[[pa.Table], None] | None = None,
        first_rows: int = 10_000,
    ) -> pa.Table:
        """Every statement of `sql` in order (each must only read); the last one's whole result.

        The last result streams in batches: `on_first` gets its first `first_rows` rows (or all,
        if fewer) as soon as they are read, while the rest is still being read and counted.
        """
        statements = self._statements(sql)
        token = cancel or token_in_scope()
        running = [0]  # the offset of the statement running, for the error's position

        def work(cursor: duckdb.DuckDBPyConnection) -> pa.Table:
            for offset, text in statements[:-1]:
                running[0] = offset
                cursor.sql(text).to_arrow_table()
            running[0], last = statements[-1]
            return _streamed(cursor.sql(last), on_first, first_rows, token)

        try:
            return self._reader.on_cursor(work, cancel=token)
        except duckdb.Error as error:
            raise _failed(error, sql, running[0]) from None

    def _statements(self, sql: str) -> list[tuple[int, str]]:
        """The statements of `sql` with their offsets; SqlRefused for one that would write."""
        try:
            parsed = duckdb.extract_statements(sql)
        except duckdb.Error as error:
            raise _failed(error, sql, 0) from None
        if not parsed:
            raise SqlRefused("There is no SQL statement to run.")
        found: list[tuple[int, str]] = []
        position = 0
        for statement in parsed:
            text = statement.query
            offset = sql.find(text, position)
            offset = max(offset, 0)
            position = offset + len(text)
            if statement.type not in READS:
                kind = str(statement.type).rsplit(".", 1)[-1]
                line, column = _line_column(sql, offset + len(text) - len(text.lstrip()))
                raise SqlRefused(
                    f"The SQL console is read-only: {kind} statements are not run "
                    f"(line {line}, column {column}); the warehouse was not changed."
                )
            found.append((offset, text))
        return found

    def catalogue(self, *, cancel: CancelToken | None = None) -> dict[str, list[dict[str, Any]]]:
        """Tables and views (row counts, comments), columns (types, comments), functions,
        the table macros' result columns and DuckDB's keywords."""
        if self._builtins is None:  # DuckDB's own functions and keywords: once a process
            self._builtins = {
                name: self._reader.records(f"console_{name}", cancel=cancel)
                for name in ("functions", "keywords")
            }
        found = {
            "tables": self._reader.records("console_tables", cancel=cancel),
            "columns": self._reader.records("console_columns", cancel=cancel),
            "functions": [
                *self._reader.records("console_own_functions", cancel=cancel),
                *self._builtins["functions"],
            ],
            "keywords": self._builtins["keywords"],
        }
        found["macro_columns"] = [
            row
            for macro in found["functions"]
            if macro["own"] and macro["kind"] == "table_macro"
            for row in self._macro_columns(macro["name"], macro["parameters"] or "", cancel)
        ]
        return found

    def _macro_columns(
        self, name: str, parameters: str, cancel: CancelToken | None
    ) -> list[dict[str, Any]]:
        """The columns a table macro returns (described with every argument NULL: no filter)."""
        arguments = ", ".join("NULL" for part in parameters.split(",") if part.strip())
        quoted = '"' + name.replace('"', '""') + '"'
        try:
            rows = self._reader.rows(f"DESCRIBE SELECT * FROM {quoted}({arguments})", cancel=cancel)
        except duckdb.Error:  # a macro that needs real arguments: no columns to complete
            return []
        return [
            {"table_name": name, "column_name": row[0], "data_type": row[1], "comment": ""}
            for row in rows
        ]

    def inline(self, sql: str, params: Mapping[str, Any]) -> str:
        """One of the project's statements with its bound values written in as DuckDB literals
        (the "query behind a table" the console opens)."""
        return inlined(sql, params)

    def count_rows(self, table: str, *, cancel: CancelToken | None = None) -> int:
        """The row count of one view of the catalogue (its name checked against the catalogue)."""
        names = {row["name"] for row in self._reader.records("console_tables", cancel=cancel)}
        if table not in names:
            raise SqlRefused(f"There is no table or view {table!r} in the warehouse.")
        quoted = '"' + table.replace('"', '""') + '"'
        rows = self._reader.rows(f"SELECT count(*) FROM {quoted}", cancel=cancel)
        return int(rows[0][0])


def _streamed(
    relation: duckdb.DuckDBPyRelation,
    on_first: Callable[[pa.Table], None] | None,
    first_rows: int,
    token: CancelToken,
) -> pa.Table:
    """Read the relation's batches, handing the first rows on as soon as they are read."""
    import pyarrow as pa

    reader = relation.to_arrow_reader(BATCH_ROWS)
    batches: list[pa.RecordBatch] = []
    read = 0
    told = on_first is None
    try:
        for batch in reader:
            batches.append(batch)
            read += batch.num_rows
            if not told and read >= first_rows:
                told = True
                assert on_first is not None
                on_first(pa.Table.from_batches(batches, reader.schema).slice(0, first_rows))
    except duckdb.Error:
        raise
    except Exception as error:  # an interrupt may surface as Arrow's own error
        if token.cancelled:
            raise QueryCancelled("The query was cancelled.") from error
        raise
    table = pa.Table.from_batches(batches, reader.schema)
    if not told and on_first is not None:
        on_first(table)
    return table


def _failed(error: duckdb.Error, sql: str, offset: int) -> SqlFailed:
    """DuckDB's message in one line, with the line and column of the whole text where it is
    (DuckDB numbers the lines of the statement that failed, which starts at `offset`)."""
    message = first_line(error)
    lines = str(error).splitlines()
    # DuckDB's suggestion on a line of its own ("Did you mean "fct_orders"?"): kept, on the same
    # line, as the one thing a typo needs.
    hint = next((text.strip() for text in lines if text.strip().startswith("Did you mean")), "")
    if hint and hint not in message:
        message = f"{message} {hint}"
    for index, text in enumerate(lines):
        match = _LINE.match(text)
        if match is None:
            continue
        caret = _CARET.match(lines[index + 1]) if index + 1 < len(lines) else None
        prefix = len(text) - len(match[2])  # "LINE 1: " before the statement's text
        in_line = max(len(caret[1]) - prefix + 1, 1) if caret else 1
        start_line, start_column = _line_column(sql, offset)
        line = start_line + int(match[1]) - 1
        column = start_column + in_line - 1 if int(match[1]) == 1 else in_line
        return SqlFailed(message, line, column)
    named = _NAMED.search(message)
    if named is not None:
        name = named[1] or named[2]
        found = re.compile(r"(?<![\w.])" + re.escape(name) + r"(?!\w)", re.I).search(sql, offset)
        if found is not None:
            line, column = _line_column(sql, found.start())
            return SqlFailed(message, line, column)
    return SqlFailed(message)


def _line_column(sql: str, offset: int) -> tuple[int, int]:
    before = sql[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1
