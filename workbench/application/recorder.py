"""Records what the pipeline's events say into the metadata store: steps and outcomes of runs."""

from __future__ import annotations

from domain.entities.ingestion_run import RunStatus, RunStep
from domain.events.dispatcher import EventDispatcher
from domain.events.pipeline import RunFailed, SnapshotPublished, StepCompleted
from domain.repositories.metadata_store import MetadataStore


class MetadataRecorder:
    """Subscribed to the pipeline events for as long as the application lives."""

    def __init__(self, store: MetadataStore, events: EventDispatcher) -> None:
        self._store = store
        self._steps_recorded: dict[str, int] = {}
        events.subscribe(StepCompleted, self._on_step)
        events.subscribe(SnapshotPublished, self._on_published)
        events.subscribe(RunFailed, self._on_failed)

    def _record(self, run: str, step: RunStep) -> None:
        self._store.record_step(int(run), step)

    def _next_seq(self, run: str) -> int:
        self._steps_recorded[run] = self._steps_recorded.get(run, 0) + 1
        return self._steps_recorded[run]

    def _on_step(self, event: StepCompleted) -> None:
        step = RunStep(
            event.step,
            self._next_seq(event.aggregate_id),
            "ok",
            event.rows,
            event.duration_ms,
            event.detail,
        )
        self._record(event.aggregate_id, step)

    def _on_published(self, event: SnapshotPublished) -> None:
        self._steps_recorded.pop(event.aggregate_id, None)
        self._store.finish_run(
            int(event.aggregate_id),
            RunStatus.SUCCEEDED,
            warehouse_path=event.path,
            as_of=event.as_of,
            row_counts=event.row_counts,
        )

    def _on_failed(self, event: RunFailed) -> None:
        if event.step:
            step = RunStep(
                event.step,
                self._next_seq(event.aggregate_id),
                event.status,
                0,
                0.0,
                event.message.splitlines()[0] if event.message else "",
            )
            self._record(event.aggregate_id, step)
        self._steps_recorded.pop(event.aggregate_id, None)
        self._store.finish_run(
            int(event.aggregate_id),
            RunStatus(event.status),
            error=event.message,
            blocking_rules=event.blocking_rules,
        )
