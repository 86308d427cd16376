"""The status line: which snapshot is loaded (run, as-of, rows) and which store is in use."""

from __future__ import annotations

from textual import work
from textual.widgets import Static

from screens.services import ReportsWorkerErrors, services


class StatusLine(ReportsWorkerErrors, Static):
    DEFAULT_CLASSES = "status-line"

    def on_mount(self) -> None:
        self.update("loading status…")
        self.watch(self.app, "snapshot_generation", self._snapshot_changed, init=False)
        self.refresh_status()

    def _snapshot_changed(self, _generation: int) -> None:
        self.refresh_status()

    @work(thread=True, exclusive=True, exit_on_error=False, group="status")
    def refresh_status(self) -> None:
        info = services(self).status().current()
        self.app.call_from_thread(self.update, info.describe())
