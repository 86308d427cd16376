"""Named queries on one given warehouse file, e.g. the snapshot a run has just published.

The file is ATTACHed read-only to a private in-memory database rather than opened with
`duckdb.connect(path)`: DuckDB caches open databases by path within a process, and the app's
long-lived reader still holds the *previous* snapshot under the same path.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from domain.errors import WarehouseNotPublished
from infrastructure.analytics.warehouse_reader import query_text
from infrastructure.duckdb_connection import DEFAULT_RESOURCES, DuckDbResources, connect_duckdb

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl


class SnapshotQueries:
    """Runs the .sql files of analytics/queries against one attached warehouse file."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con

    def query(self, name: str, params: Mapping[str, Any] | None = None) -> pl.DataFrame:
        frame: pl.DataFrame = self._con.sql(
            query_text(name), params=dict(params) if params else None
        ).pl()
        return frame

    def rows(self, name: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """The result as Python tuples, without a frame."""
        return self._con.execute(query_text(name), dict(params) if params else None).fetchall()


@contextmanager
def open_snapshot(
    path: Path, resources: DuckDbResources = DEFAULT_RESOURCES
) -> Iterator[SnapshotQueries]:
    """Query the warehouse file at `path` as it is now; closed when the block ends."""
    if not path.exists():
        raise WarehouseNotPublished(f"No warehouse snapshot at {path}.")
    con = connect_duckdb(resources)
    try:
        con.execute("ATTACH ? AS snapshot (READ_ONLY)", [str(path)])
        con.execute("USE snapshot")
        yield SnapshotQueries(con)
    finally:
        con.close()
