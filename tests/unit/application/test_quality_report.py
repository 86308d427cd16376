"""The quality report: trend marks, flips between the last two runs, the order of the rules."""

from __future__ import annotations

import json

from domain.entities.quality import RuleStatus, Severity
from domain.repositories.metadata_store import QualityResultRecord, QualityRuleRecord
from workbench.application.quality_report import QualityReport, RuleReport


def rule(rule_id: str, severity: str = "warning", enabled: bool = True) -> QualityRuleRecord:
    return QualityRuleRecord(
        rule_id, f"checks {rule_id}", "unique", "fct_orders", {}, Severity(severity), 0, enabled
    )


def result(run: int, rule_id: str, status: str, failing: int = 0) -> QualityResultRecord:
    return QualityResultRecord(run, rule_id, RuleStatus(status), failing, Severity.WARNING)


REPORT = QualityReport(
    (1, 2, 3),
    (
        RuleReport(
            rule("a.flipped", "error"),
            (result(1, "a.flipped", "pass"), None, result(3, "a.flipped", "fail", 8)),
        ),
        RuleReport(
            rule("b.growing"),
            (
                result(1, "b.growing", "fail", 2),
                result(2, "b.growing", "fail", 4),
                result(3, "b.growing", "fail", 8),
            ),
        ),
        RuleReport(
            rule("c.broke", "critical"),
            (
                result(1, "c.broke", "pass"),
                result(2, "c.broke", "pass"),
                result(3, "c.broke", "error"),
            ),
        ),
        RuleReport(
            rule("d.off", enabled=False),
            (result(1, "d.off", "pass"), result(2, "d.off", "pass"), result(3, "d.off", "fail", 1)),
        ),
        RuleReport(rule("e.new", "info"), (None, None, None)),
    ),
)


def test_trend_marks_pass_error_missing_and_scaled_failures() -> None:
    trends = {r.rule.rule_id: r.trend for r in REPORT.rules}
    assert trends == {
        "a.flipped": "· █",
        "b.growing": "▃▅█",
        "c.broke": "··!",
        "d.off": "··█",
        "e.new": "   ",
    }


def test_flips_are_enabled_rules_that_passed_in_the_previous_run_and_fail_now() -> None:
    assert [(f.rule_id, f.previous_run, f.run) for f in REPORT.flips] == [("c.broke", 2, 3)]


def test_the_frame_lists_failing_and_severe_rules_first() -> None:
    frame = REPORT.frame()
    assert frame["rule"].to_list() == ["a.flipped", "b.growing", "c.broke", "e.new", "d.off"]
    assert frame["status"].to_list() == ["fail", "fail", "error", "not run", "disabled"]


def test_markdown_and_json_carry_the_same_facts() -> None:
    markdown = REPORT.to_markdown()
    assert "| b.growing | warning | fail | 8 | `▃▅█` | checks b.growing |" in markdown
    assert "- c.broke (warning, 0 rows)" in markdown
    document = json.loads(REPORT.to_json())
    assert document["run_id"] == 3 and document["runs"] == [1, 2, 3]
    growing = next(r for r in document["rules"] if r["rule_id"] == "b.growing")
    assert [h["failing_count"] for h in growing["history"]] == [2, 4, 8]
    assert document["flips"] == [
        {
            "rule_id": "c.broke",
            "severity": "warning",
            "failing_count": 0,
            "previous_run": 2,
            "run": 3,
        }
    ]


def test_monitors_that_left_their_history_are_told_with_their_figures() -> None:
    told = "fct_orders.rows.2018-01: 0 drop (expected 12.78-139.2, mean 76, 5 runs)"
    monitor = QualityRuleRecord(
        "monitor.volume.orders_by_month",
        "orders per month",
        "volume_monitor",
        "fct_orders",
        {"grain": "month"},
        Severity.WARNING,
    )
    flagged = QualityResultRecord(
        3, monitor.rule_id, RuleStatus.FAIL, 1, Severity.WARNING, message=told
    )
    report = QualityReport((3,), (*REPORT.rules, RuleReport(monitor, (flagged,))))
    text = report.to_markdown()
    section = text.split("## Monitors that left their history\n", 1)[1]
    assert section == f"- monitor.volume.orders_by_month (warning): {told}\n"
    assert "## Monitors" not in REPORT.to_markdown()  # no monitor: no section
