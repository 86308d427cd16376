"""The quality report: every stored rule with its results over recent runs, and what flipped."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from domain.entities.monitor import MONITOR_KINDS
from domain.entities.quality import RuleStatus, Severity
from domain.repositories.metadata_store import QualityResultRecord, QualityRuleRecord

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl

SEVERITIES = tuple(Severity)
DISABLED, NOT_RUN = "disabled", "not run"
STATUSES = (str(RuleStatus.FAIL), str(RuleStatus.ERROR), str(RuleStatus.PASS), NOT_RUN, DISABLED)
_BARS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class RuleFlip:
    """A rule that passed in the previous run and fails (or errors) in the latest one."""

    rule_id: str
    severity: Severity
    failing_count: int
    previous_run: int
    run: int


@dataclass(frozen=True)
class RuleReport:
    rule: QualityRuleRecord
    results: tuple[QualityResultRecord | None, ...]  # one per run of the report, oldest first

    @property
    def latest(self) -> QualityResultRecord | None:
        return self.results[-1] if self.results else None

    @property
    def status(self) -> str:
        """A malformed stored rule is in error at once: no check of it can run."""
        if not self.rule.enabled:
            return DISABLED
        if self.rule.defect:
            return str(RuleStatus.ERROR)
        return NOT_RUN if self.latest is None else self.latest.status

    @property
    def message(self) -> str:
        if self.rule.defect:
            return f"malformed rule: {self.rule.defect}"
        return self.latest.message if self.latest else ""

    @property
    def failing_count(self) -> int | None:
        return None if self.latest is None else self.latest.failing_count

    @property
    def trend(self) -> str:
        """One character per run: · pass, ! error, blank not run, a bar for failing rows."""
        most = max((r.failing_count for r in self.results if r is not None), default=0) or 1
        marks = []
        for result in self.results:
            if result is None:
                marks.append(" ")
            elif result.status == RuleStatus.PASS:
                marks.append("·")
            elif result.status == RuleStatus.ERROR:
                marks.append("!")
            else:
                marks.append(_BARS[min(len(_BARS) - 1, result.failing_count * len(_BARS) // most)])
        return "".join(marks)


@dataclass(frozen=True)
class QualityReport:
    run_ids: tuple[int, ...]  # runs with results, oldest first
    rules: tuple[RuleReport, ...]

    @property
    def latest_run(self) -> int | None:
        return self.run_ids[-1] if self.run_ids else None

    @property
    def flips(self) -> tuple[RuleFlip, ...]:
        """Rules that went from pass to fail or error between the last two runs."""
        if len(self.run_ids) < 2:
            return ()
        flips = []
        for report in self.rules:
            before, now = report.results[-2], report.results[-1]
            if (
                report.rule.enabled
                and before is not None
                and now is not None
                and before.status == RuleStatus.PASS
                and now.status != RuleStatus.PASS
            ):
                flips.append(
                    RuleFlip(
                        report.rule.rule_id,
                        now.severity,
                        now.failing_count,
                        self.run_ids[-2],
                        self.run_ids[-1],
                    )
                )
        return tuple(flips)

    def rule(self, rule_id: str) -> RuleReport | None:
        return next((r for r in self.rules if r.rule.rule_id == rule_id), None)

    def frame(self) -> pl.DataFrame:
        """One row per rule, failing and severe first; severity and status sort by rank."""
        import polars as pl

        frame = pl.DataFrame(
            {
                "rule": [r.rule.rule_id for r in self.rules],
                "check": [r.rule.description for r in self.rules],
                "model": [r.rule.model for r in self.rules],
                "severity": [r.rule.severity for r in self.rules],
                "status": [r.status for r in self.rules],
                "failing": [r.failing_count for r in self.rules],
                "threshold": [r.rule.threshold for r in self.rules],
                "trend": [r.trend for r in self.rules],
                "kind": [r.rule.kind for r in self.rules],
                "message": [r.message for r in self.rules],
            },
            schema_overrides={
                "severity": pl.Enum([str(s) for s in SEVERITIES]),
                "status": pl.Enum(list(STATUSES)),
                "failing": pl.Int64,
                "threshold": pl.Float64,
            },
        )
        return frame.sort(["status", "severity", "rule"])

    def to_markdown(self) -> str:
        """The report as Markdown: a summary line, one table row per rule, the flips."""
        frame = self.frame()
        counts = frame.group_by("status").len().rows()
        ordered = sorted(counts, key=lambda count: STATUSES.index(count[0]))
        summary = ", ".join(f"{n} {status}" for status, n in ordered)
        runs = ", ".join(f"#{run}" for run in self.run_ids)
        lines = [
            f"# Quality report, run #{self.latest_run}",
            "",
            f"{frame.height} rules: {summary}. Trend over runs {runs}.",
            "",
            "| rule | severity | status | failing | trend | check |",
            "|---|---|---|---:|---|---|",
        ]
        for row in frame.iter_rows(named=True):
            failing = "" if row["failing"] is None else f"{row['failing']:,}"
            lines.append(
                f"| {row['rule']} | {row['severity']} | {row['status']} | {failing} "
                f"| `{row['trend']}` | {row['check']} |"
            )
        if self.flips:
            lines += ["", f"## Flipped from pass to fail since run #{self.flips[0].previous_run}"]
            lines += [f"- {f.rule_id} ({f.severity}, {f.failing_count:,} rows)" for f in self.flips]
        return "\n".join(lines + self._monitor_lines()) + "\n"

    def _monitor_lines(self) -> list[str]:
        """Each monitor that did not pass, with what it measured against its learned band."""
        flagged = [
            r
            for r in self.rules
            if r.rule.kind in MONITOR_KINDS and r.status not in (RuleStatus.PASS, DISABLED, NOT_RUN)
        ]
        if not flagged:
            return []
        return [
            "",
            "## Monitors that left their history",
            *(f"- {r.rule.rule_id} ({r.rule.severity}): {r.message}" for r in flagged),
        ]

    def to_json(self) -> str:
        """The report as JSON: runs, every rule with its history, and the flips."""
        rules = [
            {
                "rule_id": r.rule.rule_id,
                "description": r.rule.description,
                "kind": r.rule.kind,
                "model": r.rule.model,
                "params": dict(r.rule.params),
                "severity": r.rule.severity,
                "threshold": r.rule.threshold,
                "enabled": r.rule.enabled,
                "status": r.status,
                "failing_count": r.failing_count,
                "sample_keys": list(r.latest.sample_keys) if r.latest else [],
                "message": r.message,
                "history": [
                    None
                    if result is None
                    else {
                        "run_id": result.run_id,
                        "status": result.status,
                        "failing_count": result.failing_count,
                    }
                    for result in r.results
                ],
            }
            for r in self.rules
        ]
        flips = [asdict(flip) for flip in self.flips]
        document = {"run_id": self.latest_run, "runs": list(self.run_ids), "rules": rules}
        return json.dumps({**document, "flips": flips}, indent=2) + "\n"
