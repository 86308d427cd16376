"""An ingestion run and its steps, as recorded in the metadata store."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class RunStatus(StrEnum):
    RUNNING = "running"
    PUBLISHING = "publishing"  # its snapshot is being swapped in; the next start settles it
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    BLOCKED = "blocked"  # built, but the quality gate refused to publish it
    CANCELLED = "cancelled"
    INTERRUPTED = "interrupted"  # its process died while it was running


class PipelineStep(StrEnum):
    """The steps of an ingestion run, in the order they run."""

    VALIDATE = "validate"
    STAGE = "stage"
    CORE = "core"
    MARTS = "marts"
    QUALITY = "quality"
    PUBLISH = "publish"


PIPELINE_STEPS = tuple(PipelineStep)
BUILD_STEPS = PIPELINE_STEPS[:4]  # the warehouse builder's own steps, reported by it

StepCallback = Callable[[PipelineStep, int, float, str], None]
"""Called after each build step with the step, the rows it wrote, its duration in ms and what it
did in words ("" when the rows say it all)."""


class StepStatus(StrEnum):
    """How a recorded step ended: done, or cut short as its run ended."""

    OK = "ok"
    FAILED = "failed"
    BLOCKED = "blocked"
    CANCELLED = "cancelled"

    @classmethod
    def ended_by(cls, run: RunStatus) -> StepStatus:
        """The status of the step that was running when its run ended in `run`."""
        return cls(run.value)


@dataclass(frozen=True)
class RunStep:
    name: PipelineStep
    seq: int
    status: StepStatus
    rows: int = 0
    duration_ms: float = 0.0
    detail: str = ""


@dataclass(frozen=True)
class IngestionRun:
    run_id: int
    status: RunStatus
    source_path: str
    started_at: datetime
    host: str = ""
    pid: int = 0
    source_fingerprint: str = ""
    finished_at: datetime | None = None
    warehouse_path: str = ""
    as_of: datetime | None = None
    row_counts: Mapping[str, int] = field(default_factory=dict)
    error: str = ""
    blocking_rules: tuple[str, ...] = ()
    warehouse_id: str = ""  # the warehouse it built (host and path); '' for older records
    started_by: str = ""  # who started it: "workbench: cli", "dagster: sensor ..."; '' if older

    @property
    def duration_s(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()
