"""Learn what a measurement is expected to be from its history, and judge a new value by it.

Numbers: a z-score against the mean and sample standard deviation of the previous runs, widened
to a prediction interval (sd·√(1 + 1/n): the band a *new* value falls in, not the mean's).
Counts and rates are at least as noisy as counting itself (Poisson, binomial), and a band learned
from few runs is as wide as Student's t says it must be. Distributions: the
population-stability index (PSI) against the mean shares, judged by the PSI each training run
had against the others: the threshold is learned, never a constant.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence

from domain.entities.monitor import Band, Direction, Finding, MonitorSettings
from domain.services.student_t import t_multiplier

# A share never seen is taken as this small, so the PSI's logarithm stays finite.
_SHARE_FLOOR = 1e-4


def learned_band(
    history: Sequence[float],
    sensitivity: float,
    counts: bool = False,
    rate_of: float = 0.0,
    standard_error: float = 0.0,
) -> Band:
    """The band a new value falls in as rarely as `sensitivity` normal deviations allow: the
        history's mean ± Student's t multiplier × sd × √(1 + 1/n). A count's sd is at least √mean
        (Poisson); a rate over `rate_of` rows has at least the binomial sd √(p(1 − p)/rows); a mean
    has at least its `standard_error` (the values' sd / √rows)."""
    runs = len(history)
    mean = statistics.fmean(history)
    deviation = statistics.stdev(history) if runs > 1 else 0.0
    if counts:
        deviation = max(deviation, math.sqrt(max(mean, 0.0)))
    if rate_of > 0 and 0 <= mean <= 1:
        deviation = max(deviation, math.sqrt(mean * (1 - mean) / rate_of))
    deviation = max(deviation, standard_error)
    multiplier = t_multiplier(sensitivity, runs - 1) if runs > 1 else sensitivity
    spread = multiplier * deviation * math.sqrt(1 + 1 / runs)
    low = mean - spread
    if counts or rate_of > 0:  # neither a count nor a rate goes below 0
        low = max(low, 0.0)
    return Band(low, mean + spread, mean, deviation, runs)


def judge_number(
    metric: str,
    observed: float,
    history: Sequence[float],
    settings: MonitorSettings,
    counts: bool = False,
    rate_of: float = 0.0,
    standard_error: float = 0.0,
) -> Finding | None:
    """A finding when `observed` leaves the band learned from `history` in a direction the
    settings admit, by at least their minimum relative change; else None."""
    band = learned_band(history, settings.sensitivity, counts, rate_of, standard_error)
    if band.holds(observed):
        return None
    moved = Direction.SPIKE if observed > band.high else Direction.DROP
    if not settings.direction.admits(moved):
        return None
    change = observed - band.mean
    if band.mean != 0 and abs(change) < settings.min_change * abs(band.mean):
        return None
    scale = band.deviation * math.sqrt(1 + 1 / band.runs)
    score = change / scale if scale else math.copysign(math.inf, change)
    return Finding(metric, observed, band, moved, score)


def shares(counts: Mapping[str, float]) -> dict[str, float]:
    total = sum(counts.values())
    return {k: (v / total if total else 0.0) for k, v in counts.items()}


def stability_index(expected: Mapping[str, float], actual: Mapping[str, float]) -> float:
    """PSI = Σ (actual − expected)·ln(actual / expected) over every category of either."""
    psi = 0.0
    for category in set(expected) | set(actual):
        e = max(expected.get(category, 0.0), _SHARE_FLOOR)
        a = max(actual.get(category, 0.0), _SHARE_FLOOR)
        psi += (a - e) * math.log(a / e)
    return psi


def mean_shares(history: Sequence[Mapping[str, float]]) -> dict[str, float]:
    categories = dict.fromkeys(c for run in history for c in run)
    return {c: statistics.fmean(run.get(c, 0.0) for run in history) for c in categories}


def drift_band(history: Sequence[Mapping[str, float]], sensitivity: float) -> Band:
    """The PSI a run's mix is expected to stay under: learned from each training run's PSI
    against the mean shares of the others."""
    own_drifts = [
        stability_index(mean_shares([h for j, h in enumerate(history) if j != i]), run)
        for i, run in enumerate(history)
    ]
    band = learned_band(own_drifts, sensitivity)
    return Band(0.0, band.high, band.mean, band.deviation, band.runs)


def judge_distribution(
    metric: str,
    observed: Mapping[str, float],
    history: Sequence[Mapping[str, float]],
    settings: MonitorSettings,
    rows: float = 0.0,
) -> Finding | None:
    """A finding when the shares `observed` drift from the history's mean shares further
    (in PSI) than the training runs drifted from the others, with the category that moved most
    (relative to its share) named with its direction; else None. `rows`: those the observed
    shares are of (a share of few rows is a noisy one)."""
    psi = stability_index(mean_shares(history), observed)
    band = drift_band(history, settings.sensitivity)
    if band.holds(psi):
        return None
    moved = _largest_move(mean_shares(history), observed, history, settings, rows)
    if moved is None:
        return None
    category, share, share_band, direction = moved
    detail = (
        f"population stability index; {category} {share:.1%} {direction} "
        f"(expected {max(share_band.low, 0):.1%}-{share_band.high:.1%})"
    )
    scale = band.deviation * math.sqrt(1 + 1 / band.runs)
    score = (psi - band.mean) / scale if scale else math.inf
    return Finding(metric, psi, band, direction, score, detail)


def _largest_move(
    expected: Mapping[str, float],
    observed: Mapping[str, float],
    history: Sequence[Mapping[str, float]],
    settings: MonitorSettings,
    rows: float,
) -> tuple[str, float, Band, Direction] | None:
    """The category whose share moved most relative to its expected share, beyond its own
    band, the minimum change and in an admitted direction."""
    best: tuple[float, tuple[str, float, Band, Direction]] | None = None
    for category in set(expected) | set(observed):
        share = observed.get(category, 0.0)
        past = [run.get(category, 0.0) for run in history]
        finding = judge_number(category, share, past, settings, rate_of=rows)
        if finding is None:
            continue
        relative = abs(finding.relative_change)
        if best is None or relative > best[0]:
            best = (relative, (category, share, finding.band, finding.direction))
    return None if best is None else best[1]
