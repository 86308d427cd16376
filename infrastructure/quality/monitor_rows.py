"""The measurements behind a monitor's verdict on the published run, for the Quality drill-down:
each one's observed value beside the band learned from history, the flagged ones first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.repositories.metadata_store import QualityRuleRecord
from infrastructure.quality.monitors import Judged, MonitorChecks, MonitorError

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl


def _detail(judged: Judged) -> str:
    if judged.finding is not None:
        return judged.finding.detail
    if judged.band.holds(judged.observed):
        return ""
    if ".share." in judged.metric:
        return "outside its band (the mix is judged as one, by its PSI)"
    return "outside its band, not flagged: below the minimum change or not the watched direction"


def monitor_rows(
    monitors: MonitorChecks, rule: QualityRuleRecord, run_id: int, limit: int
) -> pl.DataFrame:
    """One row per measurement judged (or per schema change), flagged first; a monitor that
    could not judge gives one row saying why."""
    import polars as pl

    try:
        verdict = monitors.judge(rule, run_id)
    except MonitorError as error:
        return pl.DataFrame({"note": [str(error)]})
    if not verdict.judged:  # the schema monitor, or too little history
        changes = list(verdict.findings_text) or [verdict.note]
        return pl.DataFrame({"finding": changes[:limit]})
    rows = sorted(verdict.judged, key=lambda j: (j.finding is None, j.metric))[:limit]
    return pl.DataFrame(
        {
            "measurement": [j.metric for j in rows],
            "flag": [str(j.finding.direction) if j.finding else "" for j in rows],
            "observed": [j.observed for j in rows],
            "expected_low": [j.band.low for j in rows],
            "expected_high": [j.band.high for j in rows],
            "mean": [j.band.mean for j in rows],
            "sd": [j.band.deviation for j in rows],
            "score": [j.finding.score if j.finding else None for j in rows],
            "runs": [j.band.runs for j in rows],
            "detail": [_detail(j) for j in rows],
        },
        schema_overrides={"score": pl.Float64},
    )
