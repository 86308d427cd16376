"""The status line: which snapshot is loaded (run, as-of, rows) and which store is in use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from screens.loads import Loaded, Loads, on_loaded
from screens.services import app_of, services

if TYPE_CHECKING:  # the status service loads with the status, after the first frame
    from workbench.application.status import StatusInfo


class StatusLoaded(Loaded):
    def __init__(self, info: StatusInfo) -> None:
        super().__init__()
        self.info = info


class StatusLine(Loads, Static):
    DEFAULT_CLASSES = "status-line"
    _info: StatusInfo | None = None  # the status last loaded, fitted again on a resize

    def on_mount(self) -> None:
        self.update("loading status…")
        self.watch(self.app, "snapshot_generation", self._snapshot_changed, init=False)
        self.refresh_status()

    def _snapshot_changed(self, _generation: int) -> None:
        self.refresh_status()

    def refresh_status(self) -> None:
        if not app_of(self).first_frame_shown:  # the app refreshes it after its first frame
            return
        status = services(self).status()
        self.start_load("status", lambda: StatusLoaded(status.current()), "the status line")

    @on_loaded(StatusLoaded)
    def _status_loaded(self, message: StatusLoaded) -> None:
        self._info = message.info
        self._show()

    def on_resize(self) -> None:
        self._show()

    def _show(self) -> None:
        """The parts of the status that fit the line (the least telling left out first)."""
        if self._info is not None:
            self.update(self._info.describe(self.content_size.width or None))
