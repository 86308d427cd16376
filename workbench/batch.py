"""Headless batch: ingest (optional), quality gate, exports, a short summary; exit code says how."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from domain.cancellation import CancelToken
from domain.entities.ingestion_run import RunStatus
from domain.entities.quality import Severity
from workbench.application.errors import UsageError
from workbench.application.exports import output_dir
from workbench.application.views import MART_VIEWS, SEGMENT_VIEWS
from workbench.container import Container
from workbench.exit_codes import ExitCode, of_run
from workbench.presentation.kpi_tables import KPI_VIEWS
from workbench.presentation.run_summary import monitor_lines, quality_lines, run_line
from workbench.progress import ConsoleProgress
from workbench.stop_signals import cancelling_on_signals


@dataclass(frozen=True)
class BatchRequest:
    source: Path | None
    out: Path
    fmt: str
    fail_on: Severity


def run_batch(container: Container, request: BatchRequest) -> ExitCode:
    container.recovery().run()
    quality = container.quality()
    blocked = False
    if request.source is not None:
        ConsoleProgress(container.events())
        token = CancelToken()
        with cancelling_on_signals(token) as received:
            outcome = container.ingestion().ingest(
                request.source, token, started_by="workbench: batch"
            )
        for warning in outcome.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if outcome.status not in (RunStatus.SUCCEEDED, RunStatus.BLOCKED):
            print(run_line(outcome, container.settings().warehouse_path), file=sys.stderr)
            return of_run(outcome.status, received.signum)
        run_id, gate, blocked = outcome.run_id, outcome.gate, outcome.status is RunStatus.BLOCKED
        print(run_line(outcome, container.settings().warehouse_path))
    else:
        published = container.run_history().latest_published()
        if published is None or not container.settings().warehouse_path.exists():
            raise UsageError("Nothing to export: no warehouse published yet. Pass --source PATH.")
        run_id, gate = published.run_id, quality.stored_gate(published.run_id)
    failing = gate.failures_at_least(request.fail_on) if gate else ()
    for line in quality_lines(gate, request.fail_on, quality.flips(), run_id):
        print(line)
    for line in monitor_lines(gate, quality.monitor_ids()):
        print(line)
    if blocked:
        print("quality gate blocked publishing; the previous snapshot stays published")
        return ExitCode.QUALITY

    views = MART_VIEWS + SEGMENT_VIEWS + KPI_VIEWS
    out = output_dir(request.out)
    exported = container.exports().export_views(views, request.fmt, out, run_id)
    rows = sum(item.rows for item in exported)
    print(f"exported {len(exported)} views ({rows:,} rows) as {request.fmt} to {request.out}")
    return ExitCode.QUALITY if failing else ExitCode.OK
