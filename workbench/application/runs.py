"""Run history: what the Ingestion screen and the status line show about past runs."""

from __future__ import annotations

from dataclasses import dataclass

from domain.entities.ingestion_run import IngestionRun, RunStatus, RunStep
from domain.repositories.metadata_store import MetadataStore


@dataclass(frozen=True)
class RunDetail:
    run: IngestionRun
    steps: list[RunStep]


class RunHistoryService:
    """Runs as recorded, only of this warehouse (its id) unless asked for every warehouse's,
    so data dirs sharing one team store never see each other's runs as theirs."""

    def __init__(self, store: MetadataStore, warehouse_id: str = "") -> None:
        self._store = store
        self._warehouse_id = warehouse_id

    def recent(self, limit: int = 50, every_warehouse: bool = False) -> list[IngestionRun]:
        """The latest runs of this warehouse, or of every warehouse sharing the store."""
        return self._store.list_runs(limit, "" if every_warehouse else self._warehouse_id)

    def detail(self, run_id: int) -> RunDetail | None:
        run = self._store.get_run(run_id)
        return None if run is None else RunDetail(run, self._store.run_steps(run_id))

    def latest(self) -> IngestionRun | None:
        return self._store.latest_run(warehouse_id=self._warehouse_id)

    def latest_published(self) -> IngestionRun | None:
        return self._store.latest_run(RunStatus.SUCCEEDED, self._warehouse_id)
