"""Quality findings of one run: each rule's outcome, and whether the gate lets the run publish."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.errors import DomainError


class RuleCheckFailed(DomainError):
    """A quality rule could not be checked; the message names the rule and the reason."""


class Severity(StrEnum):
    CRITICAL = "critical"  # blocks publishing
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe: info 0 … critical 3."""
        return (Severity.INFO, Severity.WARNING, Severity.ERROR, Severity.CRITICAL).index(self)

    def at_least(self, level: Severity) -> bool:
        return self.rank >= level.rank


class RuleStatus(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"  # the check itself could not run


def allowed_failures(threshold: float, checked: int | None) -> float:
    """Failing rows a rule tolerates: the threshold as a count when >= 1, else as a share of
    the rows checked (0 tolerates none)."""
    if threshold >= 1:
        return threshold
    return threshold * (checked or 0)


def verdict(failing: int, checked: int | None, threshold: float) -> RuleStatus:
    """Pass while the failing rows stay within the rule's threshold."""
    return RuleStatus.FAIL if failing > allowed_failures(threshold, checked) else RuleStatus.PASS


KEPT_FAILING_ROWS = 20  # failing rows a run keeps per rule unless configured (quality_sample_rows)


@dataclass(frozen=True)
class FailingSample:
    """The first failing rows of a rule as one run found them (capped): the columns the rule
    shows and each row's values as text, kept so a past run's failures can still be opened."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]


@dataclass(frozen=True)
class RuleOutcome:
    rule_id: str
    description: str
    severity: Severity
    status: RuleStatus
    failing_count: int = 0
    sample_keys: tuple[str, ...] = ()
    duration_ms: float = 0.0
    message: str = ""
    failing_sample: FailingSample | None = None

    @property
    def failed(self) -> bool:
        return self.status is not RuleStatus.PASS


@dataclass(frozen=True)
class GateOutcome:
    outcomes: tuple[RuleOutcome, ...]

    @property
    def blocking(self) -> tuple[RuleOutcome, ...]:
        """Failed critical rules: the run must not be published."""
        return tuple(o for o in self.outcomes if o.failed and o.severity is Severity.CRITICAL)

    @property
    def passed(self) -> bool:
        return not self.blocking

    def failures_at_least(self, level: Severity) -> tuple[RuleOutcome, ...]:
        return tuple(o for o in self.outcomes if o.failed and o.severity.at_least(level))
