"""An ingestion run and its steps, as recorded in the metadata store."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class RunStatus(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    BLOCKED = "blocked"  # built, but the quality gate refused to publish it
    CANCELLED = "cancelled"
    INTERRUPTED = "interrupted"  # its process died while it was running


@dataclass(frozen=True)
class RunStep:
    name: str
    seq: int
    status: str
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

    @property
    def duration_s(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()
