"""Port of the operational metadata store: runs, quality rules and results, segments, exports.

Two adapters implement it (PostgreSQL for teams, SQLite embedded) and share one contract test suite.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from domain.entities.ingestion_run import IngestionRun, RunStatus, RunStep
from domain.entities.quality import FailingSample, RuleStatus, Severity
from domain.errors import DomainError


class MetadataStoreError(DomainError):
    """The metadata store cannot be used; the message says where and why (never a password)."""


class MetadataStoreLost(MetadataStoreError):
    """The store stopped answering or dropped the connection in the middle of the work.

    Nothing more can be recorded until it is back: a run that meets this stops at once, and
    its record, left running, is marked interrupted at the next start."""


@dataclass(frozen=True)
class QualityRuleRecord:
    """A stored quality rule: what it checks (kind, params, model) and how much it matters."""

    rule_id: str
    description: str
    kind: str
    model: str
    params: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.ERROR
    threshold: float = 0.0
    enabled: bool = True
    defect: str = ""  # why the stored row cannot be checked (entities/rule_definition.py)


@dataclass(frozen=True)
class QualityResultRecord:
    run_id: int
    rule_id: str
    status: RuleStatus
    failing_count: int
    severity: Severity
    sample_keys: tuple[str, ...] = ()
    duration_ms: float = 0.0
    message: str = ""
    failing_sample: FailingSample | None = None  # saved with the result, read on its own


@dataclass(frozen=True)
class SegmentSize:
    segment: str
    customers: int
    revenue: str  # Decimal as text: exact in both backends


@dataclass(frozen=True)
class ExportRecord:
    export_id: int
    run_id: int | None
    view: str
    format: str
    path: str
    rows: int
    created_at: datetime


@dataclass(frozen=True)
class SavedViewRecord:
    """A named KPI view: which view, the series grain and the filters as entered (JSON-able:
    date_from, date_to as YYYY-MM-DD or None, states and categories as lists)."""

    name: str
    view: str
    grain: str
    filters: Mapping[str, Any] = field(default_factory=dict)
    saved_by: str = ""
    saved_at: datetime | None = None


@dataclass(frozen=True)
class PackedAssignments:
    """A run's customer → segment assignment packed: `ids` holds one `id_bytes`-byte id per
    customer, `codes` one byte per customer, an index into `names`."""

    ids: bytes
    id_bytes: int
    codes: bytes
    names: tuple[str, ...]


class MetadataStore(ABC):
    """Everything the application persists about its own operation."""

    backend: str

    @abstractmethod
    def schema_version(self) -> int: ...

    # -- ingestion runs -------------------------------------------------------------------------
    @abstractmethod
    def start_run(
        self,
        source_path: str,
        fingerprint: str,
        host: str,
        pid: int,
        warehouse_id: str = "",
        started_by: str = "",
    ) -> int:
        """Record a new running run; `started_by` says who started it ("workbench: cli",
        "dagster: schedule daily", ...)."""

    @abstractmethod
    def record_fingerprint(self, run_id: int, fingerprint: str) -> None: ...

    @abstractmethod
    def record_step(self, run_id: int, step: RunStep) -> None: ...

    @abstractmethod
    def finish_run(
        self,
        run_id: int,
        status: RunStatus,
        *,
        error: str = "",
        warehouse_path: str = "",
        as_of: datetime | None = None,
        row_counts: Mapping[str, int] | None = None,
        blocking_rules: Sequence[str] = (),
    ) -> None: ...

    @abstractmethod
    def mark_publishing(
        self,
        run_id: int,
        warehouse_path: str,
        as_of: datetime | None,
        row_counts: Mapping[str, int],
    ) -> None:
        """The running run is about to swap its snapshot in as `warehouse_path`."""

    @abstractmethod
    def get_run(self, run_id: int) -> IngestionRun | None: ...

    @abstractmethod
    def list_runs(self, limit: int = 50, warehouse_id: str = "") -> list[IngestionRun]:
        """The latest runs, newest first, of warehouse `warehouse_id` unless it is ''."""

    @abstractmethod
    def latest_run(
        self, status: RunStatus | None = None, warehouse_id: str = ""
    ) -> IngestionRun | None:
        """The latest run (in `status`), of warehouse `warehouse_id` unless it is ''."""

    @abstractmethod
    def previous_run(self, run_id: int, status: RunStatus) -> IngestionRun | None:
        """The latest run before `run_id` of the same warehouse that ended in `status`."""

    @abstractmethod
    def run_steps(self, run_id: int) -> list[RunStep]: ...

    @abstractmethod
    def mark_interrupted(self, run_ids: Sequence[int], reason: str) -> int: ...

    # -- quality ----------------------------------------------------------------------------------
    @abstractmethod
    def list_rules(self) -> list[QualityRuleRecord]: ...

    @abstractmethod
    def save_rule(self, rule: QualityRuleRecord) -> None: ...

    @abstractmethod
    def update_rule(
        self,
        rule_id: str,
        *,
        severity: Severity | None = None,
        threshold: float | None = None,
        enabled: bool | None = None,
    ) -> None: ...

    @abstractmethod
    def save_results(self, results: Sequence[QualityResultRecord]) -> None: ...

    @abstractmethod
    def results_for_run(self, run_id: int) -> list[QualityResultRecord]: ...

    @abstractmethod
    def recent_results(self, runs: int, warehouse_id: str = "") -> list[QualityResultRecord]:
        """Results of the `runs` latest runs (of warehouse `warehouse_id` unless it is '') that
        have quality results, by run then rule."""

    @abstractmethod
    def failing_sample(self, run_id: int, rule_id: str) -> FailingSample | None:
        """The failing rows kept with `rule_id`'s result of run `run_id`; None if none were."""

    # -- segments ---------------------------------------------------------------------------------
    @abstractmethod
    def save_segment_snapshot(
        self,
        run_id: int,
        sizes: Sequence[SegmentSize],
        assignments: Sequence[tuple[str, str]],
    ) -> None: ...

    @abstractmethod
    def segment_sizes(self, run_id: int) -> list[SegmentSize]: ...

    @abstractmethod
    def segment_assignments(self, run_id: int) -> dict[str, str]: ...

    def packed_segment_assignments(self, run_id: int) -> PackedAssignments | None:
        """The run's assignment as stored, packed, if the store keeps it so (None: read
        segment_assignments). Comparing two runs of ~1M customers packed needs no Python
        string per customer."""
        return None

    @abstractmethod
    def save_segment_migration(
        self, previous_run: int, current_run: int, counts: Mapping[tuple[str, str], int]
    ) -> None:
        """Keep how many customers went from each segment of `previous_run` (or '(new)') to
        each of `current_run` (or '(gone)'), replacing what was kept for that pair."""

    @abstractmethod
    def segment_migration(
        self, previous_run: int, current_run: int
    ) -> dict[tuple[str, str], int] | None:
        """The counts kept by save_segment_migration; None if none are kept for that pair (or
        the assignment of either run was saved again since)."""

    @abstractmethod
    def segment_snapshot_runs(self, limit: int = 50, warehouse_id: str = "") -> list[int]:
        """Runs (of warehouse `warehouse_id` unless it is '') whose customer assignment is
        stored, newest first."""

    @abstractmethod
    def prune_segment_assignments(self, keep: int, warehouse_id: str = "") -> int:
        """Drop the customer assignments of all but the newest `keep` runs of warehouse
        `warehouse_id` (of every warehouse if it is ''); sizes stay."""

    # -- exports ----------------------------------------------------------------------------------
    @abstractmethod
    def record_export(
        self, run_id: int | None, view: str, fmt: str, path: str, rows: int
    ) -> int: ...

    @abstractmethod
    def list_exports(self, limit: int = 50) -> list[ExportRecord]: ...

    # -- saved views ------------------------------------------------------------------------------
    @abstractmethod
    def save_view(self, view: SavedViewRecord) -> None:
        """Store the view under its name, replacing one of the same name."""

    @abstractmethod
    def saved_views(self) -> list[SavedViewRecord]:
        """Every saved view, by name."""

    @abstractmethod
    def delete_view(self, name: str) -> bool:
        """Forget the view; False when there was none of that name."""

    @abstractmethod
    def close(self) -> None: ...
