"""One ingestion run's record in the metadata store, written in one place as the run goes."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path

from domain.entities.ingestion_run import PipelineStep, RunStatus, RunStep, StepStatus
from domain.entities.quality import GateOutcome
from domain.repositories.metadata_store import MetadataStore
from workbench.application.quality import result_records


class RunRecord:
    """A run's rows: its start, the source's fingerprint, its steps in order, results and end.

    The run depends on its start, fingerprint and results: a failing write of one raises. Steps
    and the end describe a run that goes on without them: a failing write of one becomes a warning
    of the run, so a store hiccup never throws a good build away. A run ends once.
    """

    def __init__(self, store: MetadataStore, run_id: int) -> None:
        self.run_id = run_id
        self.warnings: list[str] = []
        self._store = store
        self._steps = 0
        self._ended = False

    @classmethod
    def start(cls, store: MetadataStore, source_path: Path) -> RunRecord:
        """Record a new run of this process, running; the fingerprint follows once it is read."""
        return cls(store, store.start_run(str(source_path), "", socket.gethostname(), os.getpid()))

    def fingerprint(self, fingerprint: str) -> None:
        self._store.record_fingerprint(self.run_id, fingerprint)

    def step_done(
        self, step: PipelineStep, rows: int, duration_ms: float, detail: str = ""
    ) -> None:
        self._step(RunStep(step, self._steps + 1, StepStatus.OK, rows, duration_ms, detail))

    def results(self, gate: GateOutcome) -> None:
        self._store.save_results(result_records(self.run_id, gate))

    def published(self, path: Path, as_of: datetime | None, row_counts: Mapping[str, int]) -> None:
        """The run ended with its snapshot published at `path`."""
        self._end(
            RunStatus.SUCCEEDED,
            lambda: self._store.finish_run(
                self.run_id,
                RunStatus.SUCCEEDED,
                warehouse_path=str(path),
                as_of=as_of,
                row_counts=row_counts,
            ),
        )

    def finished(
        self,
        status: RunStatus,
        message: str,
        step: PipelineStep | None = None,
        blocking_rules: Sequence[str] = (),
    ) -> None:
        """The run ended unpublished in `status`, cut short in `step` if it was in one."""
        if self._ended:  # e.g. Ctrl-C right after the publish: the published run stays so
            return
        if step is not None:
            detail = message.splitlines()[0] if message else ""
            self._step(RunStep(step, self._steps + 1, StepStatus.ended_by(status), 0, 0.0, detail))
        self._end(
            status,
            lambda: self._store.finish_run(
                self.run_id, status, error=message, blocking_rules=blocking_rules
            ),
        )

    def _step(self, step: RunStep) -> None:
        self._steps = step.seq
        self._keep_going(f"step {step.name}", lambda: self._store.record_step(self.run_id, step))

    def _end(self, status: RunStatus, write: Callable[[], None]) -> None:
        if self._ended:
            return
        self._ended = True
        self._keep_going(f"the run's end ({status})", write)

    def _keep_going(self, what: str, write: Callable[[], None]) -> None:
        try:
            write()
        except Exception as error:  # the run goes on; its outcome says what was not recorded
            self.warnings.append(f"recording {what} failed: {type(error).__name__}: {error}")
