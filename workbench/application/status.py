"""What the status line says: which snapshot is loaded (run, as-of, rows) and which store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.entities.ingestion_run import IngestionRun
from domain.errors import WarehouseNotPublished
from workbench.application.ports import WarehouseQueries
from workbench.application.runs import RunHistoryService


@dataclass(frozen=True)
class LoadedSnapshot:
    run_id: int
    as_of: datetime | None
    orders: int
    items: int
    customers: int


@dataclass(frozen=True)
class StatusInfo:
    warehouse: str
    store: str
    loaded: LoadedSnapshot | None
    published: IngestionRun | None
    latest: IngestionRun | None
    problem: str = ""  # why no snapshot could be loaded, when one was published

    def describe(self) -> str:
        parts = [self._snapshot()]
        if (
            self.published is not None
            and not self.problem
            and (self.loaded is None or self.published.run_id > self.loaded.run_id)
        ):
            parts.append(f"newer snapshot #{self.published.run_id} published: ctrl+r loads it")
        if self.latest is not None and self.latest.run_id not in (
            self.published.run_id if self.published else None,
            self.loaded.run_id if self.loaded else None,
        ):
            parts.append(f"last run #{self.latest.run_id} {self.latest.status}")
        parts += [f"warehouse {self.warehouse}", self.store]
        return " · ".join(parts)

    def _snapshot(self) -> str:
        if self.loaded is None:
            return (
                f"no snapshot loaded: {self.problem}"
                if self.problem
                else ("no snapshot published yet")
            )
        snap = self.loaded
        as_of = f"as of {snap.as_of:%Y-%m-%d}" if snap.as_of else "as of ?"
        return (
            f"snapshot run #{snap.run_id} {as_of}, {snap.orders:,} orders, "
            f"{snap.items:,} items, {snap.customers:,} customers"
        )


class StatusService:
    def __init__(
        self, runs: RunHistoryService, warehouse: WarehouseQueries, path: str, store: str
    ) -> None:
        self._runs = runs
        self._warehouse = warehouse
        self._path = path
        self._store = store

    def loaded_snapshot(self) -> LoadedSnapshot | None:
        row = self._warehouse.records("snapshot_stamp")[0]
        return LoadedSnapshot(
            int(row["run_id"] or 0), row["as_of"], row["orders"], row["items"], row["customers"]
        )

    def current(self) -> StatusInfo:
        published = self._runs.latest_published()
        try:
            loaded, problem = self.loaded_snapshot(), ""
        except WarehouseNotPublished as error:
            loaded, problem = None, (str(error) if published is not None else "")
        return StatusInfo(self._path, self._store, loaded, published, self._runs.latest(), problem)
