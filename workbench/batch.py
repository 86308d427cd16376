"""Headless batch: ingest (optional), quality gate, exports, a short summary; exit code says how."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from domain.entities.ingestion_run import RunStatus
from domain.entities.quality import Severity
from workbench.application.errors import UsageError
from workbench.application.views import MART_VIEWS, SEGMENT_VIEWS
from workbench.container import Container
from workbench.presentation.kpi_tables import KPI_VIEWS
from workbench.progress import ConsoleProgress

EXIT_OK, EXIT_QUALITY, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class BatchRequest:
    source: Path | None
    out: Path
    fmt: str
    fail_on: Severity


def run_batch(container: Container, request: BatchRequest) -> int:
    container.run_history().recover_interrupted()
    run_id: int | None = None
    exit_code = EXIT_OK
    if request.source is not None:
        ConsoleProgress(container.events())
        outcome = container.ingestion().ingest(request.source)
        run_id = outcome.run_id
        for warning in outcome.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if outcome.status is RunStatus.FAILED:
            print(f"run #{outcome.run_id} failed: {outcome.message}", file=sys.stderr)
            return EXIT_USAGE
        if outcome.status is RunStatus.CANCELLED:
            print(f"run #{outcome.run_id} cancelled", file=sys.stderr)
            return EXIT_USAGE
        gate = outcome.gate
        failing = gate.failures_at_least(request.fail_on) if gate else ()
        print(
            f"run #{outcome.run_id} {outcome.status} in {outcome.seconds:.1f} s: "
            f"{outcome.row_counts.get('fct_orders', 0):,} orders"
            + (f", as of {outcome.as_of:%Y-%m-%d}" if outcome.as_of else "")
        )
        _print_failing(failing)
        for flip in container.quality().flips():
            if flip.run == outcome.run_id:
                print(
                    f"  flipped from pass since run #{flip.previous_run}: {flip.rule_id} "
                    f"({flip.severity}, {flip.failing_count:,} rows)"
                )
        if outcome.status is RunStatus.BLOCKED or failing:
            exit_code = EXIT_QUALITY
        if outcome.status is RunStatus.BLOCKED:
            print("quality gate blocked publishing; the previous snapshot stays published")
            return exit_code
    else:
        published = container.run_history().latest_published()
        if published is None or not container.settings().warehouse_path.exists():
            raise UsageError("Nothing to export: no warehouse published yet. Pass --source PATH.")
        run_id = published.run_id
        stored = [
            result
            for result in container.metadata_store().results_for_run(run_id)
            if result.status != "pass" and Severity(result.severity).at_least(request.fail_on)
        ]
        print(f"published run #{run_id}: {len(stored)} rules at or above {request.fail_on} failing")
        _print_failing(stored)
        if stored:
            exit_code = EXIT_QUALITY

    views = MART_VIEWS + SEGMENT_VIEWS + KPI_VIEWS
    exported = container.exports().export_views(views, request.fmt, request.out, run_id)
    rows = sum(item.rows for item in exported)
    print(f"exported {len(exported)} views ({rows:,} rows) as {request.fmt} to {request.out}")
    return exit_code


class _FailingRule(Protocol):
    """A rule's outcome in this run, or a stored result of the published run."""

    @property
    def severity(self) -> str: ...
    @property
    def rule_id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def failing_count(self) -> int: ...
    @property
    def message(self) -> str: ...


def _print_failing(rules: Sequence[_FailingRule]) -> None:
    for rule in rules:
        print(
            f"  quality {rule.severity}: {rule.rule_id} {rule.status} "
            f"({rule.failing_count:,} rows) {rule.message}".rstrip()
        )
