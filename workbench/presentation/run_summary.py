"""How a run ends, in the lines the command line prints (`workbench ingest`, `--batch`)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from domain.entities.ingestion_run import RunStatus
from domain.entities.quality import GateOutcome, RuleOutcome, Severity
from workbench.presentation.formats import plural

if TYPE_CHECKING:  # the Ingestion screen's progress lines must not load the ingestion service
    from workbench.application.ingestion import IngestionOutcome
    from workbench.application.quality_report import RuleFlip


def step_line(step: str, rows: int, duration_ms: float, detail: str) -> str:
    """A finished step: what it did (rows, or its detail when it writes none) and how long."""
    did = f"{rows:,} rows" + (f" ({detail})" if detail else "") if rows or not detail else detail
    return f"{step}: {did} in {duration_ms:,.0f} ms"


def run_line(outcome: IngestionOutcome, warehouse: Path) -> str:
    """One line: what the run did, how long it took, how many orders, as of when."""
    if outcome.status not in (RunStatus.SUCCEEDED, RunStatus.BLOCKED):
        return f"run #{outcome.run_id} {outcome.status}: {outcome.message}"
    line = (
        f"run #{outcome.run_id} {outcome.status} in {outcome.seconds:.1f} s: "
        f"{outcome.row_counts.get('fct_orders', 0):,} orders"
    )
    if outcome.as_of:
        line += f", as of {outcome.as_of:%Y-%m-%d}"
    return line + (f"; published {warehouse}" if outcome.published else "")


def quality_lines(
    gate: GateOutcome | None, level: Severity, flips: Iterable[RuleFlip], run_id: int
) -> list[str]:
    """How many rules of run `run_id` failed at `level` or above, each of them, and the flips."""
    failing = gate.failures_at_least(level) if gate else ()
    head = f"run #{run_id}, rules failing at {level} or above: {len(failing)}"
    return [head, *failing_rule_lines(failing), *flip_lines(flips, run_id)]


def monitor_lines(gate: GateOutcome | None, monitor_ids: Collection[str]) -> list[str]:
    """How many monitors judged the run and which of them flagged it, with their figures."""
    judged = [o for o in gate.outcomes if o.rule_id in monitor_ids] if gate else []
    flagged = [o for o in judged if o.failed]
    head = f"monitors: {len(judged)} judged, {len(flagged)} flagged"
    return [head, *(f"  monitor {o.severity}: {o.rule_id} {o.status} {o.message}" for o in flagged)]


def failing_rule_lines(outcomes: Iterable[RuleOutcome]) -> list[str]:
    return [
        f"  quality {o.severity}: {o.rule_id} {o.status} ({plural(o.failing_count, 'row')}) "
        f"{o.message}".rstrip()
        for o in outcomes
    ]


def flip_lines(flips: Iterable[RuleFlip], run_id: int) -> list[str]:
    """The rules of `run_id` that failed after passing in the run checked before it."""
    return [
        f"  flipped from pass since run #{flip.previous_run}: {flip.rule_id} "
        f"({flip.severity}, {plural(flip.failing_count, 'row')})"
        for flip in flips
        if flip.run == run_id
    ]
