"""The rows behind a rule's failures in the published warehouse, for the Quality drill-down.

One checking connection stays open on the published file (its cache warm from one drill-down to
the next) until a newer snapshot replaces the file.
"""

from __future__ import annotations

import os
import threading
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from domain.cancellation import token_in_scope
from domain.entities.ingestion_run import RunStatus
from domain.entities.monitor import MONITOR_KINDS
from domain.entities.quality import RuleCheckFailed
from domain.errors import WarehouseNotPublished
from domain.repositories.metadata_store import MetadataStore, QualityRuleRecord
from infrastructure.duckdb_connection import DEFAULT_RESOURCES, DuckDbResources
from infrastructure.error_text import first_line
from infrastructure.interruption import interrupted_on_cancel
from infrastructure.quality.compiler import CompiledCheck, compile_rule
from infrastructure.quality.connection import checking_connection, cursor_for, read_catalogue
from infrastructure.quality.context import context_for_run
from infrastructure.quality.monitor_rows import monitor_rows
from infrastructure.quality.monitors import MonitorChecks
from infrastructure.quality.warehouse_catalogue import WarehouseCatalogue

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl

# A leading-rows probe reads the rows of the (this many times `limit`) smallest leading values.
LEADING_PROBE_ROWS = 20


class PublishedFailingRows:
    def __init__(
        self,
        store: MetadataStore,
        warehouse_path: Path,
        warehouse_id: str = "",
        resources: DuckDbResources = DEFAULT_RESOURCES,
        monitors: MonitorChecks | None = None,
    ) -> None:
        self._monitors = monitors  # a monitor's rows are its measurements, not warehouse rows
        self._warehouse_id = warehouse_id  # the published run is the one of this warehouse
        self._store = store
        self._path = warehouse_path
        self._resources = resources
        self._lock = threading.Lock()
        self._opened = ExitStack()
        self._identity: tuple[int, int] | None = None
        self._con: duckdb.DuckDBPyConnection | None = None
        self._catalogue: WarehouseCatalogue | None = None
        self.leading_answers = 0  # drill-downs answered from the leading rows (tests read it)

    def __call__(self, rule: QualityRuleRecord, limit: int) -> pl.DataFrame:
        """Up to `limit` failing rows of `rule`, with its keys and the values it checks;
        the token in scope of the calling thread stops the query (QueryCancelled).

        A unique key that failed on at least `limit` rows when last checked is first asked of
        the rows with the smallest leading values only (`CompiledCheck.leading_rows`): when
        those hold `limit` failing rows they are exactly the first ones of the whole table
        (geolocation's duplicates at scale 10: 0.2 s instead of 3-7 s grouping 10M rows). Any
        shorter answer is dropped for the whole query, so the rows never depend on the hint."""
        if self._monitors is not None and rule.kind in MONITOR_KINDS:
            return monitor_rows(self._monitors, rule, self._published_run(), limit)
        try:
            run_id = self._published_run()
            con, catalogue = self._connection()
            compiled = self._compiled(rule, run_id, catalogue)
            leading = compiled.leading_rows(limit, LEADING_PROBE_ROWS * limit)
            if leading is not None and self._worth_leading(rule, run_id, catalogue, limit):
                frame = self._query(con, *leading)
                if frame.height >= limit:
                    self.leading_answers += 1
                    return frame
            return self._query(con, *compiled.rows(limit))
        except duckdb.Error as error:
            reason = first_line(error)
            raise RuleCheckFailed(f"{rule.rule_id} cannot list its rows: {reason}") from None

    def _query(
        self, con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]
    ) -> pl.DataFrame:
        cursor = cursor_for(con)
        try:
            with interrupted_on_cancel(cursor, token_in_scope()):
                frame: pl.DataFrame = cursor.sql(sql, params=params).pl()
        finally:
            cursor.close()
        return frame

    def _worth_leading(
        self, rule: QualityRuleRecord, run_id: int, catalogue: WarehouseCatalogue, limit: int
    ) -> bool:
        """Whether the leading rows are likely to hold `limit` failing rows: the table is big
        and the rule's stored result counted at least that many. Only a hint: a probe that
        falls short costs about as much as the whole query on an unsorted leading column."""
        if catalogue.size(rule.model) < 4 * LEADING_PROBE_ROWS * limit:
            return False
        stored = next(
            (r for r in self._store.results_for_run(run_id) if r.rule_id == rule.rule_id), None
        )
        return stored is not None and stored.failing_count >= limit

    def statement(self, rule: QualityRuleRecord, limit: int) -> tuple[str, dict[str, Any]]:
        """The statement listing `rule`'s first `limit` failing rows, and its parameters."""
        if rule.kind in MONITOR_KINDS:
            raise RuleCheckFailed(
                f"{rule.rule_id} is a monitor: its rows are measurements kept in the metadata "
                "store, not a query on the warehouse"
            )
        run_id = self._published_run()
        try:
            _, catalogue = self._connection()
        except duckdb.Error as error:
            raise RuleCheckFailed(
                f"{rule.rule_id} cannot list its rows: {first_line(error)}"
            ) from None
        return self._compiled(rule, run_id, catalogue).rows(limit)

    def _compiled(
        self, rule: QualityRuleRecord, run_id: int, catalogue: WarehouseCatalogue
    ) -> CompiledCheck:
        if rule.kind in MONITOR_KINDS:
            raise RuleCheckFailed(
                f"{rule.rule_id} is a monitor: its rows are measurements kept in the metadata "
                "store, not a query on the warehouse"
            )
        return compile_rule(rule, catalogue, context_for_run(self._store, run_id))

    def _published_run(self) -> int:
        published = self._store.latest_run(RunStatus.SUCCEEDED, self._warehouse_id)
        if published is None or not self._path.exists():
            raise WarehouseNotPublished(
                f"No warehouse published at {self._path} yet: ingest a dataset first."
            )
        return published.run_id

    def _connection(self) -> tuple[duckdb.DuckDBPyConnection, WarehouseCatalogue]:
        """The open connection, reopened when a newer snapshot has replaced the file."""
        stat = os.stat(self._path)
        identity = (stat.st_ino, stat.st_mtime_ns)
        with self._lock:
            if self._con is None or self._catalogue is None or identity != self._identity:
                self.close()
                self._con = self._opened.enter_context(
                    checking_connection(self._path, self._resources)
                )
                self._catalogue = read_catalogue(self._con)
                self._identity = identity
            return self._con, self._catalogue

    def close(self) -> None:
        self._opened.close()
        self._con = self._catalogue = self._identity = None
