"""Build a new warehouse file from a source: validate -> stage -> core -> marts, cancellable."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

import duckdb

from domain.cancellation import CancelToken, token_in_scope
from domain.entities.ingestion_run import PipelineStep, StepCallback
from domain.errors import OutOfMemory, QueryCancelled, RunCancelled
from domain.value_objects.purchase_window import DEFAULT_TOLERANCE_DAYS
from infrastructure.disk_full import is_no_room, no_room
from infrastructure.duckdb_connection import DEFAULT_RESOURCES, DuckDbResources, connect_duckdb
from infrastructure.faults import pause_at
from infrastructure.interruption import interrupted_on_cancel
from infrastructure.source import SourceError, SourceSet
from infrastructure.source.contract import SOURCE_FILES, SourceFile
from infrastructure.source.csv_reader import (
    create_source_view,
    raise_first_inexact_value,
    raise_first_rejected_row,
)
from infrastructure.sql_files import quote_identifier, sql_file
from infrastructure.warehouse.catalog import CORE_MODELS, MART_MODELS, Model, staging_model
from infrastructure.warehouse.concurrent_models import Task, Work, run_concurrently
from infrastructure.warehouse.lineage import warehouse_lineage
from infrastructure.warehouse.profiles.profile import profile_warehouse
from infrastructure.warehouse.reference_data import seed_reference_data, set_reference_variables


class BuildCancelled(RunCancelled):
    """The build was cancelled; the partial warehouse file has been removed."""


@dataclass(frozen=True)
class BuildResult:
    path: Path
    row_counts: Mapping[str, int]  # every table in the warehouse file
    step_durations_ms: Mapping[PipelineStep, float]
    as_of: datetime | None  # last purchase counting as a sale: "today" of recency and status line
    profile: Mapping[str, float] = field(default_factory=dict)  # what the monitors follow

    @property
    def source_rows(self) -> dict[str, int]:
        """Rows read from each source file (by contract table name); staging drops none."""
        return {s.table: self.row_counts[staging_model(s).name] for s in SOURCE_FILES}


# Small row groups let DuckDB write each table compressed while the model runs, on both threads,
# instead of one single-threaded checkpoint at commit (measured: commit 1.4 s -> 0.06 s at scale 1).
ROW_GROUP_SIZE = 16_384
# The published file is a public contract that analysts open with their own DuckDB tools: write it
# in a storage format every DuckDB since 1.2 reads (the duckdb CLI on PyPI is still 1.x).
STORAGE_VERSION = "v1.2.0"
# FSST (string compression by symbol tables) cost a third of the CPU of writing each table, on
# columns that are mostly random 32-character hex ids it barely shrinks (measured at scale 1: the
# six largest core and mart tables 1.97 -> 1.40 s CPU; the file ~10% larger). Dictionary and the
# other methods stay: they are cheap and make statuses, states and dates small.
DISABLED_COMPRESSION = "fsst"
# Each model commits on its own (concurrent_models.py): DuckDB's automatic checkpoint after a
# commit (at 16 MB of log) made one model at a time 1.2x the wall and CPU of one transaction at
# scale 10. The tables' rows are written to the file as they are inserted, so the log holds only
# small tables and metadata (8 MB at most at scale 3): one checkpoint, when the file is closed.
CHECKPOINT_THRESHOLD = "1TB"
# The ids of orders, customers and reviews are random 32-character hex strings, about one row per
# id in every table holding them, so a dictionary never pays on them: DuckDB tried one on each
# segment and kept it uncompressed all the same (every segment of them at scale 1 but 3 of 19 in
# mart_kpi_items). Declared uncompressed, they are written without the try, which cost a quarter
# of the build's CPU at scale 10 (benchmarks/ingest_shapes.py, variant ids-uncompressed). Product
# and seller ids repeat over the items, where a dictionary does pay: they stay as DuckDB chooses.
UNCOMPRESSED_COLUMNS = frozenset({"order_id", "customer_id", "customer_unique_id", "review_id"})
# Up to this much input, models that do not read each other run two (`threads`) at a time: a
# query on tables this small leaves cores idle (at scale 1, 127 MB, one model at a time used
# 1.3-1.5 of 2 cores; the ingest 0.92-0.94x the wall side by side). At scale 10 (1.27 GB) each query
# keeps the threads busy itself, and two at once under the build's memory cap cost 1.13x the
# CPU and 1.10x the wall (benchmarks/results/ingest_floor.txt): one at a time there.
CONCURRENT_MODELS_UP_TO_BYTES = 256 * 2**20
# Bump when tables, columns or macros change incompatibly: readers refuse other formats clearly.
WAREHOUSE_FORMAT = "13"


def connect(
    path: Path, resources: DuckDbResources = DEFAULT_RESOURCES
) -> duckdb.DuckDBPyConnection:
    """Open (or create) a warehouse file, as the default catalog, with the build's settings."""
    con = connect_duckdb(resources, writes=path)
    options = f"ROW_GROUP_SIZE {ROW_GROUP_SIZE}, STORAGE_VERSION '{STORAGE_VERSION}'"
    con.execute(f"ATTACH ? AS warehouse ({options})", [str(path)])
    con.execute("USE warehouse")
    con.execute(f"SET disabled_compression_methods = '{DISABLED_COMPRESSION}'")
    con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
    return con


class WarehouseBuilder:
    """Builds one warehouse file; use one builder per build. Cancelling its token (from any
    thread) stops the build before the next model and interrupts the running query."""

    def __init__(
        self,
        *,
        on_step: StepCallback | None = None,
        cancel: CancelToken | None = None,
        resources: DuckDbResources = DEFAULT_RESOURCES,
        purchase_tolerance_days: int = DEFAULT_TOLERANCE_DAYS,
        profiles: bool = True,
    ) -> None:
        self._profiles = profiles  # off only to measure what profiling adds (benchmarks)
        self._on_step = on_step
        self._cancel = cancel or token_in_scope()
        self._resources = resources
        self._purchase_tolerance_days = purchase_tolerance_days
        self._workers = 1  # models run at once: set per build, from the input's size

    def build(
        self, source: SourceSet, target: Path, stamp: Mapping[str, str] | None = None
    ) -> BuildResult:
        """Build target (which must not exist yet); on any failure or cancel it is removed.

        Raises SourceError for bad input, BuildCancelled if cancelled.
        """
        if target.exists():
            raise FileExistsError(f"{target} already exists; a warehouse is built into a new file")
        row_counts: dict[str, int] = {}
        durations: dict[PipelineStep, float] = {}
        resources = self._resources.for_input(source.size_bytes)
        small = source.size_bytes <= CONCURRENT_MODELS_UP_TO_BYTES
        self._workers = resources.threads if small else 1
        con = connect(target, resources)
        try:
            with interrupted_on_cancel(con, self._cancel):
                self._build(con, source, row_counts, durations)
                profile = profile_warehouse(con, row_counts) if self._profiles else {}
                as_of = _scalar(con, "SELECT max(as_of_at) FROM mart_customer_rfm")
                row_counts["workbench_snapshot"] = _write_stamp(con, stamp or {}, as_of)
                con.execute(sql_file("infrastructure.warehouse", "comments.sql"))
                con.commit()
        except QueryCancelled as exc:
            self._discard(con, target)
            raise BuildCancelled("The build was cancelled.") from exc
        except duckdb.OutOfMemoryException:
            self._discard(con, target)
            capped = resources.memory_limit != self._resources.memory_limit
            raise OutOfMemory(
                f"DuckDB ran out of memory building the warehouse (duckdb_memory_limit "
                f"{self._resources.memory_limit}"
                + (f", {resources.memory_limit} for this input" if capped else "")
                + f", duckdb_threads {resources.threads}): "
                "raise the limit, use fewer threads, or point duckdb_temp_directory at a disk "
                "with room to spill."
            ) from None
        except BaseException as exc:
            self._discard(con, target)
            full = no_room(exc, target.parent, "the new warehouse")
            if full is not None:
                raise full from exc
            raise
        con.close()
        return BuildResult(target, row_counts, durations, as_of, profile)

    def _build(
        self,
        con: duckdb.DuckDBPyConnection,
        source: SourceSet,
        row_counts: dict[str, int],
        durations: dict[PipelineStep, float],
    ) -> None:
        self._step(PipelineStep.VALIDATE, durations, lambda: (0, source.validate()))
        self._step(PipelineStep.STAGE, durations, lambda: self._stage(con, source, row_counts))
        self._step(PipelineStep.CORE, durations, lambda: self._run(con, CORE_MODELS, row_counts))
        self._step(PipelineStep.MARTS, durations, lambda: self._run(con, MART_MODELS, row_counts))
        con.begin()

    def _step(
        self,
        step: PipelineStep,
        durations: dict[PipelineStep, float],
        work: Callable[[], tuple[int, str]],
    ) -> None:
        pause_at(step, self._cancel)
        self._check_cancelled()
        started = time.perf_counter()
        rows, detail = work()
        durations[step] = (time.perf_counter() - started) * 1000
        if self._on_step is not None:
            self._on_step(step, rows, durations[step], detail)

    def _stage(
        self, con: duckdb.DuckDBPyConnection, source: SourceSet, counts: dict[str, int]
    ) -> tuple[int, str]:
        counts["ref_brazil_states"] = seed_reference_data(con, self._purchase_tolerance_days)
        files = list(source.files())
        tasks = [
            Task(staging_model(contract).name, frozenset(), _stager(contract, path))
            for contract, path in sorted(files, key=lambda f: f[1].stat().st_size, reverse=True)
        ]  # the largest file first: it takes longest
        staged = self._concurrently(con, tasks)
        names = [staging_model(contract).name for contract, _ in files]
        counts.update((name, staged[name]) for name in names)  # in the contract's order
        return sum(staged.values()), "every value typed as the contract says"

    def _run(
        self, con: duckdb.DuckDBPyConnection, models: tuple[Model, ...], counts: dict[str, int]
    ) -> tuple[int, str]:
        written = self._concurrently(con, model_tasks(models))
        by_name = _by_name(models)
        tables = {name: rows for name, rows in written.items() if by_name[name].holds_rows}
        counts.update(tables)
        return sum(tables.values()), f"{len(tables)} tables"

    def _concurrently(self, con: duckdb.DuckDBPyConnection, tasks: list[Task]) -> dict[str, int]:
        def open_connection() -> duckdb.DuckDBPyConnection:
            cursor = con.cursor()
            cursor.execute("USE warehouse")
            set_reference_variables(cursor, self._purchase_tolerance_days)
            return cursor

        self._check_cancelled()
        return run_concurrently(
            tasks,
            workers=self._workers,
            open_connection=open_connection,
            cancel=self._cancel,
        )

    def _check_cancelled(self) -> None:
        self._cancel.raise_if_cancelled()

    def _discard(self, con: duckdb.DuckDBPyConnection, target: Path) -> None:
        con.close()
        for leftover in (target, target.with_name(target.name + ".wal")):
            leftover.unlink(missing_ok=True)


def _stager(contract: SourceFile, path: Path) -> Work:
    """The work staging one source file: its typed table, then the file's first bad row or
    inexact value, if any, as a SourceError naming its line."""

    def stage(con: duckdb.DuckDBPyConnection) -> int:
        create_source_view(con, contract, path)
        try:
            rows = _create(con, staging_model(contract))
        except (duckdb.InterruptException, duckdb.OutOfMemoryException):
            raise
        except duckdb.Error as exc:
            if is_no_room(exc):
                raise  # not the file's fault: build() tells where the room ran out
            raise _unreadable(contract.file_name, exc) from exc
        raise_first_rejected_row(con, contract, path)
        raise_first_inexact_value(con, contract, path)
        return rows

    return stage


def model_tasks(models: tuple[Model, ...]) -> list[Task]:
    """The models as tasks, in build order: each waits for the tables and macros of `models` it
    reads (its lineage); the temp views it reads, and theirs, are created on its connection
    before it."""
    by_name = _by_name(models)
    upstream = {lineage.name: lineage.upstream_models for lineage in warehouse_lineage(models)}

    def temp_views(name: str) -> list[str]:
        reached = [r for r in upstream[name] if by_name[r].temporary]
        return [*(view for r in reached for view in temp_views(r)), *reached]

    def task(model: Model) -> Task:
        views = sorted(set(temp_views(model.name)), key=lambda v: models.index(by_name[v]))
        reads = {r for name in (model.name, *views) for r in upstream[name]} - set(views)
        statements = tuple((view, by_name[view].create_statement()) for view in views)
        return Task(model.name, frozenset(reads), partial(_create_model, model), statements)

    return [task(model) for model in models if not model.temporary]


def _by_name(models: tuple[Model, ...]) -> dict[str, Model]:
    return {model.name: model for model in models}


def _create_model(model: Model, con: duckdb.DuckDBPyConnection) -> int:
    return _create(con, model)


def _create(con: duckdb.DuckDBPyConnection, model: Model) -> int:
    """Create a model; return the rows it wrote (0 for a view or a macro)."""
    if not model.holds_rows:
        con.execute(model.create_statement())
        return 0
    return create_table(con, model.name, model.sql())


def create_table(con: duckdb.DuckDBPyConnection, name: str, query: str) -> int:
    """CREATE TABLE name AS query, but declared from the query's columns and types with
    UNCOMPRESSED_COLUMNS stored uncompressed, then filled by INSERT ... SELECT (in the query's
    order, as CREATE TABLE AS keeps it); return the rows written."""
    relation = con.sql(query)  # bound, not run: the columns and types the table gets
    types = (str(kind) for kind in relation.types)
    columns = ", ".join(
        _column(column, kind) for column, kind in zip(relation.columns, types, strict=True)
    )
    con.execute(f"CREATE TABLE {name} ({columns})")
    result = con.execute(f"INSERT INTO {name}\n{query}").fetchone()
    return int(result[0]) if result else 0


def _column(name: str, kind: str) -> str:
    stored = " USING COMPRESSION uncompressed" if name in UNCOMPRESSED_COLUMNS else ""
    return f"{quote_identifier(name)} {kind}{stored}"


def _unreadable(file_name: str, exc: duckdb.Error) -> SourceError:
    reason = str(exc).split("\n", 1)[0]
    return SourceError(
        f"{file_name} could not be read ({reason}). Check that it is an unmodified Olist export.",
        file_name=file_name,
    )


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> datetime | None:
    row = con.execute(sql).fetchone()
    return None if row is None else row[0]


def _write_stamp(
    con: duckdb.DuckDBPyConnection, stamp: Mapping[str, str], as_of: datetime | None
) -> int:
    """Label the file with where it came from (run id, source), so any reader can tell, and
    its as-of moment, so the status line reads it without scanning a mart."""
    labels = {**stamp, "warehouse_format": WAREHOUSE_FORMAT}
    if as_of is not None:
        labels["as_of"] = as_of.isoformat(sep=" ")
    con.execute("CREATE TABLE workbench_snapshot (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.executemany("INSERT INTO workbench_snapshot VALUES (?, ?)", list(labels.items()))
    return len(labels)
