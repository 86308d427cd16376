"""The batch summary's monitor lines: how many judged the run, and each flag with its figures."""

from __future__ import annotations

from domain.entities.quality import GateOutcome, RuleOutcome, RuleStatus, Severity
from workbench.presentation.run_summary import monitor_lines

GATE = GateOutcome(
    (
        RuleOutcome("orders.key.unique", "", Severity.CRITICAL, RuleStatus.FAIL, 3),
        RuleOutcome("monitor.volume.orders", "", Severity.WARNING, RuleStatus.PASS),
        RuleOutcome(
            "monitor.distribution.payment_type",
            "",
            Severity.WARNING,
            RuleStatus.FAIL,
            1,
            message="fct_payments.payment_type: 1.49 spike (expected 0-0.036)",
        ),
    )
)
MONITORS = {"monitor.volume.orders", "monitor.distribution.payment_type"}


def test_monitor_lines_count_the_judged_and_tell_each_flag() -> None:
    assert monitor_lines(GATE, MONITORS) == [
        "monitors: 2 judged, 1 flagged",
        "  monitor warning: monitor.distribution.payment_type fail "
        "fct_payments.payment_type: 1.49 spike (expected 0-0.036)",
    ]
    assert monitor_lines(None, MONITORS) == ["monitors: 0 judged, 0 flagged"]
