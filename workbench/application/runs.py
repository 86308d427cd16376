"""Run history: what the Ingestion screen and the status line show about past runs."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass

from domain.entities.ingestion_run import IngestionRun, RunStatus, RunStep
from domain.repositories.metadata_store import MetadataStore


@dataclass(frozen=True)
class RunDetail:
    run: IngestionRun
    steps: list[RunStep]


class RunHistoryService:
    def __init__(self, store: MetadataStore) -> None:
        self._store = store

    def recent(self, limit: int = 50) -> list[IngestionRun]:
        return self._store.list_runs(limit)

    def detail(self, run_id: int) -> RunDetail | None:
        run = self._store.get_run(run_id)
        return None if run is None else RunDetail(run, self._store.run_steps(run_id))

    def latest(self) -> IngestionRun | None:
        return self._store.latest_run()

    def latest_published(self) -> IngestionRun | None:
        return self._store.latest_run(RunStatus.SUCCEEDED)

    def recover_interrupted(self) -> int:
        """Mark runs left 'running' by a dead process on this host as interrupted."""
        host = socket.gethostname()
        stale = [
            run.run_id
            for run in self._store.list_runs(limit=200)
            if run.status is RunStatus.RUNNING and run.host == host and not _alive(run.pid)
        ]
        if not stale:
            return 0
        return self._store.mark_interrupted(stale, "the process running it stopped unexpectedly")


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
