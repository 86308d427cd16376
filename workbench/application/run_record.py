"""One ingestion run's record in the metadata store, written in one place as the run goes."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path

from domain.entities.ingestion_run import PipelineStep, RunStatus, RunStep, StepStatus
from domain.entities.quality import GateOutcome
from domain.repositories.metadata_store import MetadataStore, MetadataStoreLost
from workbench.application.quality import result_records
from workbench.application.secrets import mask


class RunRecord:
    """A run's rows: its start, the source's fingerprint, its steps in order, results and end.

    The run depends on its start, fingerprint, results and `publishing` mark: a failing write of
    one raises. Steps and the end describe a run that goes on without them: a failing write of
    one becomes a warning of the run, so a store hiccup never throws a good build away (a run
    left publishing is settled at the next start). A lost store (it stopped answering) is no
    hiccup: before the swap its write raises and stops the run; either way the record writes
    nothing more, and the next start settles the run. A run ends once; a run whose snapshot was
    swapped in ends published, whatever stops it afterwards.
    """

    def __init__(self, store: MetadataStore, run_id: int) -> None:
        self.run_id = run_id
        self.warnings: list[str] = []
        self._store = store
        self._steps = 0
        self._ended = False
        self._abandoned = False
        self._swapped = False
        self._published: tuple[Path, datetime | None, dict[str, int]] | None = None

    @classmethod
    def start(
        cls,
        store: MetadataStore,
        source_path: Path,
        warehouse_id: str = "",
        started_by: str = "",
    ) -> RunRecord:
        """Record a new run of this process, running; the fingerprint follows once it is read."""
        run_id = store.start_run(
            str(source_path), "", socket.gethostname(), os.getpid(), warehouse_id, started_by
        )
        return cls(store, run_id)

    def fingerprint(self, fingerprint: str) -> None:
        self._must(lambda: self._store.record_fingerprint(self.run_id, fingerprint))

    def step_done(
        self, step: PipelineStep, rows: int, duration_ms: float, detail: str = ""
    ) -> None:
        self._step(RunStep(step, self._steps + 1, StepStatus.OK, rows, duration_ms, detail))

    def results(self, gate: GateOutcome) -> None:
        self._must(lambda: self._store.save_results(result_records(self.run_id, gate)))

    def publishing(self, path: Path, as_of: datetime | None, row_counts: Mapping[str, int]) -> None:
        """The run's snapshot is about to be swapped in at `path` (before the swap, or never)."""
        self._must(lambda: self._store.mark_publishing(self.run_id, str(path), as_of, row_counts))
        self._published = (path, as_of, dict(row_counts))

    def swapped(self) -> None:
        """The snapshot is in place: from now on the run can only end published."""
        self._swapped = True

    def published(self, path: Path, as_of: datetime | None, row_counts: Mapping[str, int]) -> bool:
        """The run ended with its snapshot published at `path`; False if that went unrecorded."""
        return self._end(
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
        if self._swapped and self._published:  # stopped after the swap: its snapshot is published
            self.published(*self._published)
            return
        message = mask(message)  # the history is shared on a team store: no secret goes in
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

    def _end(self, status: RunStatus, write: Callable[[], None]) -> bool:
        if self._ended:
            return True
        self._ended = True
        return self._keep_going(f"the run's end ({status})", write)

    def abandon(self) -> None:
        """The store is lost: write nothing more; the next start settles the run's record."""
        self._abandoned = True

    def _must(self, write: Callable[[], None]) -> None:
        """A write the run depends on; a lost store raises, and nothing more is written."""
        if self._abandoned:
            return
        try:
            write()
        except MetadataStoreLost:
            self.abandon()
            raise

    def _keep_going(self, what: str, write: Callable[[], None]) -> bool:
        if self._abandoned:
            return False
        try:
            write()
        except MetadataStoreLost as error:
            self.abandon()
            if not self._swapped:  # the run stops here, unpublished
                raise
            self.warnings.append(f"recording {what} failed: {error}")
            return False
        except Exception as error:  # the run goes on; its outcome says what was not recorded
            self.warnings.append(mask(f"recording {what} failed: {type(error).__name__}: {error}"))
            return False
        return True
