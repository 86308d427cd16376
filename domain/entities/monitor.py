"""Monitors: quality rules whose expectation is learned from the run history, not written down.

A monitor follows measurements of each published run (a table's rows, a column's null rate, the
shares of a category) and flags the run whose value leaves that measurement's own history.
Its settings live in the rule's parameters, so they are stored and edited like any rule's.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

VOLUME = "volume_monitor"  # rows of a table, or of each purchase month (grain "month")
PROFILE = "profile_monitor"  # null rate, distinct count, min/max/mean, text length per column
DISTRIBUTION = "distribution_monitor"  # shares of a categorical column (population stability)
SCHEMA = "schema_drift"  # columns of the source files and their types, against the last run
MONITOR_KINDS: tuple[str, ...] = (VOLUME, PROFILE, DISTRIBUTION, SCHEMA)
LEARNED_KINDS: tuple[str, ...] = (VOLUME, PROFILE, DISTRIBUTION)


class Direction(StrEnum):
    SPIKE = "spike"
    DROP = "drop"
    BOTH = "both"

    def admits(self, moved: Direction) -> bool:
        return self is Direction.BOTH or self is moved


@dataclass(frozen=True)
class MonitorSettings:
    """How a monitor judges: sensitivity in standard deviations (Elementary's default 3), the
    direction worth a flag, the relative change below which nothing is flagged, and how many
    previous published runs it learns from (`training_runs` at most, `min_training_runs` at
    least)."""

    sensitivity: float = 3.0
    direction: Direction = Direction.BOTH
    min_change: float = 0.1
    training_runs: int = 10
    min_training_runs: int = 5


DEFAULTS = MonitorSettings()
SETTING_NAMES = ("sensitivity", "direction", "min_change", "training_runs", "min_training_runs")


def settings_problem(params: Mapping[str, Any]) -> str:
    """Why the monitor settings in `params` cannot be used, or '' when they can."""
    for name in ("sensitivity", "min_change"):
        value = params.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"the parameter {name!r} must be a number, not {value!r}"
        if not math.isfinite(value) or value < 0 or (name == "sensitivity" and value == 0):
            return f"the parameter {name!r} must be a finite number above 0, not {value!r}"
    for name in ("training_runs", "min_training_runs"):
        value = params.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            return f"the parameter {name!r} must be a whole number of runs, not {value!r}"
        if value is not None and value < 2:
            return f"the parameter {name!r} must be 2 runs or more, not {value!r}"
    direction = params.get("direction", DEFAULTS.direction.value)
    if direction not in tuple(Direction):
        known = ", ".join(Direction)
        return f"direction must be one of {known}, not {direction!r}"
    most = params.get("training_runs", DEFAULTS.training_runs)
    least = params.get("min_training_runs", DEFAULTS.min_training_runs)
    if least > most:
        return f"min_training_runs ({least}) is more than training_runs ({most})"
    return ""


def monitor_settings(params: Mapping[str, Any]) -> MonitorSettings:
    """The settings of a monitor whose parameters passed settings_problem()."""
    return MonitorSettings(
        sensitivity=float(params.get("sensitivity", DEFAULTS.sensitivity)),
        direction=Direction(params.get("direction", DEFAULTS.direction.value)),
        min_change=float(params.get("min_change", DEFAULTS.min_change)),
        training_runs=int(params.get("training_runs", DEFAULTS.training_runs)),
        min_training_runs=int(params.get("min_training_runs", DEFAULTS.min_training_runs)),
    )


@dataclass(frozen=True)
class Band:
    """The values a measurement is expected to take, learned from `runs` previous runs."""

    low: float
    high: float
    mean: float
    deviation: float
    runs: int

    def holds(self, value: float) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True)
class Finding:
    """One measurement that left its history: what, how far, which way, against which band."""

    metric: str
    observed: float
    band: Band
    direction: Direction
    score: float  # standard deviations from the mean (a z-score), or the PSI of a distribution
    detail: str = ""

    @property
    def relative_change(self) -> float:
        if self.band.mean == 0:
            return math.inf if self.observed else 0.0
        return (self.observed - self.band.mean) / abs(self.band.mean)


@dataclass(frozen=True)
class SchemaChange:
    """A source file's column added, removed or retyped since the previous run."""

    file_name: str
    column: str
    change: str  # "added", "removed" or "retyped"
    before: str = ""
    after: str = ""

    def __str__(self) -> str:
        if self.change == "retyped":
            return f"{self.file_name}: column {self.column} retyped {self.before} -> {self.after}"
        return f"{self.file_name}: column {self.column} {self.change}"


@dataclass(frozen=True)
class SourceColumn:
    """A column of a source file as a run found it: its position, header name and read type."""

    file_name: str
    position: int
    name: str
    type: str


def schema_changes(
    before: tuple[SourceColumn, ...], after: tuple[SourceColumn, ...]
) -> tuple[SchemaChange, ...]:
    """Columns added, removed or retyped per file from `before` to `after` (by name); a type
    left unread ('') is no change."""
    changes: list[SchemaChange] = []
    files = dict.fromkeys(c.file_name for c in (*before, *after))
    for file_name in files:
        old = {c.name: c.type for c in before if c.file_name == file_name}
        new = {c.name: c.type for c in after if c.file_name == file_name}
        if not old or not new:
            continue  # a file one run did not read says nothing about its columns
        changes += [SchemaChange(file_name, n, "removed") for n in old if n not in new]
        changes += [SchemaChange(file_name, n, "added") for n in new if n not in old]
        changes += [
            SchemaChange(file_name, n, "retyped", old[n], new[n])
            for n in new
            if n in old and old[n] and new[n] and old[n] != new[n]
        ]
    return tuple(changes)
