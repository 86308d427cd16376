"""What the status line says: which snapshot is loaded and which metadata store is in use."""

from __future__ import annotations

from dataclasses import dataclass

from domain.entities.ingestion_run import IngestionRun
from workbench.services.runs import RunHistoryService


@dataclass(frozen=True)
class StatusInfo:
    warehouse: str
    store: str
    published: IngestionRun | None
    latest: IngestionRun | None

    def describe(self) -> str:
        if self.published is None:
            snapshot = "no snapshot published yet"
        else:
            run = self.published
            as_of = f"as of {run.as_of:%Y-%m-%d}" if run.as_of else "as of ?"
            orders = run.row_counts.get("fct_orders")
            rows = f", {orders:,} orders" if orders is not None else ""
            snapshot = f"snapshot run #{run.run_id} {as_of}{rows}"
        latest = ""
        if self.latest is not None and self.latest != self.published:
            latest = f" · last run #{self.latest.run_id} {self.latest.status}"
        return f"{snapshot}{latest} · warehouse {self.warehouse} · {self.store}"


class StatusService:
    def __init__(self, runs: RunHistoryService, warehouse: str, store: str) -> None:
        self._runs = runs
        self._warehouse = warehouse
        self._store = store

    def current(self) -> StatusInfo:
        return StatusInfo(
            self._warehouse, self._store, self._runs.latest_published(), self._runs.latest()
        )
