"""Judge the monitor rules of a run: its stored profile against the previous published runs'.

Each monitor picks its measurements from the profile by name (profile.py), learns each one's band
from the history and flags those that leave it (domain/services/anomaly.py). The schema monitor
compares the source columns with the previous published run's.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain.entities.ingestion_run import RunStatus
from domain.entities.monitor import (
    DISTRIBUTION,
    PROFILE,
    SCHEMA,
    VOLUME,
    Band,
    Finding,
    MonitorSettings,
    monitor_settings,
    schema_changes,
)
from domain.entities.quality import RuleOutcome, verdict
from domain.entities.rule_definition import InvalidRule, check_definition
from domain.repositories.metadata_store import MetadataStore, QualityRuleRecord
from domain.repositories.run_profiles import RunProfiles
from domain.services.anomaly import (
    drift_band,
    judge_distribution,
    judge_number,
    learned_band,
    mean_shares,
    shares,
    stability_index,
)
from infrastructure.quality.outcomes import error_outcome

# Measures a profile monitor judges unless its `measures` parameter lists others. Min and max are
# profiled and shown too, but one record moves them (a single large price), so by default they
# are not grounds for a flag.
JUDGED_MEASURES = ("null_rate", "true_rate", "distinct", "mean", "length")
RATE_MEASURES = ("null_rate", "true_rate")
SHOWN_FINDINGS = 3  # findings told in full in the outcome's message; all are in the drill-down


@dataclass(frozen=True)
class Judged:
    """One measurement a monitor judged: observed, the band it learned, and the flag if any."""

    metric: str
    observed: float
    band: Band
    finding: Finding | None


@dataclass(frozen=True)
class MonitorVerdict:
    judged: tuple[Judged, ...] = ()
    findings_text: tuple[str, ...] = ()  # schema changes, or each flagged measurement
    note: str = ""  # why nothing could be judged, or what it was compared with


class MonitorError(Exception):
    """The monitor cannot be judged on this run; the message says why."""


class MonitorChecks:
    def __init__(self, store: MetadataStore, profiles: RunProfiles) -> None:
        self._store = store
        self._profiles = profiles

    def outcome(self, rule: QualityRuleRecord, run_id: int) -> RuleOutcome:
        """The monitor's outcome for run `run_id`; a monitor that cannot be judged is an error
        of its own."""
        started = time.perf_counter()
        try:
            judgement = self.judge(rule, run_id)
        except MonitorError as error:
            return error_outcome(rule, started, str(error))
        failing = len(judgement.findings_text)
        checked = len(judgement.judged) or None
        shown = list(judgement.findings_text[:SHOWN_FINDINGS])
        if failing > SHOWN_FINDINGS:
            shown.append(f"and {failing - SHOWN_FINDINGS} more (open the rule for all)")
        message = "; ".join(p for p in (judgement.note, *shown) if p)
        return RuleOutcome(
            rule.rule_id,
            rule.description,
            rule.severity,
            verdict(failing, checked, rule.threshold),
            failing_count=failing,
            sample_keys=tuple(_key(text) for text in judgement.findings_text[:20]),
            duration_ms=(time.perf_counter() - started) * 1000,
            message=message,
        )

    def judge(self, rule: QualityRuleRecord, run_id: int) -> MonitorVerdict:
        try:
            if rule.defect:
                raise InvalidRule(rule.defect)
            check_definition(rule.kind, rule.model, rule.params)
        except InvalidRule as invalid:
            raise MonitorError(f"malformed rule: {invalid}") from None
        if rule.kind == SCHEMA:
            return self._schema(run_id)
        settings = monitor_settings(rule.params)
        current = self._profiles.profile(run_id)
        if not current:
            raise MonitorError(f"run #{run_id} recorded no profile to judge")
        history = self._profiles.published_history(run_id, settings.training_runs)
        if len(history) < settings.min_training_runs:
            return MonitorVerdict(
                note=f"not enough history ({len(history)} of {settings.min_training_runs} runs)"
            )
        judged = _JUDGES[rule.kind](rule, current, history, settings)
        findings = tuple(_told(j) for j in judged if j.finding is not None)
        return MonitorVerdict(
            tuple(judged), findings, f"learned from {len(history)} published runs"
        )

    def _schema(self, run_id: int) -> MonitorVerdict:
        previous = self._store.previous_run(run_id, RunStatus.SUCCEEDED)
        if previous is None:
            return MonitorVerdict(note="no previous published run to compare with")
        before = self._profiles.source_columns(previous.run_id)
        after = self._profiles.source_columns(run_id)
        if not before or not after:
            return MonitorVerdict(note=f"run #{previous.run_id} or this run recorded no columns")
        changes = schema_changes(before, after)
        return MonitorVerdict(
            findings_text=tuple(str(c) for c in changes),
            note=f"compared with run #{previous.run_id}",
        )


def _key(text: str) -> str:
    """A finding's sample key: its measurement's name (the text before the first colon)."""
    return text.split(":", 1)[0]


def _told(judged: Judged) -> str:
    finding = judged.finding
    assert finding is not None
    band = finding.band
    detail = f", {finding.detail}" if finding.detail else ""
    return (
        f"{finding.metric}: {_number(finding.observed)} {finding.direction} "
        f"(expected {_number(band.low)}-{_number(band.high)}, mean {_number(band.mean)}, "
        f"sd {_number(band.deviation)}, score {finding.score:+.1f}, {band.runs} runs{detail})"
    )


def _number(value: float) -> str:
    if value == int(value) and abs(value) >= 1:
        return f"{value:,.0f}"
    return f"{value:,.4g}"


def _require(current: Mapping[str, float], metric: str, model: str) -> None:
    if metric not in current:
        raise MonitorError(f"the run's profile holds no {metric}: is {model} a profiled table?")


def _series(
    metric: str,
    current: Mapping[str, float],
    history: Sequence[Mapping[str, float]],
    settings: MonitorSettings,
    counts: bool = False,
    absent: float | None = None,
    rate_of: float = 0.0,
    standard_error: float = 0.0,
) -> Judged | None:
    """Judge one measurement; None when too few runs measured it."""
    past = [h.get(metric, absent) for h in history]
    values = [v for v in past if v is not None]
    if len(values) < settings.min_training_runs:
        return None
    observed = current.get(metric, absent if absent is not None else 0.0)
    band = learned_band(values, settings.sensitivity, counts, rate_of, standard_error)
    finding = judge_number(metric, observed, values, settings, counts, rate_of, standard_error)
    return Judged(metric, observed, band, finding)


def _volume(
    rule: QualityRuleRecord,
    current: Mapping[str, float],
    history: Sequence[Mapping[str, float]],
    settings: MonitorSettings,
) -> list[Judged]:
    metric = f"{rule.model}.rows"
    if rule.params.get("grain", "table") == "table":
        _require(current, metric, rule.model)
        judged = _series(metric, current, history, settings, counts=True)
        return [judged] if judged else []
    prefix = f"{metric}."
    months = sorted({m for run in (current, *history) for m in run if m.startswith(prefix)})
    if not months:
        raise MonitorError(f"the run's profile holds no monthly volume of {rule.model}")
    # A month some run measured counts as 0 in another; one no run measured enough is not judged.
    seen = [m for m in months if sum(m in h for h in history) >= settings.min_training_runs]
    return [j for m in seen if (j := _series(m, current, history, settings, True, 0.0))]


def _profile(
    rule: QualityRuleRecord,
    current: Mapping[str, float],
    history: Sequence[Mapping[str, float]],
    settings: MonitorSettings,
) -> list[Judged]:
    columns = rule.params.get("columns")
    measures = rule.params.get("measures", JUDGED_MEASURES)
    prefix = f"{rule.model}."
    metrics = [
        m
        for m in current
        if m.startswith(prefix)
        and m.count(".") == 2
        and m.rsplit(".", 1)[1] in measures
        and (not columns or m[len(prefix) :].split(".", 1)[0] in columns)
    ]
    if not metrics:
        raise MonitorError(f"the run's profile holds no column measure of {rule.model}")
    rows = current.get(f"{rule.model}.rows", 0.0)
    judged = []
    for metric in sorted(metrics):
        rate_of = rows if metric.endswith(RATE_MEASURES) else 0.0
        one = _series(
            metric,
            current,
            history,
            settings,
            counts=metric.endswith(".distinct"),  # a count of values: as noisy as counting
            rate_of=rate_of,
            standard_error=_error(metric, current, rows),
        )
        if one is not None:
            judged.append(one)
    return judged


def _error(metric: str, current: Mapping[str, float], rows: float) -> float:
    """A mean's standard error in this run (its column's sd / √ values); 0 for other measures."""
    if not metric.endswith(".mean"):
        return 0.0
    column = metric.removesuffix(".mean")
    values = rows * (1 - current.get(f"{column}.null_rate", 0.0))
    sd = current.get(f"{column}.sd", 0.0)
    return sd / math.sqrt(values) if values > 0 else 0.0


def _distribution(
    rule: QualityRuleRecord,
    current: Mapping[str, float],
    history: Sequence[Mapping[str, float]],
    settings: MonitorSettings,
) -> list[Judged]:
    metric = f"{rule.model}.{rule.params['column']}"
    prefix = f"{metric}.count."

    def mix(run: Mapping[str, float]) -> dict[str, float]:
        return shares({m[len(prefix) :]: v for m, v in run.items() if m.startswith(prefix)})

    observed = mix(current)
    if not observed:
        raise MonitorError(f"the run's profile holds no category counts of {metric}")
    past = [m for m in (mix(h) for h in history) if m]
    if len(past) < settings.min_training_runs:
        return []
    psi = stability_index(mean_shares(past), observed)
    rows = sum(v for m, v in current.items() if m.startswith(prefix))
    finding = judge_distribution(metric, observed, past, settings, rows)
    # Each category's share beside its own band, for the drill-down; the mix is judged as one.
    categories = sorted(set(observed).union(*past))
    return [
        Judged(metric, psi, drift_band(past, settings.sensitivity), finding),
        *(
            Judged(
                f"{metric}.share.{category}",
                observed.get(category, 0.0),
                learned_band(
                    [p.get(category, 0.0) for p in past], settings.sensitivity, rate_of=rows
                ),
                None,
            )
            for category in categories
        ),
    ]


_JUDGES = {VOLUME: _volume, PROFILE: _profile, DISTRIBUTION: _distribution}
