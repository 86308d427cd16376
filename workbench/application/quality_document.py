"""The shareable quality document: the report, each failing rule's kept rows and the published
run's reconciliation figures — everything the HTML report shows, read in one place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from domain.entities.ingestion_run import RunStatus
from domain.entities.quality import FailingSample
from domain.errors import WarehouseNotPublished
from domain.repositories.metadata_store import MetadataStore
from workbench.application.ports import ReconciliationFigures
from workbench.application.quality import HISTORY_RUNS, QualityService
from workbench.application.quality_report import QualityReport


@dataclass(frozen=True)
class ReconciliationLine:
    """One source-to-warehouse check: the figure read from the files and the one loaded."""

    check: str
    unit: str  # "rows" or "BRL"
    source: Decimal
    warehouse: Decimal

    @property
    def difference(self) -> Decimal:
        return self.warehouse - self.source

    @property
    def matches(self) -> bool:
        return self.difference == 0


@dataclass(frozen=True)
class QualityDocument:
    report: QualityReport
    kept_failures: Mapping[str, FailingSample]  # rule id -> rows its latest result kept
    reconciliation: tuple[ReconciliationLine, ...]
    reconciled_run: int | None  # the published run whose warehouse the figures are of
    generated_at: datetime


class QualityDocumentService:
    def __init__(
        self,
        quality: QualityService,
        store: MetadataStore,
        reconciliation: ReconciliationFigures,
        warehouse_id: str = "",
    ) -> None:
        self._quality = quality
        self._store = store
        self._reconciliation = reconciliation
        self._warehouse_id = warehouse_id

    def document(self, runs: int = HISTORY_RUNS) -> QualityDocument:
        """The report over the `runs` latest checked runs; the reconciliation of the published
        warehouse (none when nothing is published)."""
        report = self._quality.report(runs)
        kept: dict[str, FailingSample] = {}
        for rule in report.rules:
            latest = rule.latest
            if latest is not None and latest.failing_count:
                sample = self._quality.kept_failures(rule.rule.rule_id, latest.run_id)
                if sample is not None:
                    kept[rule.rule.rule_id] = sample
        published = self._store.latest_run(RunStatus.SUCCEEDED, self._warehouse_id)
        lines: tuple[ReconciliationLine, ...] = ()
        if published is not None:
            try:
                figures = self._reconciliation()
            except WarehouseNotPublished:
                published = None
            else:
                lines = tuple(
                    ReconciliationLine(str(check), str(unit), Decimal(source), Decimal(loaded))
                    for check, unit, source, loaded in figures.iter_rows()
                )
        return QualityDocument(
            report,
            kept,
            lines,
            None if published is None else published.run_id,
            datetime.now().replace(microsecond=0),
        )
