"""The SQL console's result: a textual-fastdatatable over the result's first rows (at most
`sql_fetch_limit` of the configuration), in the app's formats (9,647; R$ 12.50), and a line that
tells the true total ("showing 10,000 of 2,431,118 rows") with the elapsed time. The rows not
shown are never lost: an export writes them all, as raw values."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static
from textual_fastdatatable import DataTable, create_backend

from workbench.presentation.result_cells import result_cells

if TYPE_CHECKING:
    import pyarrow as pa

    from workbench.application.sql_console import QueryResult

MAX_COLUMN_WIDTH = 40  # a longer text is cut in the table (the export keeps it whole)


class ResultsView(Vertical):
    DEFAULT_CSS = """
    ResultsView { height: 1fr; }
    ResultsView #sql-status { height: auto; max-height: 3; padding: 0 1; }
    ResultsView #sql-status.-error { color: $error; }
    ResultsView DataTable { height: 1fr; }
    """

    def __init__(self, *, shown_rows: int, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown_rows = shown_rows  # the table holds at most this many; the line tells all
        self.result: QueryResult | None = None
        self._head_shown = False  # the running query's first rows are in the table already
        self._table = DataTable(data=None, column_labels=[""], classes="sql-table")

    def compose(self) -> ComposeResult:
        yield Static(
            "ctrl+j runs the statement under the cursor (or the selection)", id="sql-status"
        )
        yield self._table

    @property
    def table(self) -> DataTable:
        """The table shown now (a new one is mounted for every result)."""
        return self._table

    def _replace(self, table: DataTable) -> None:
        had_focus = self._table.has_focus
        self._table.remove()
        self._table = table
        self.mount(table)
        if had_focus:
            self.call_after_refresh(table.focus)

    def say(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#sql-status", Static)
        status.set_class(error, "-error")
        status.update(Text(text))

    def running(self, seconds: float) -> None:
        """Say the query runs (and that the rows shown are the first ones, if some are)."""
        if self._head_shown:
            rows = self._table.row_count
            self.say(
                f"showing the first {rows:,} rows · counting the rest … {seconds:.1f} s "
                "(escape cancels)"
            )
        else:
            self.say(f"running … {seconds:.1f} s (escape cancels)")

    def show_first(self, head: pa.Table) -> None:
        """The first rows, read while the rest of the result is still being read and counted."""
        self.result = None
        self._head_shown = True
        self._show_table(head)
        self.say(f"showing the first {head.num_rows:,} rows · counting the rest … (escape cancels)")

    def show(self, result: QueryResult) -> None:
        """The result's first rows in a new table (unless shown already: the first fetch may
        have shown fewer, then the table grows to the limit where its cursor was), and the
        true total."""
        self.result = result
        note = f" · {result.history_note}" if result.history_note else ""
        self.say(f"{result.shown_text(self.shown_rows)} · {result.elapsed_s:.3f} s{note}")
        head = result.head(self.shown_rows)
        if not self._head_shown:
            self._show_table(head)
        elif self._table.row_count < head.num_rows:
            cursor = self._table.cursor_coordinate
            self._show_table(head)
            table = self._table
            self.call_after_refresh(lambda: table.move_cursor(row=cursor.row, column=cursor.column))
        self._head_shown = False

    def _show_table(self, head: pa.Table) -> None:
        if head.num_columns:
            cells = result_cells(head)
            table = DataTable(
                backend=create_backend(cells.frame, column_names=head.column_names),
                column_widths=[min(width, MAX_COLUMN_WIDTH) for width in cells.widths],
                classes="sql-table",
                zebra_stripes=True,
                render_markup=False,
                max_column_content_width=MAX_COLUMN_WIDTH,
            )
        else:
            table = DataTable(data=None, column_labels=["(no columns)"], classes="sql-table")
        self._replace(table)

    def clear(self) -> None:
        """No result (a failed or cancelled query shows none)."""
        self.result = None
        self._head_shown = False
        self._replace(DataTable(data=None, column_labels=[""], classes="sql-table"))

    def shown_rows_text(self) -> list[list[str]]:
        """The rows the table shows, as text (what a user reads, without the alignment)."""
        backend = self.table.backend
        if backend is None:
            return []
        return [
            [str(value).strip() for value in backend.get_row_at(index)]
            for index in range(backend.row_count)
        ]
