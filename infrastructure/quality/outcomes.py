"""The outcome of a rule that could not be judged: its own error, never the gate's."""

from __future__ import annotations

import time

from domain.entities.quality import RuleOutcome, RuleStatus
from domain.repositories.metadata_store import QualityRuleRecord


def error_outcome(rule: QualityRuleRecord, started: float, message: str) -> RuleOutcome:
    """`rule` in error with `message`, timed from `started` (a time.perf_counter() reading)."""
    return RuleOutcome(
        rule.rule_id,
        rule.description,
        rule.severity,
        RuleStatus.ERROR,
        duration_ms=(time.perf_counter() - started) * 1000,
        message=message,
    )
