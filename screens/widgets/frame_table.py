"""A fast, sortable, exportable table of a Polars frame (textual-fastdatatable, Arrow-backed).

Every table in the app is one of these: `e` exports what it shows, `s` sorts by the cursor's
column (again to reverse), `enter` posts RowChosen for drill-down.
"""

from __future__ import annotations

import itertools
from typing import Any

import polars as pl
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual_fastdatatable import DataTable, create_backend

from screens.loads import Loaded, Loads, on_loaded
from screens.services import services
from screens.widgets.export_dialog import ExportDialog, ExportRequest
from workbench.application.exports import ExportedFile


class Exported(Loaded):
    def __init__(self, exported: ExportedFile) -> None:
        super().__init__()
        self.exported = exported


class FrameTable(Loads, Vertical, can_focus=False):
    DEFAULT_CLASSES = "frame-table"
    BINDINGS = [
        Binding("e", "export", "Export", id="table.export"),
        Binding("s", "sort", "Sort", id="table.sort"),
    ]

    class RowChosen(Message):
        """The user pressed enter on a row; `row` maps column names to values."""

        def __init__(self, table: FrameTable, row: dict[str, Any]) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> FrameTable:
            return self.table

    def __init__(self, name: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.export_name = name
        self.frame = pl.DataFrame()
        self._sorted: tuple[str, bool] | None = None
        self._exports = itertools.count(1)

    def compose(self) -> ComposeResult:
        yield DataTable(data=None, column_labels=["loading…"], cursor_type="cell")

    @property
    def table(self) -> DataTable:
        return self.query_one(DataTable)

    def show(self, frame: pl.DataFrame, name: str | None = None) -> None:
        """Replace the rows shown (keeps focus if the table had it)."""
        self.frame = frame
        if name:
            self.export_name = name
        had_focus = self.table.has_focus
        self.table.remove()
        table = DataTable(
            backend=create_backend(frame, column_names=frame.columns),
            cursor_type="cell",
            zebra_stripes=True,
            max_column_content_width=40,
        )
        self.mount(table)
        if had_focus:
            table.focus()

    def selected_row(self) -> dict[str, Any] | None:
        if self.frame.is_empty():
            return None
        index = min(self.table.cursor_row, self.frame.height - 1)
        return self.frame.row(index, named=True)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        row = self.selected_row()
        if row is not None:
            self.post_message(self.RowChosen(self, row))

    def action_sort(self) -> None:
        if self.frame.is_empty():
            return
        column = self.frame.columns[min(self.table.cursor_column, self.frame.width - 1)]
        descending = self._sorted == (column, False)
        self._sorted = (column, descending)
        self.show(self.frame.sort(column, descending=descending, nulls_last=True))
        self.notify(f"sorted by {column} {'descending' if descending else 'ascending'}")

    def action_export(self) -> None:
        folder = services(self).settings().data_dir / "exports"
        dialog = ExportDialog(self.export_name, self.frame.height, folder)
        self.app.push_screen(dialog, self._export_chosen)

    def _export_chosen(self, request: ExportRequest | None) -> None:
        if request is not None:
            self.export(request, self.frame)

    def export(self, request: ExportRequest, frame: pl.DataFrame) -> None:
        exports, name = services(self).exports(), self.export_name
        self.start_load(
            f"export-{next(self._exports)}",  # exports do not replace each other
            lambda: Exported(exports.export_frame(name, frame, request.fmt, request.path)),
            f"the export of {name}",
        )

    @on_loaded(Exported)
    def _exported(self, message: Exported) -> None:
        exported = message.exported
        self.notify(f"Exported {exported.rows:,} rows to {exported.path}", title="Export")
