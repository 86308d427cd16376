"""Ask where and in which format to export a table: CSV, Parquet or JSON (or Markdown).

Export is the default: enter in the path exports, and the buttons read Cancel then Export, so
tab-tab-enter from the path lands on Export. A cancel (button or escape) says nothing was written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from workbench.application.exports import EXTENSIONS

FORMATS = tuple(EXTENSIONS)


@dataclass(frozen=True)
class ExportRequest:
    fmt: str
    path: Path


class ExportDialog(ModalScreen[ExportRequest | None]):
    AUTO_FOCUS = "#export-path"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(
        self, name: str, rows: int, folder: Path, formats: tuple[str, ...] = FORMATS
    ) -> None:
        super().__init__()
        self._formats = formats
        self._name = name
        self._rows = rows
        self._folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Label(f"Export {self._name} ({self._rows:,} rows)", classes="section-title")
            with RadioSet(id="export-format"):
                for index, fmt in enumerate(self._formats):
                    yield RadioButton(fmt, value=index == 0, id=f"format-{fmt}")
            yield Input(value=str(self._path_for("csv")), id="export-path")
            with Horizontal(id="export-buttons"):
                yield Button("Cancel", id="export-cancel")
                yield Button("Export", variant="primary", id="export-ok")

    def _path_for(self, fmt: str) -> Path:
        return self._folder / f"{self._name}.{fmt}"

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        fmt = self._formats[event.index]
        path_input = self.query_one("#export-path", Input)
        current = Path(path_input.value)
        path_input.value = str(current.with_suffix(f".{fmt}"))

    @on(Button.Pressed, "#export-ok")
    @on(Input.Submitted, "#export-path")
    def _confirm(self) -> None:
        radio = self.query_one(RadioSet)
        fmt = self._formats[radio.pressed_index if radio.pressed_index >= 0 else 0]
        path = Path(self.query_one("#export-path", Input).value).expanduser()
        self.dismiss(ExportRequest(fmt, path))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.notify(f"Export of {self._name} cancelled: nothing was written.", title="Export")
        self.dismiss(None)
