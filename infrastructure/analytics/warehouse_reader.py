"""Read-only access to the published warehouse for screens, exports and batch.

Opened lazily, read-only, so the TUI keeps the snapshot it opened even while a newer one is
published (publishing replaces the file by rename; the open file stays readable) until `reload()`.
Each query runs on its own cursor, so worker threads can query at once, and a cancel token (given,
or the one in scope of the calling thread) interrupts that cursor only: its caller's query.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import duckdb

from domain.cancellation import CancelToken, token_in_scope
from domain.errors import WarehouseNotPublished
from infrastructure.analytics.read_ahead import start_read_ahead
from infrastructure.duckdb_connection import DEFAULT_RESOURCES, DuckDbResources, connect_duckdb
from infrastructure.interruption import interrupted_on_cancel
from infrastructure.sql_files import identifier, quote_identifier, sql_file
from infrastructure.warehouse.builder import WAREHOUSE_FORMAT

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl

Result = TypeVar("Result")


def query_text(name: str) -> str:
    """The text of analytics/queries/<name>.sql."""
    return sql_file("infrastructure.analytics", f"queries/{name}.sql")


class WarehouseReader:
    def __init__(self, path: Path, resources: DuckDbResources = DEFAULT_RESOURCES) -> None:
        self.path = path
        self._resources = resources
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._opened_identity: tuple[int, int] | None = None

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own for one query. DuckDB 2 refuses concurrent calls on one
        connection (ResourceInUse), so opening, cursor() and reload are serialised here."""
        with self._lock:
            return self._open().cursor()

    def _open(self) -> duckdb.DuckDBPyConnection:
        """The shared read-only connection, opened on first use; call with self._lock held."""
        if self._con is None:
            if not self.path.exists():
                raise WarehouseNotPublished(
                    f"No warehouse at {self.path} yet: ingest a dataset first "
                    "(workbench ingest PATH, or workbench --demo)."
                )
            self._opened_identity = self._identity()
            con = connect_duckdb(self._resources, self.path, read_only=True)
            _check_format(con, self.path)
            self._con = con
        return self._con

    def _identity(self) -> tuple[int, int] | None:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_mtime_ns)

    @property
    def is_stale(self) -> bool:
        """A newer snapshot has been published since this reader opened the file."""
        return self._con is not None and self._identity() != self._opened_identity

    def read_ahead(self) -> None:
        """Have the OS read the published file into its page cache, in the background
        (`read_ahead`): a first lookup then reads memory, not the disk."""
        start_read_ahead(self.path)

    def reload(self) -> None:
        with self._lock:
            old, self._con = self._con, None
            if old is not None:
                # Cursors still running on the old snapshot keep it alive until they finish.
                with contextlib.suppress(duckdb.Error):
                    old.close()

    def sql(
        self,
        sql: str,
        params: Sequence[Any] | Mapping[str, Any] | None = None,
        *,
        cancel: CancelToken | None = None,
    ) -> pl.DataFrame:
        def frame(cursor: duckdb.DuckDBPyConnection) -> pl.DataFrame:
            result: pl.DataFrame = cursor.sql(sql, params=params).pl()
            return result

        return self._run(frame, cancel)

    def rows(
        self,
        sql: str,
        params: Mapping[str, Any] | None = None,
        *,
        cancel: CancelToken | None = None,
    ) -> list[tuple[Any, ...]]:
        """The result as Python tuples, without a frame: for the few rows an aggregate needs,
        building a Polars frame costs more than the query (about 1 ms a statement)."""
        return self._run(lambda cursor: cursor.execute(sql, params).fetchall(), cancel)

    def query(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        *,
        cancel: CancelToken | None = None,
    ) -> pl.DataFrame:
        """Run the named .sql file of analytics/queries with bound parameters."""
        return self.sql(query_text(name), dict(params) if params else None, cancel=cancel)

    def sql_text(self, name: str) -> str:
        """The statement `query(name, ...)` runs, with its `$name` placeholders."""
        return query_text(name)

    def query_page(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        *,
        offset: int,
        limit: int | None,
        order: tuple[str, bool] | None = None,
        cancel: CancelToken | None = None,
    ) -> pl.DataFrame:
        """Rows `offset` to `offset + limit` (None: to the end) of the named query, in its own
        order, or ordered by `order` (a column, descending?) then by every column (pages never
        overlap)."""
        statement = self.page_statement(name, params, offset=offset, limit=limit, order=order)
        return self.sql(statement, dict(params) if params else None, cancel=cancel)

    def page_statement(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        *,
        offset: int,
        limit: int | None,
        order: tuple[str, bool] | None = None,
    ) -> str:
        """The statement `query_page` runs. Ordered by `order`, the query's own final ORDER
        BY is dropped: the new order names every row's place, and DuckDB would otherwise sort
        every row the old way first, then again (the largest segment's customers sorted by id
        at scale 100: ~600 ms, against ~4 ms of a top-N that skips the row groups past it)."""
        rows = ("" if limit is None else f" LIMIT {int(limit)}") + f" OFFSET {int(offset)}"
        if order is None:
            return f"SELECT * FROM ({_inner(name)}) AS rows{rows}"
        terms = ", ".join(self._order_terms(name, params, order))
        return f"SELECT * FROM ({_unordered(_inner(name))}) AS rows ORDER BY {terms}{rows}"

    def _order_terms(
        self, name: str, params: Mapping[str, Any] | None, order: tuple[str, bool]
    ) -> list[str]:
        column, descending = order
        columns = self._schema(name, params).names()
        sort = identifier(column, columns, "a column to sort by")
        terms = [f"{sort} {'DESC' if descending else 'ASC'} NULLS LAST"]
        return terms + [f"{quote_identifier(other)} ASC NULLS LAST" for other in columns]

    def _schema(self, name: str, params: Mapping[str, Any] | None) -> pl.Schema:
        statement = f"SELECT * FROM ({_inner(name)}) AS rows LIMIT 0"
        return self.sql(statement, dict(params) if params else None).schema

    def query_extremes(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        *,
        cancel: CancelToken | None = None,
    ) -> tuple[int, pl.DataFrame, int | None]:
        """The named query's row count, and the values a table's widths are measured on, in
        one aggregate over its rows: each column's least and greatest (a text's longest twice)
        and a null where it has one (a frame of 3 rows of the query's columns); the length nine
        in ten values of the first column do not exceed, if it is a text."""
        import polars as pl

        schema = self._schema(name, params)
        terms = ["count(*)"]
        for column, dtype in schema.items():
            quoted = quote_identifier(column)
            if dtype == pl.String:
                terms += [f"arg_max({quoted}, length({quoted}))"] * 2
            elif dtype.is_numeric() or dtype.is_temporal() or dtype == pl.Boolean:
                terms += [f"min({quoted})", f"max({quoted})"]
            else:
                terms += [f"first({quoted})", f"last({quoted})"]
            terms.append(f"count(*) > count({quoted})")
        first = next(iter(schema.items()), None)
        if first is not None and first[1] == pl.String:  # the first column a text: its typical
            terms.append(f"quantile_disc(length({quote_identifier(first[0])}), 0.9)")
        else:
            terms.append("NULL")
        statement = f"SELECT {', '.join(terms)} FROM ({_unordered(_inner(name))}) AS rows"
        found = self.rows(statement, dict(params) if params else None, cancel=cancel)[0]
        height, cells = int(found[0]), found[1:-1]
        columns = {
            column: [cells[3 * i], cells[3 * i + 1], None if cells[3 * i + 2] else cells[3 * i]]
            for i, column in enumerate(schema.names())
        }
        typical = found[-1]
        frame = pl.DataFrame(columns, schema=schema) if height else pl.DataFrame(schema=schema)
        return height, frame, None if typical is None else int(typical)

    def records(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        *,
        cancel: CancelToken | None = None,
    ) -> list[dict[str, Any]]:
        def fetch(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
            result = cursor.execute(query_text(name), dict(params) if params else None)
            columns = [column[0] for column in result.description or ()]
            return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]

        return self._run(fetch, cancel)

    def table(self, name: str, *, cancel: CancelToken | None = None) -> pl.DataFrame:
        if not name.replace("_", "").isalnum():
            raise ValueError(f"not a table name: {name!r}")
        return self.sql(f'SELECT * FROM "{name}"', cancel=cancel)

    def on_cursor(
        self,
        work: Callable[[duckdb.DuckDBPyConnection], Result],
        *,
        cancel: CancelToken | None = None,
    ) -> Result:
        """`work` on a cursor of its own on the snapshot in use, stopped by `cancel` (the SQL
        console runs a user's statement this way: the same snapshot, reloaded with the rest)."""
        return self._run(work, cancel)

    def _run(
        self,
        work: Callable[[duckdb.DuckDBPyConnection], Result],
        cancel: CancelToken | None,
    ) -> Result:
        """`work` on a cursor of its own, stopped (QueryCancelled) when the token is cancelled."""
        token = cancel or token_in_scope()
        token.raise_if_cancelled()
        cursor = self._cursor()
        try:
            with interrupted_on_cancel(cursor, token):
                return work(cursor)
        finally:
            cursor.close()

    def close(self) -> None:
        self.reload()


def _inner(name: str) -> str:
    """The named query's text, to be wrapped in another statement: its trailing `;` dropped,
    on lines of its own (a comment on its last line ends there)."""
    return "\n" + query_text(name).strip().rstrip(";") + "\n"


# A last ORDER BY of plain terms (no call, no LIMIT after it): the statement's own order.
_LAST_ORDER = re.compile(r"\border\s+by\s[^()'\";]*$", re.IGNORECASE)


def _unordered(statement: str) -> str:
    """`statement` without its final ORDER BY when that is plainly all it ends with: an
    aggregate over its rows does not need them sorted (DuckDB sorts a subquery's rows even
    then: the count of the largest segment's customers took three times as long)."""
    found = _LAST_ORDER.search(statement)
    if found is None or re.search(r"\b(limit|offset|fetch)\b", found.group(), re.IGNORECASE):
        return statement
    return statement[: found.start()] + "\n"


def _check_format(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse, in words, a warehouse built by another version of the workbench."""
    try:
        row = con.execute(
            "SELECT value FROM workbench_snapshot WHERE key = 'warehouse_format'"
        ).fetchone()
    except duckdb.Error:
        row = None
    found = row[0] if row else "unknown"
    if found != WAREHOUSE_FORMAT:
        con.close()
        raise WarehouseNotPublished(
            f"The warehouse at {path} has format {found}, this workbench reads format "
            f"{WAREHOUSE_FORMAT}: ingest the data again to rebuild it."
        )
