"""Events of an ingestion run; they feed progress, alerts and the segment snapshots.

The aggregate id of a pipeline event is the run id, as text. The run's own record in the metadata
store is not written from these events: the ingestion service writes it directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from domain.entities.ingestion_run import PipelineStep, RunStatus
from domain.entities.quality import Severity
from domain.events.base import DomainEvent


@dataclass(frozen=True, kw_only=True)
class RunStarted(DomainEvent):
    source: str
    steps: tuple[PipelineStep, ...]


@dataclass(frozen=True, kw_only=True)
class StepStarted(DomainEvent):
    step: PipelineStep
    index: int
    total: int


@dataclass(frozen=True, kw_only=True)
class StepCompleted(DomainEvent):
    step: PipelineStep
    rows: int
    duration_ms: float
    detail: str = ""


@dataclass(frozen=True, kw_only=True)
class QualityRuleFailed(DomainEvent):
    rule_id: str
    severity: Severity
    failing_count: int


@dataclass(frozen=True, kw_only=True)
class SnapshotPublished(DomainEvent):
    path: str
    as_of: datetime | None
    row_counts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class RunFailed(DomainEvent):
    status: RunStatus  # failed, cancelled or blocked
    message: str
    step: PipelineStep | None = None  # the step that was running, if any
    blocking_rules: tuple[str, ...] = ()
