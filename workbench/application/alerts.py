"""Alerts: a run failed or was blocked, a rule flipped from pass to fail, rules at or above
`min_severity` fail (and, at `info`, each published snapshot) — sent to the notifiers of `[alerts]`.

The listeners only put the event on a queue: the publish path never waits for a notifier. One
worker thread turns a run's events into alerts when the run ends and delivers them, each attempt
bounded by `timeout`, retried `attempts` times with exponential backoff, every attempt recorded
in the metadata store. At exit `drain` waits at most `deadline` seconds for what is left; no
attempt starts after it.
"""

from __future__ import annotations

import json
import queue
import shlex
import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from domain.entities.ingestion_run import RunStatus
from domain.entities.operations import AlertAttempt, AlertNotDelivered
from domain.entities.quality import RuleStatus, Severity
from domain.events.base import DomainEvent
from domain.events.dispatcher import EventDispatcher
from domain.events.pipeline import QualityRuleFailed, RunFailed, SnapshotPublished
from domain.repositories.metadata_store import MetadataStore
from workbench.application.errors import ConfigError

ALERTS_TABLE = "alerts"


@dataclass(frozen=True)
class AlertSettings:
    webhook_url: str = ""
    command: tuple[str, ...] = ()
    min_severity: Severity = Severity.ERROR
    timeout: float = 5.0  # seconds one attempt may take
    attempts: int = 3  # per alert and notifier
    backoff: float = 1.0  # seconds before the 2nd attempt, doubling after
    deadline: float = 30.0  # seconds a process may wait at exit for alerts still to deliver

    @property
    def configured(self) -> bool:
        return bool(self.webhook_url or self.command)

    def describe(self) -> str:
        """For `config show`: where alerts go, with every setting, but no secret: a webhook is
        its scheme, host and port (a Slack hook's path *is* its token; a query or user info may
        hold one too), a command its program (arguments may carry a token)."""
        if not self.configured:
            return "none ([alerts] sets webhook_url and/or command)"
        targets = []
        if self.webhook_url:
            targets.append(f"webhook {webhook_label(self.webhook_url)}")
        if self.command:
            extra = " …" if len(self.command) > 1 else ""
            targets.append(f"command {self.command[0]}{extra}")
        return (
            f"{', '.join(targets)}; min_severity {self.min_severity}, {self.attempts} attempts "
            f"of {self.timeout:g} s, backoff {self.backoff:g} s, deadline {self.deadline:g} s"
        )


def webhook_label(url: str) -> str:
    """scheme://host[:port]/… — what may be shown of a webhook URL (never path, query, user)."""
    parts = urlsplit(url)
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    hidden = "/…" if (parts.path.strip("/") or parts.query or parts.fragment) else ""
    return f"{parts.scheme}://{parts.hostname or '?'}{port}{hidden}"


_ALLOWED = {
    "webhook_url": "an http:// or https:// URL",
    "command": 'a command line, e.g. "notify-team --json"',
    "min_severity": "one of critical, error, warning, info",
    "timeout": "seconds, a number from 0.1 to 300",
    "attempts": "an integer from 1 to 10",
    "backoff": "seconds, a number from 0 to 300",
    "deadline": "seconds, a number from 0 to 3600",
}


def alert_settings(table: Any, path: Path) -> AlertSettings:
    """The `[alerts]` table of the config file; a bad key or value is one ConfigError line."""
    if not isinstance(table, dict):
        raise ConfigError(f"[{ALERTS_TABLE}] in {path} must be a table of keys.")
    unknown = sorted(set(table) - set(_ALLOWED))
    if unknown:
        raise ConfigError(
            f"Unknown key {unknown[0]!r} in [{ALERTS_TABLE}] of {path}: allowed keys are "
            + ", ".join(_ALLOWED)
            + "."
        )
    values: dict[str, Any] = {}
    for key, raw in table.items():
        try:
            values[key] = _PARSE[key](raw)
        except (TypeError, ValueError):
            shown = "'…'" if key == "webhook_url" else repr(raw)  # a hook's URL is its secret
            raise ConfigError(
                f"Invalid value {shown} for '{key}' in [{ALERTS_TABLE}] of {path}: "
                f"expected {_ALLOWED[key]}."
            ) from None
    return AlertSettings(**values)


def _url(raw: Any) -> str:
    text = str(raw).strip() if isinstance(raw, str) else ""
    if text and not text.startswith(("http://", "https://")):
        raise ValueError
    return text


def _command(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, str):
        raise ValueError
    return tuple(shlex.split(raw))


def _number(low: float, high: float) -> Callable[[Any], float]:
    def parse(raw: Any) -> float:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise ValueError
        if not low <= raw <= high:
            raise ValueError
        return float(raw)

    return parse


def _attempts(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= 10:
        raise ValueError
    return int(raw)


_PARSE: dict[str, Callable[[Any], Any]] = {
    "webhook_url": _url,
    "command": _command,
    "min_severity": lambda raw: Severity(str(raw)),
    "timeout": _number(0.1, 300),
    "attempts": _attempts,
    "backoff": _number(0, 300),
    "deadline": _number(0, 3600),
}


@dataclass(frozen=True)
class Alert:
    kind: str  # run_failed, run_blocked, run_cancelled, rule_flipped, rules_failing, ...
    severity: Severity
    summary: str
    run_id: int | None = None
    warehouse_id: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)
    key: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    occurred_at: datetime = field(default_factory=datetime.now)

    def body(self) -> bytes:
        """The JSON sent: Slack-compatible (`text`), with the structured fields beside it."""
        return json.dumps(
            {
                "text": f"[olist-workbench] {self.severity}: {self.summary}",
                "kind": self.kind,
                "severity": str(self.severity),
                "summary": self.summary,
                "run_id": self.run_id,
                "warehouse": self.warehouse_id,
                "occurred_at": self.occurred_at.isoformat(timespec="seconds"),
                "alert_id": self.key,
                "details": dict(self.details),
            },
            default=str,
        ).encode()


class Notifier(Protocol):
    @property
    def name(self) -> str: ...

    def send(self, body: bytes, timeout: float) -> str:
        """One attempt; returns what the far side said, raises AlertNotDelivered."""
        ...


class AlertLog(Protocol):
    def record_delivery(self, attempt: AlertAttempt) -> None: ...

    def deliveries(self, limit: int = 50, warehouse_id: str = "") -> list[AlertAttempt]: ...


_RUN_ENDS = {
    RunStatus.BLOCKED: ("run_blocked", Severity.CRITICAL),
    RunStatus.FAILED: ("run_failed", Severity.ERROR),
    RunStatus.INTERRUPTED: ("run_failed", Severity.ERROR),
    RunStatus.CANCELLED: ("run_cancelled", Severity.WARNING),
}
ALWAYS = ("run_blocked", "run_failed", "rule_flipped", "test")  # sent whatever min_severity says
_STOP = object()


class AlertService:
    def __init__(
        self,
        settings: AlertSettings,
        notifiers: Sequence[Notifier],
        log: AlertLog,
        store: MetadataStore,
        warehouse_id: str = "",
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self._notifiers = tuple(notifiers)
        self._log = log
        self._store = store
        self._warehouse_id = warehouse_id
        self._sleep = sleep
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._worker: threading.Thread | None = None
        self._lock = threading.Lock()
        self._give_up_at: float | None = None
        self._failing: dict[str, list[QualityRuleFailed]] = {}
        self.problems: list[str] = []  # what went wrong in the worker (never raised)

    @property
    def configured(self) -> bool:
        return bool(self._notifiers)

    def subscribe(self, events: EventDispatcher) -> None:
        if not self._notifiers:
            return
        for event_type in (QualityRuleFailed, RunFailed, SnapshotPublished):
            events.subscribe(event_type, self._enqueue)

    def _enqueue(self, event: DomainEvent) -> None:
        """The listener: O(1), never blocks, never raises into the publish path."""
        self._queue.put(event)
        with self._lock:
            if self._worker is None:
                self._worker = threading.Thread(
                    target=self._work, name="workbench-alerts", daemon=True
                )
                self._worker.start()

    def drain(self) -> bool:
        """Wait at most `deadline` seconds, counted from the first call, for queued alerts;
        whether they were all dealt with (sent or given up and recorded). Later calls wait only
        for what is left of the same deadline. An attempt still in flight then is abandoned
        with its daemon thread: the process's end is never held longer than `deadline`."""
        with self._lock:
            worker = self._worker
            if worker is None:
                return True
            if self._give_up_at is None:
                self._give_up_at = time.monotonic() + self.settings.deadline
                self._queue.put(_STOP)
            give_up_at = self._give_up_at
        worker.join(max(0.0, give_up_at - time.monotonic()))
        return not worker.is_alive()

    def _work(self) -> None:
        while (event := self._queue.get()) is not _STOP:
            try:
                for alert in self._alerts(event):  # type: ignore[arg-type]
                    self.deliver(alert)
            except Exception as error:  # the worker outlives any one failure
                self.problems.append(f"{type(error).__name__}: {error}")

    def _alerts(self, event: DomainEvent) -> list[Alert]:
        if isinstance(event, QualityRuleFailed):
            self._failing.setdefault(event.aggregate_id, []).append(event)
            return []
        failing = self._failing.pop(event.aggregate_id, [])
        run_id = int(event.aggregate_id)
        found = []
        if isinstance(event, RunFailed) and event.status in _RUN_ENDS:
            kind, severity = _RUN_ENDS[event.status]
            alert = self._alert(
                kind,
                severity,
                f"run #{run_id} {event.status}: {event.message.splitlines()[0]}"
                if event.message
                else f"run #{run_id} {event.status}",
                run_id,
                {
                    "status": str(event.status),
                    "step": event.step,
                    "blocking_rules": list(event.blocking_rules),
                },
            )
            if event.status is RunStatus.INTERRUPTED:  # settled at a start: maybe another dir's
                run = self._store.get_run(run_id)
                if run is not None and run.warehouse_id:
                    alert = replace(alert, warehouse_id=run.warehouse_id)
            found.append(alert)
        if failing:
            found += self._rule_alerts(run_id, failing)
        if isinstance(event, SnapshotPublished):
            found.append(
                self._alert(
                    "snapshot_published",
                    Severity.INFO,
                    f"run #{run_id} published {event.path}",
                    run_id,
                    {
                        "path": event.path,
                        "as_of": event.as_of,
                        "row_counts": dict(event.row_counts),
                    },
                )
            )
        return [
            a for a in found if a.kind in ALWAYS or a.severity.at_least(self.settings.min_severity)
        ]

    def _rule_alerts(self, run_id: int, failing: list[QualityRuleFailed]) -> list[Alert]:
        before = self._previous_statuses(run_id)
        flipped = [f for f in failing if before.get(f.rule_id) is RuleStatus.PASS]
        alerts = []
        if flipped:
            alerts.append(
                self._alert(
                    "rule_flipped",
                    max((f.severity for f in flipped), key=lambda s: s.rank),
                    f"run #{run_id}: {len(flipped)} rule(s) flipped from pass to fail: "
                    + ", ".join(
                        f"{f.rule_id} ({f.severity}, {f.failing_count:,} rows)" for f in flipped
                    ),
                    run_id,
                    {"rules": [_rule(f) for f in flipped]},
                )
            )
        serious = [f for f in failing if f.severity.at_least(self.settings.min_severity)]
        if serious:
            alerts.append(
                self._alert(
                    "rules_failing",
                    max((f.severity for f in serious), key=lambda s: s.rank),
                    f"run #{run_id}: {len(serious)} rule(s) at {self.settings.min_severity} or "
                    "above fail: "
                    + ", ".join(
                        f"{f.rule_id} ({f.severity}, {f.failing_count:,} rows)" for f in serious
                    ),
                    run_id,
                    {"rules": [_rule(f) for f in serious]},
                )
            )
        return alerts

    def _previous_statuses(self, run_id: int) -> dict[str, RuleStatus]:
        """Each rule's status in the checked run before `run_id` of this warehouse."""
        results = self._store.recent_results(2, self._warehouse_id)
        earlier = [r for r in results if r.run_id < run_id]
        latest = max((r.run_id for r in earlier), default=None)
        return {r.rule_id: r.status for r in earlier if r.run_id == latest}

    def _alert(
        self,
        kind: str,
        severity: Severity,
        summary: str,
        run_id: int | None,
        details: Mapping[str, Any],
    ) -> Alert:
        return Alert(kind, severity, summary, run_id, self._warehouse_id, details)

    def test_alert(self) -> Alert:
        return self._alert(
            "test",
            Severity.INFO,
            "test alert from `workbench alerts test`: delivery works",
            None,
            {},
        )

    def deliver(self, alert: Alert) -> list[AlertAttempt]:
        """Send `alert` through every notifier, each with its retries; every attempt recorded."""
        body = alert.body()
        attempts = []
        for notifier in self._notifiers:
            for number in range(1, self.settings.attempts + 1):
                if self._past_deadline(0):  # the process is ending: no new attempt
                    break
                try:
                    detail, ok = notifier.send(body, self.settings.timeout), True
                except AlertNotDelivered as error:
                    detail, ok = str(error), False
                except Exception as error:  # a notifier's own bug: recorded, never raised
                    detail, ok = f"{type(error).__name__}: {error}", False
                pause = self.settings.backoff * 2 ** (number - 1)
                last = number == self.settings.attempts
                if not ok and not last and self._past_deadline(pause):
                    detail += "; gave up: the process is ending"
                    last = True
                attempt = AlertAttempt(
                    alert.key,
                    alert.kind,
                    str(alert.severity),
                    alert.run_id,
                    alert.summary,
                    notifier.name,
                    number,
                    ok,
                    detail,
                    datetime.now(),
                    alert.warehouse_id or self._warehouse_id,
                )
                attempts.append(attempt)
                self._record(attempt)
                if ok or last:
                    break
                self._sleep(pause)
        return attempts

    def _past_deadline(self, pause: float) -> bool:
        return self._give_up_at is not None and time.monotonic() + pause > self._give_up_at

    def _record(self, attempt: AlertAttempt) -> None:
        try:
            self._log.record_delivery(attempt)
        except Exception as error:  # the store's trouble must not stop the alert itself
            self.problems.append(f"recording an alert attempt failed: {error}")

    def history(self, limit: int = 50) -> list[AlertAttempt]:
        return self._log.deliveries(limit, self._warehouse_id)


def _rule(failed: QualityRuleFailed) -> dict[str, Any]:
    return {
        "rule_id": failed.rule_id,
        "severity": str(failed.severity),
        "failing_rows": failed.failing_count,
    }
