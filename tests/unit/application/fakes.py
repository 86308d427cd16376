"""In-memory fakes of the ports the application services use, for unit tests without a database.

Each fake keeps what it was given and records what it was asked, so a test can say which named
query ran with which parameters, or what was stored. Adapters are tested on real databases.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

import polars as pl

from domain.aggregates.customer import Customer
from domain.aggregates.delivery import Delivery
from domain.aggregates.order import Order
from domain.aggregates.product import Product
from domain.aggregates.seller import Seller
from domain.cancellation import CancelToken
from domain.entities.ingestion_run import IngestionRun, RunStatus, RunStep
from domain.entities.quality import FailingSample, GateOutcome, Severity
from domain.repositories.customer_repository import CustomerRepository
from domain.repositories.delivery_repository import DeliveryRepository
from domain.repositories.metadata_store import (
    ExportRecord,
    MetadataStore,
    MetadataStoreLost,
    QualityResultRecord,
    QualityRuleRecord,
    SavedViewRecord,
    SegmentSize,
)
from domain.repositories.order_repository import OrderRepository
from domain.repositories.product_repository import ProductRepository
from domain.repositories.seller_repository import SellerRepository
from workbench.application.table_rows import frame_extremes, sort_rows

MOMENT = datetime(2018, 9, 1, 12, 0)
Answer = pl.DataFrame | Callable[[Mapping[str, Any]], pl.DataFrame]


class FakeWarehouse:
    """WarehouseQueries / NamedQueries: canned frames per query or table name; logs each call."""

    def __init__(
        self,
        answers: Mapping[str, Answer] | None = None,
        tables: Mapping[str, pl.DataFrame] | None = None,
    ) -> None:
        self.answers = dict(answers or {})
        self.tables = dict(tables or {})
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.is_stale = False

    def read_ahead(self) -> None:
        """Nothing to read: the answers are in memory."""

    def query(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        *,
        cancel: CancelToken | None = None,
    ) -> pl.DataFrame:
        bound = dict(params or {})
        self.calls.append((name, bound))
        if name not in self.answers:
            raise AssertionError(f"the test gave no answer for the query {name!r}")
        answer = self.answers[name]
        return answer if isinstance(answer, pl.DataFrame) else answer(bound)

    def records(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        *,
        cancel: CancelToken | None = None,
    ) -> list[dict[str, Any]]:
        return self.query(name, params, cancel=cancel).to_dicts()

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
        """The canned answer's rows `offset` to `offset + limit`, in its order or by `order`
        then every column (as the warehouse's pages); logged as `page <name>`."""
        bound = dict(params or {})
        self.calls.append((f"page {name}", {**bound, "offset": offset, "limit": limit}))
        frame = self._answer(name, bound)
        if order is not None:
            frame = sort_rows(frame, *order)
        return frame.slice(offset, limit)  # (None: to the end)

    def query_extremes(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        *,
        cancel: CancelToken | None = None,
    ) -> tuple[int, pl.DataFrame, int | None]:
        """The canned answer's row count, extremes (table_rows.frame_extremes) and the length
        nine in ten values of its first column do not exceed, if a text (the warehouse's
        quantile_disc); logged as `extremes <name>`."""
        bound = dict(params or {})
        self.calls.append((f"extremes {name}", bound))
        frame = self._answer(name, bound)
        typical = None
        if frame.width and frame.height and frame.schema.dtypes()[0] == pl.String:
            lengths = frame.get_column(frame.columns[0]).str.len_chars().drop_nulls().sort()
            if lengths.len():
                typical = int(lengths[max(math.ceil(0.9 * lengths.len()) - 1, 0)])
        return frame.height, frame_extremes(frame).frame, typical

    def _answer(self, name: str, bound: dict[str, Any]) -> pl.DataFrame:
        if name not in self.answers:
            raise AssertionError(f"the test gave no answer for the query {name!r}")
        answer = self.answers[name]
        return answer if isinstance(answer, pl.DataFrame) else answer(bound)

    def sql_text(self, name: str) -> str:
        return f"-- the statement of {name}"

    def table(self, name: str, *, cancel: CancelToken | None = None) -> pl.DataFrame:
        self.calls.append((f"table {name}", {}))
        return self.tables[name]

    def reload(self) -> None:
        self.is_stale = False

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]


class StoreDown(Exception):
    """What a store write raises when a test makes it fail."""


class FakeMetadataStore(MetadataStore):
    """The metadata store port in dicts and lists, with a log of the run writes (`writes`) and
    writes a test can make fail (`failing`: their names) or find the store gone (`lost`)."""

    backend = "memory"

    def __init__(self, failing: Sequence[str] = (), lost: Sequence[str] = ()) -> None:
        self.writes: list[tuple[Any, ...]] = []
        self.failing = set(failing)
        self.lost = set(lost)
        self.runs: dict[int, IngestionRun] = {}
        self.steps: dict[int, list[RunStep]] = {}
        self.rules: dict[str, QualityRuleRecord] = {}
        self.results: dict[tuple[int, str], QualityResultRecord] = {}
        self.sizes: dict[int, list[SegmentSize]] = {}
        self.assignments: dict[int, dict[str, str]] = {}
        self.migrations: dict[tuple[int, int], dict[tuple[str, str], int]] = {}
        self.exports: list[ExportRecord] = []
        self.views: dict[str, SavedViewRecord] = {}

    # -- helpers for tests ---------------------------------------------------------------------
    def add_run(self, status: RunStatus, **facts: Any) -> int:
        run_id = len(self.runs) + 1
        self.runs[run_id] = IngestionRun(run_id, status, "/data/olist", MOMENT, **facts)
        return run_id

    def add_rules(self, *rules: QualityRuleRecord) -> None:
        for rule in rules:
            self.save_rule(rule)

    def _write(self, name: str, *args: Any) -> None:
        if name in self.failing:
            raise StoreDown(f"{name} refused")
        if name in self.lost:
            raise MetadataStoreLost(f"Lost the store: no answer to {name} within 3 s")
        self.writes.append((name, *args))

    # -- the port ------------------------------------------------------------------------------
    def schema_version(self) -> int:
        return 1

    def start_run(
        self,
        source_path: str,
        fingerprint: str,
        host: str,
        pid: int,
        warehouse_id: str = "",
        started_by: str = "",
    ) -> int:
        self._write("start_run", source_path)
        run_id = self.add_run(RunStatus.RUNNING, host=host, pid=pid, warehouse_id=warehouse_id)
        self.runs[run_id] = replace(
            self.runs[run_id],
            source_path=source_path,
            source_fingerprint=fingerprint,
            started_by=started_by,
        )
        return run_id

    def record_fingerprint(self, run_id: int, fingerprint: str) -> None:
        self._write("record_fingerprint", run_id, fingerprint)
        self.runs[run_id] = replace(self.runs[run_id], source_fingerprint=fingerprint)

    def record_step(self, run_id: int, step: RunStep) -> None:
        self._write("record_step", run_id, step.seq, step.name, step.status)
        self.steps.setdefault(run_id, []).append(step)

    def finish_run(
        self,
        run_id: int,
        status: RunStatus,
        *,
        error: str = "",
        warehouse_path: str = "",
        as_of: datetime | None = None,
        row_counts: Mapping[str, int] | None = None,
        blocking_rules: Sequence[str] = (),
    ) -> None:
        self._write("finish_run", run_id, status)
        self.runs[run_id] = replace(
            self.runs[run_id],
            status=status,
            finished_at=MOMENT,
            error=error,
            warehouse_path=warehouse_path,
            as_of=as_of,
            row_counts=dict(row_counts or {}),
            blocking_rules=tuple(blocking_rules),
        )

    def mark_publishing(
        self,
        run_id: int,
        warehouse_path: str,
        as_of: datetime | None,
        row_counts: Mapping[str, int],
    ) -> None:
        self._write("mark_publishing", run_id)
        self.runs[run_id] = replace(
            self.runs[run_id],
            status=RunStatus.PUBLISHING,
            warehouse_path=warehouse_path,
            as_of=as_of,
            row_counts=dict(row_counts),
        )

    def get_run(self, run_id: int) -> IngestionRun | None:
        return self.runs.get(run_id)

    def list_runs(self, limit: int = 50, warehouse_id: str = "") -> list[IngestionRun]:
        runs = [r for r in self.runs.values() if warehouse_id in ("", r.warehouse_id)]
        return sorted(runs, key=lambda run: -run.run_id)[:limit]

    def _of(self, warehouse_id: str) -> set[int]:
        """Ids of the runs of warehouse `warehouse_id` (all known ones if it is '')."""
        return {r.run_id for r in self.list_runs(len(self.runs), warehouse_id)}

    def latest_run(
        self, status: RunStatus | None = None, warehouse_id: str = ""
    ) -> IngestionRun | None:
        return next(
            (
                r
                for r in self.list_runs()
                if status in (None, r.status) and warehouse_id in ("", r.warehouse_id)
            ),
            None,
        )

    def previous_run(self, run_id: int, status: RunStatus) -> IngestionRun | None:
        warehouse = self.runs[run_id].warehouse_id
        return next(
            (
                r
                for r in self.list_runs()
                if r.run_id < run_id and r.status is status and r.warehouse_id == warehouse
            ),
            None,
        )

    def run_steps(self, run_id: int) -> list[RunStep]:
        return list(self.steps.get(run_id, []))

    def mark_interrupted(self, run_ids: Sequence[int], reason: str) -> int:
        for run_id in run_ids:
            self.finish_run(run_id, RunStatus.INTERRUPTED, error=reason)
        return len(run_ids)

    def list_rules(self) -> list[QualityRuleRecord]:
        return sorted(self.rules.values(), key=lambda rule: rule.rule_id)

    def save_rule(self, rule: QualityRuleRecord) -> None:
        self.rules[rule.rule_id] = rule

    def update_rule(
        self,
        rule_id: str,
        *,
        severity: Severity | None = None,
        threshold: float | None = None,
        enabled: bool | None = None,
    ) -> None:
        rule = self.rules[rule_id]
        self.rules[rule_id] = replace(
            rule,
            severity=rule.severity if severity is None else severity,
            threshold=rule.threshold if threshold is None else threshold,
            enabled=rule.enabled if enabled is None else enabled,
        )

    def save_results(self, results: Sequence[QualityResultRecord]) -> None:
        self._write("save_results", *sorted({result.run_id for result in results}))
        for run_id in {result.run_id for result in results}:
            self.results = {key: r for key, r in self.results.items() if key[0] != run_id}
        self.results.update({(r.run_id, r.rule_id): r for r in results})

    def results_for_run(self, run_id: int) -> list[QualityResultRecord]:
        return [r for (run, _), r in sorted(self.results.items()) if run == run_id]

    def recent_results(self, runs: int, warehouse_id: str = "") -> list[QualityResultRecord]:
        checked = {run for run, _ in self.results}
        if warehouse_id:
            checked &= self._of(warehouse_id)
        latest = sorted(checked, reverse=True)[:runs]
        return [r for (run, _), r in sorted(self.results.items()) if run in latest]

    def failing_sample(self, run_id: int, rule_id: str) -> FailingSample | None:
        kept = self.results.get((run_id, rule_id))
        return None if kept is None else kept.failing_sample

    def save_segment_snapshot(
        self, run_id: int, sizes: Sequence[SegmentSize], assignments: Sequence[tuple[str, str]]
    ) -> None:
        self.sizes[run_id] = list(sizes)
        self.assignments[run_id] = dict(assignments)
        for pair in [pair for pair in self.migrations if run_id in pair]:
            del self.migrations[pair]

    def segment_sizes(self, run_id: int) -> list[SegmentSize]:
        return list(self.sizes.get(run_id, []))

    def segment_assignments(self, run_id: int) -> dict[str, str]:
        return dict(self.assignments.get(run_id, {}))

    def save_segment_migration(
        self, previous_run: int, current_run: int, counts: Mapping[tuple[str, str], int]
    ) -> None:
        self.migrations[(previous_run, current_run)] = {pair: n for pair, n in counts.items() if n}

    def segment_migration(
        self, previous_run: int, current_run: int
    ) -> dict[tuple[str, str], int] | None:
        return dict(self.migrations.get((previous_run, current_run), {})) or None

    def segment_snapshot_runs(self, limit: int = 50, warehouse_id: str = "") -> list[int]:
        stored = set(self.assignments)
        if warehouse_id:
            stored &= self._of(warehouse_id)
        return sorted(stored, reverse=True)[:limit]

    def prune_segment_assignments(self, keep: int, warehouse_id: str = "") -> int:
        dropped = self.segment_snapshot_runs(len(self.assignments), warehouse_id)[keep:]
        for run_id in dropped:
            del self.assignments[run_id]
        return len(dropped)

    def record_export(self, run_id: int | None, view: str, fmt: str, path: str, rows: int) -> int:
        export_id = len(self.exports) + 1
        self.exports.append(ExportRecord(export_id, run_id, view, fmt, path, rows, MOMENT))
        return export_id

    def list_exports(self, limit: int = 50) -> list[ExportRecord]:
        return list(reversed(self.exports))[:limit]

    def save_view(self, view: SavedViewRecord) -> None:
        self.views[view.name] = view

    def saved_views(self) -> list[SavedViewRecord]:
        return [self.views[name] for name in sorted(self.views)]

    def delete_view(self, name: str) -> bool:
        return self.views.pop(name, None) is not None

    def close(self) -> None:
        """Nothing to release."""


@dataclass
class FakeGate:
    """QualityGate: gives `outcome` and records the (warehouse, run id) it was asked to check."""

    outcome: GateOutcome = field(default_factory=lambda: GateOutcome(()))
    checked: list[tuple[Path, int]] = field(default_factory=list)

    def evaluate(self, warehouse: Path, run_id: int, cancel: object = None) -> GateOutcome:
        self.checked.append((warehouse, run_id))
        return self.outcome


@dataclass
class FakeFailingRows:
    """FailingRows: one frame for any rule; records which rule and limit were asked for."""

    frame: pl.DataFrame = field(default_factory=pl.DataFrame)
    asked: list[tuple[str, int]] = field(default_factory=list)

    def __call__(self, rule: QualityRuleRecord, limit: int) -> pl.DataFrame:
        self.asked.append((rule.rule_id, limit))
        return self.frame


@dataclass
class FakeFrameWriter:
    """FrameWriter: writes nothing, keeps (name of the file, format, rows) of each frame."""

    written: list[tuple[str, str, int]] = field(default_factory=list)

    def __call__(self, frame: pl.DataFrame, path: Path, fmt: str) -> Path:
        self.written.append((path.name, fmt, frame.height))
        return path


def frame_text(frame: pl.DataFrame, fmt: str) -> str:
    """FrameText: enough to see which frame and format were asked for."""
    return f"{fmt}:{frame.height} rows"


T = TypeVar("T")


class _ById(Generic[T]):
    """An id-keyed store with the ports' prefix completion (ascending, limited)."""

    def __init__(self, items: Mapping[str, T]) -> None:
        self.items = dict(items)
        self.asked: list[str] = []

    def get(self, key: str) -> T | None:
        self.asked.append(key)
        return self.items.get(key)

    def search_ids(self, prefix: str, limit: int = 20) -> list[str]:
        return sorted(key for key in self.items if key.startswith(prefix))[:limit]


class FakeOrders(_ById[Order], OrderRepository):
    def __init__(self, *orders: Order) -> None:
        super().__init__({order.order_id: order for order in orders})


class FakeCustomers(_ById[Customer], CustomerRepository):
    def __init__(self, *customers: Customer) -> None:
        super().__init__({customer.customer_unique_id: customer for customer in customers})


class FakeSellers(_ById[Seller], SellerRepository):
    def __init__(self, *sellers: Seller) -> None:
        super().__init__({seller.seller_id: seller for seller in sellers})


class FakeProducts(_ById[Product], ProductRepository):
    """Uses the port's own get_many (one get per distinct id)."""

    def __init__(self, *products: Product) -> None:
        super().__init__({product.product_id: product for product in products})


class FakeDeliveries(_ById[Delivery], DeliveryRepository):
    def __init__(self, *deliveries: Delivery) -> None:
        super().__init__({delivery.order_id: delivery for delivery in deliveries})


def deliveries_of(orders: Iterable[Order]) -> FakeDeliveries:
    return FakeDeliveries(*(order.delivery for order in orders))
