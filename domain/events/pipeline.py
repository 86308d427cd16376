"""Events of an ingestion run; they feed progress, the metadata recorder and alerts.

The aggregate id of a pipeline event is the run id, as text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from domain.events.base import DomainEvent


@dataclass(frozen=True, kw_only=True)
class RunStarted(DomainEvent):
    source: str
    steps: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class StepStarted(DomainEvent):
    step: str
    index: int
    total: int


@dataclass(frozen=True, kw_only=True)
class StepCompleted(DomainEvent):
    step: str
    rows: int
    duration_ms: float
    detail: str = ""


@dataclass(frozen=True, kw_only=True)
class QualityRuleFailed(DomainEvent):
    rule_id: str
    severity: str
    failing_count: int


@dataclass(frozen=True, kw_only=True)
class SnapshotPublished(DomainEvent):
    path: str
    as_of: datetime | None
    row_counts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class RunFailed(DomainEvent):
    status: str  # failed, cancelled or blocked
    message: str
    step: str = ""  # the step that was running, if any
    blocking_rules: tuple[str, ...] = ()
