"""Quality findings of one run: each rule's outcome, and whether the gate lets the run publish."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
