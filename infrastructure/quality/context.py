"""What a check needs to know besides the warehouse: the run it compares with, and the time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from domain.entities.ingestion_run import RunStatus
from domain.repositories.metadata_store import MetadataStore


@dataclass(frozen=True)
class CheckContext:
    checked_at: datetime
    previous_run_id: int | None = None
    previous_row_counts: Mapping[str, int] = field(default_factory=dict)


def context_for_run(store: MetadataStore, run_id: int) -> CheckContext:
    """Checks of run `run_id` compare volumes with the published run before it."""
    previous = store.previous_run(run_id, RunStatus.SUCCEEDED)
    if previous is None:
        return CheckContext(datetime.now())
    return CheckContext(datetime.now(), previous.run_id, dict(previous.row_counts))
