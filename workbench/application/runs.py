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
    """Runs as recorded; `latest` and `latest_published` only of this warehouse (its id), so
    data dirs sharing one team store never see each other's runs as theirs."""

    def __init__(self, store: MetadataStore, warehouse_id: str = "") -> None:
        self._store = store
        self._warehouse_id = warehouse_id

    def recent(self, limit: int = 50) -> list[IngestionRun]:
        return self._store.list_runs(limit)

    def detail(self, run_id: int) -> RunDetail | None:
        run = self._store.get_run(run_id)
        return None if run is None else RunDetail(run, self._store.run_steps(run_id))

    def latest(self) -> IngestionRun | None:
        return self._store.latest_run(warehouse_id=self._warehouse_id)

    def latest_published(self) -> IngestionRun | None:
        return self._store.latest_run(RunStatus.SUCCEEDED, self._warehouse_id)
