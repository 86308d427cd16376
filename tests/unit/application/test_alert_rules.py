"""Which events become which alerts (AlertService, with fakes of its own ports)."""

from __future__ import annotations

from typing import Any

from domain.entities.ingestion_run import RunStatus
from domain.entities.operations import AlertAttempt, AlertNotDelivered
from domain.entities.quality import RuleStatus, Severity
from domain.events.dispatcher import EventDispatcher
from domain.events.pipeline import QualityRuleFailed, RunFailed, SnapshotPublished
from domain.repositories.metadata_store import QualityResultRecord
from workbench.application.alerts import AlertService, AlertSettings, webhook_label


class Store:
    """Results of run 1 (the previous checked run): `passed` pass, the rest fail."""

    def __init__(self, passed: tuple[str, ...]) -> None:
        self.passed = passed

    def recent_results(self, runs: int, warehouse_id: str = "") -> list[QualityResultRecord]:
        earlier = [
            QualityResultRecord(1, rule, RuleStatus.PASS, 0, Severity.ERROR) for rule in self.passed
        ]
        return [*earlier, QualityResultRecord(2, "x", RuleStatus.FAIL, 1, Severity.ERROR)]


class Notifier:
    name = "fake"

    def __init__(self, fail_times: int = 0) -> None:
        self.bodies: list[bytes] = []
        self.fail_times = fail_times

    def send(self, body: bytes, timeout: float) -> str:
        self.bodies.append(body)
        if self.fail_times:
            self.fail_times -= 1
            raise AlertNotDelivered("HTTP 502 Bad Gateway")
        return "HTTP 200"


class Log:
    def __init__(self) -> None:
        self.attempts: list[AlertAttempt] = []

    def record_delivery(self, attempt: AlertAttempt) -> None:
        self.attempts.append(attempt)

    def deliveries(self, limit: int = 50, warehouse_id: str = "") -> list[AlertAttempt]:
        return self.attempts


def kinds(min_severity: Severity, *events: Any, passed: tuple[str, ...] = ()) -> list[str]:
    notifier, log = Notifier(), Log()
    service = AlertService(
        AlertSettings(command=("x",), min_severity=min_severity),
        [notifier],
        log,
        Store(passed),  # type: ignore[arg-type]
        sleep=lambda _: None,
    )
    dispatcher = EventDispatcher()
    service.subscribe(dispatcher)
    for event in events:
        assert dispatcher.publish(event) == []
    service.drain()
    return [a.kind for a in log.attempts]


def failed(rule: str, severity: Severity) -> QualityRuleFailed:
    return QualityRuleFailed(aggregate_id="2", rule_id=rule, severity=severity, failing_count=3)


PUBLISHED = SnapshotPublished(aggregate_id="2", path="/w.duckdb", as_of=None)


def test_failing_rules_below_min_severity_send_nothing() -> None:
    assert kinds(Severity.ERROR, failed("w", Severity.WARNING), PUBLISHED) == []


def test_rules_at_or_above_min_severity_send_one_alert_for_the_run() -> None:
    events = (failed("e", Severity.ERROR), failed("c", Severity.CRITICAL), PUBLISHED)
    assert kinds(Severity.ERROR, *events) == ["rules_failing"]


def test_a_flip_alerts_whatever_the_min_severity() -> None:
    events = (failed("w", Severity.WARNING), PUBLISHED)
    assert kinds(Severity.CRITICAL, *events, passed=("w",)) == ["rule_flipped"]


def test_failed_and_blocked_runs_always_alert_a_cancel_only_at_warning() -> None:
    for status in (RunStatus.FAILED, RunStatus.BLOCKED):
        event = RunFailed(aggregate_id="2", status=status, message="why")
        assert kinds(Severity.CRITICAL, event) == [f"run_{status}"]
    cancelled = RunFailed(aggregate_id="2", status=RunStatus.CANCELLED, message="Ctrl-C")
    assert kinds(Severity.ERROR, cancelled) == []
    assert kinds(Severity.WARNING, cancelled) == ["run_cancelled"]


def test_each_publish_alerts_only_at_info() -> None:
    assert kinds(Severity.WARNING, PUBLISHED) == []
    assert kinds(Severity.INFO, PUBLISHED) == ["snapshot_published"]


def test_a_failed_attempt_is_retried_and_every_attempt_recorded() -> None:
    notifier, log = Notifier(fail_times=2), Log()
    pauses: list[float] = []
    service = AlertService(
        AlertSettings(command=("x",), attempts=4, backoff=0.5),
        [notifier],
        log,
        Store(()),  # type: ignore[arg-type]
        sleep=pauses.append,
    )
    attempts = service.deliver(service.test_alert())
    assert [(a.attempt, a.ok) for a in attempts] == [(1, False), (2, False), (3, True)]
    assert pauses == [0.5, 1.0]  # exponential backoff
    assert log.attempts == attempts
    assert attempts[0].detail == "HTTP 502 Bad Gateway"


def test_a_webhook_is_shown_by_scheme_host_and_port_only() -> None:
    assert webhook_label("https://hooks.slack.com/services/T0/B0/xoxb") == (
        "https://hooks.slack.com/…"
    )
    assert webhook_label("http://user:pw@127.0.0.1:8080/hook?token=t") == "http://127.0.0.1:8080/…"
    assert webhook_label("https://alerts.example.com") == "https://alerts.example.com"
