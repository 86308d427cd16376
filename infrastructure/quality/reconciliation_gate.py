"""The publish gate's always-on critical check: source-to-warehouse reconciliation to the cent."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from domain.entities.quality import RuleOutcome, RuleStatus, Severity
from infrastructure.warehouse import reconcile

RULE_ID = "reconciliation.source_to_warehouse"
DESCRIPTION = "orders, items price, freight and payments in the warehouse equal the source files"


def reconciliation_outcome(warehouse: Path) -> RuleOutcome:
    started = time.perf_counter()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        result = reconcile(con)
    failures = result.failures
    message = "; ".join(
        f"{check.name}: source {check.expected} {check.unit}, warehouse {check.actual}"
        for check in failures
    )
    return RuleOutcome(
        rule_id=RULE_ID,
        description=DESCRIPTION,
        severity=Severity.CRITICAL,
        status=RuleStatus.FAIL if failures else RuleStatus.PASS,
        failing_count=len(failures),
        sample_keys=tuple(check.name for check in failures),
        duration_ms=(time.perf_counter() - started) * 1000,
        message=message,
    )
