"""What the application services need from adapters; the container plugs the real ones in.

Services import these protocols and the domain only, so screens can use services without ever
reaching an adapter (enforced by import-linter).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from domain.cancellation import CancelToken
from domain.entities.ingestion_run import StepCallback
from domain.entities.monitor import SourceColumn
from domain.entities.quality import GateOutcome, RuleOutcome
from domain.repositories.metadata_store import QualityRuleRecord
from domain.repositories.query_history import QueryRecord, SavedQuery
from domain.services.rule_suggestions import TableProfile

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl
    import pyarrow as pa


class OpenedSource(Protocol):
    """An export opened for reading (a folder, or a zip extracted to a temp dir)."""

    @property
    def fingerprint(self) -> str: ...

    def source_columns(self) -> tuple[SourceColumn, ...]: ...


class SourceOpener(Protocol):
    def __call__(self, path: Path) -> AbstractContextManager[OpenedSource]: ...


class BuiltWarehouse(Protocol):
    @property
    def row_counts(self) -> Mapping[str, int]: ...

    @property
    def as_of(self) -> datetime | None: ...

    @property
    def profile(self) -> Mapping[str, float]: ...


class WarehouseBuild(Protocol):
    """One build of one warehouse file; raises SourceRejected, OutOfMemory (over the configured
    DuckDB memory limit), or RunCancelled on its token."""

    def build(
        self, source: OpenedSource, target: Path, stamp: Mapping[str, str] | None = None
    ) -> BuiltWarehouse: ...


class WarehouseBuildFactory(Protocol):
    def __call__(
        self, *, on_step: StepCallback | None, cancel: CancelToken | None
    ) -> WarehouseBuild: ...


class SnapshotPublisher(Protocol):
    warehouse_path: Path

    def build_path(self, run_id: int) -> Path: ...

    def publish(self, build_path: Path, run_id: int, cancel: CancelToken | None = None) -> Path: ...

    def discard(self, build_path: Path) -> None: ...

    def published_stamp(self) -> Mapping[str, str]:
        """The stamp inside the published file (run_id, warehouse_id, ...); {} if none."""
        ...

    def forget(self, run_id: int) -> None:
        """Remove the kept snapshot of a run that was never published."""
        ...

    def clean_abandoned_builds(self, active_run_ids: set[int]) -> int: ...

    def exclusive(self) -> AbstractContextManager[None]:
        """Hold the data dir's ingestion lock for one run; IngestionBusy if another has it."""
        ...


class QualityGate(Protocol):
    """Runs the enabled quality rules against a built warehouse file."""

    def evaluate(
        self, warehouse: Path, run_id: int, cancel: CancelToken | None = None
    ) -> GateOutcome: ...


class FailingRows(Protocol):
    """The rows behind a rule's failures in the published warehouse (keys and checked values)."""

    def __call__(self, rule: QualityRuleRecord, limit: int) -> pl.DataFrame: ...

    def statement(self, rule: QualityRuleRecord, limit: int) -> tuple[str, dict[str, Any]]:
        """The statement `__call__` runs, with its `$name` placeholders, and their values."""
        ...


class WarehouseProfiler(Protocol):
    """Profiles of the published warehouse's tables, and candidate rules tried on it; both raise
    WarehouseNotPublished when there is none."""

    def profile(self) -> list[TableProfile]: ...

    def check(self, rules: Sequence[QualityRuleRecord]) -> tuple[RuleOutcome, ...]: ...


class ReconciliationFigures(Protocol):
    """The source-to-warehouse checks on the published warehouse: one row per check
    (check_name, unit, expected from the source files, actual in the warehouse), to the cent."""

    def __call__(self) -> pl.DataFrame: ...


class WarehouseQueries(Protocol):
    """Read-only queries on the published warehouse, returning Polars frames.

    Each query obeys `cancel`, or else the token in scope of the calling thread (QueryCancelled).
    """

    def query(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        *,
        cancel: CancelToken | None = None,
    ) -> pl.DataFrame: ...

    def table(self, name: str, *, cancel: CancelToken | None = None) -> pl.DataFrame: ...

    def sql_text(self, name: str) -> str:
        """The statement `query(name, ...)` runs, with its `$name` placeholders."""
        ...

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
        """`limit` rows (None: every one) of the named query from `offset`, in its order or by
        `order` (a column, descending?) then every column."""
        ...

    def query_extremes(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        *,
        cancel: CancelToken | None = None,
    ) -> tuple[int, pl.DataFrame, int | None]:
        """The named query's row count, each column's widest values (table_rows.Extremes) and
        the length nine in ten values of its first column do not exceed (None unless a text)."""
        ...

    def records(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        *,
        cancel: CancelToken | None = None,
    ) -> list[dict[str, Any]]:
        """The named query's rows as dicts, no frame built: what the first screen's status line
        reads, so the first frame never waits for polars to load."""
        ...

    @property
    def is_stale(self) -> bool: ...

    def reload(self) -> None: ...

    def read_ahead(self) -> None:
        """Start reading the published file into the OS page cache in the background (a file
        too large for the machine's memory is left alone); returns at once, never raises."""
        ...


class FrameWriter(Protocol):
    def __call__(self, frame: pl.DataFrame, path: Path, fmt: str) -> Path: ...


class FrameText(Protocol):
    """A frame as CSV, JSON or Markdown text (Parquet is binary: refused)."""

    def __call__(self, frame: pl.DataFrame, fmt: str) -> str: ...


class NamedQueries(Protocol):
    """The named .sql queries of the analytics layer, on some warehouse file."""

    def query(self, name: str, params: Mapping[str, Any] | None = None) -> pl.DataFrame: ...


class NamedRows(Protocol):
    """The named .sql queries of the analytics layer as plain rows: no frame is built, so
    neither Polars nor Arrow loads (~0.4 s of CPU in a process that needs neither otherwise)."""

    def rows(self, name: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]: ...


class SnapshotOpener(Protocol):
    """Opens one warehouse file by path (e.g. the snapshot a run just published) for queries."""

    def __call__(self, path: Path) -> AbstractContextManager[NamedRows]: ...


class SqlRunner(Protocol):
    """Runs a user's SQL read-only on the published snapshot (SqlRefused for a write,
    SqlFailed with DuckDB's message and position, QueryCancelled on its token)."""

    def run(
        self,
        sql: str,
        *,
        cancel: CancelToken | None = None,
        on_first: Callable[[pa.Table], None] | None = None,
        first_rows: int = 10_000,
    ) -> pa.Table:
        """The whole result of the last statement, every row; `on_first` gets its first
        `first_rows` rows as soon as they are read (before the rest is counted)."""
        ...

    def catalogue(self, *, cancel: CancelToken | None = None) -> dict[str, list[dict[str, Any]]]:
        """Rows of "tables" (name, kind, row_count, comment), "columns" (table_name,
        column_name, data_type, comment), "functions" (name, kind, parameters, own,
        description), "macro_columns" (as "columns") and "keywords" (name)."""
        ...

    def count_rows(self, table: str, *, cancel: CancelToken | None = None) -> int: ...

    def inline(self, sql: str, params: Mapping[str, Any]) -> str:
        """`sql` with its `$name` placeholders written as literals of the values in `params`."""
        ...


class ResultWriter(Protocol):
    """A whole result to a file: csv, parquet, json, jsonl, md or arrow."""

    def __call__(self, table: pa.Table, path: Path, fmt: str) -> Path: ...


class ResultText(Protocol):
    """A whole result as text for stdout: table, csv, json, jsonl or md."""

    def __call__(self, table: pa.Table, fmt: str) -> str: ...


class QueryHistory(Protocol):
    """Every query run, and the named saved queries, in the metadata store."""

    def record(self, entry: QueryRecord) -> int: ...

    def search(self, text: str, limit: int, warehouse_id: str = "") -> list[QueryRecord]:
        """The newest queries whose text contains `text` (any case), newest first."""
        ...

    def save(self, query: SavedQuery) -> None: ...

    def saved(self) -> list[SavedQuery]: ...

    def delete(self, name: str) -> bool: ...
