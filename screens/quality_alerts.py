"""Alerts: a notification when quality rules flip from pass to fail, at start-up and after runs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from textual.app import App

from domain.events.base import DomainEvent
from domain.events.pipeline import RunFailed, SnapshotPublished
from screens.services import app_of, services

if TYPE_CHECKING:  # the quality report loads with the first alert, after the first frame
    from workbench.application.quality_report import RuleFlip

_ALERTS: WeakKeyDictionary[App[Any], QualityAlerts] = WeakKeyDictionary()
SHOWN_FLIPS = 5


class QualityAlerts:
    """Checks for flips in a worker; notifies once per distinct set of flipped rules."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._notified: tuple[RuleFlip, ...] = ()

    def watch_runs(self) -> None:
        """Check again whenever a run of this process ends (published or blocked)."""
        events = services(self._app).events()
        events.subscribe(SnapshotPublished, self._run_ended)
        events.subscribe(RunFailed, self._run_ended)

    def _run_ended(self, event: DomainEvent) -> None:
        if self._app.is_running:
            self._app.call_later(self.check)  # thread-safe: runs on the app's thread

    def check(self) -> None:
        self._app.run_worker(
            self._find_flips, thread=True, group="quality-alerts", exit_on_error=False
        )

    def _find_flips(self) -> None:
        try:
            flips = services(self._app).quality().flips()
        except Exception as error:  # a failed alert check must not stop the app
            self._app.call_later(app_of(self._app).report_error, error)
            return
        if flips and flips != self._notified:
            self._app.call_later(self._notify, flips)

    def _notify(self, flips: tuple[RuleFlip, ...]) -> None:
        self._notified = flips
        lines = [f"{f.rule_id} ({f.severity}, {f.failing_count:,} rows)" for f in flips]
        more = len(lines) - SHOWN_FLIPS
        text = "\n".join(lines[:SHOWN_FLIPS]) + (f"\n… and {more} more" if more > 0 else "")
        self._app.notify(
            f"Passed in run #{flips[0].previous_run}, failing in run #{flips[0].run}:\n{text}",
            title=f"{len(flips)} quality rule{'s' if len(flips) > 1 else ''} flipped to fail",
            severity="warning",
            timeout=20,
        )


def alerts_of(app: App[Any]) -> QualityAlerts:
    if app not in _ALERTS:
        _ALERTS[app] = QualityAlerts(app)
    return _ALERTS[app]


def start_quality_alerts(app: App[Any]) -> None:
    """Called once when the app starts: watch runs, and check the latest two runs now."""
    alerts = alerts_of(app)
    alerts.watch_runs()
    alerts.check()
