"""The SQL console's result: a textual-fastdatatable over the Arrow result's first rows (at most
the configured number), and a line that tells the true total ("showing 10,000 of 2,431,118
rows") with the elapsed time. The rows not shown are never lost: an export writes them all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static
from textual_fastdatatable import ArrowBackend, DataTable

from workbench.presentation.formats import NULL_TEXT

if TYPE_CHECKING:
    import pyarrow as pa

    from workbench.application.sql_console import QueryResult

SHOWN_ROWS = 10_000  # rows the table holds at most; the line says how many there are in all


class ResultsView(Vertical):
    DEFAULT_CSS = """
    ResultsView { height: 1fr; }
    ResultsView #sql-status { height: auto; max-height: 3; padding: 0 1; }
    ResultsView #sql-status.-error { color: $error; }
    ResultsView DataTable { height: 1fr; }
    """

    def __init__(self, *, shown_rows: int = SHOWN_ROWS, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown_rows = shown_rows
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
        """The result's first rows in a new table (unless shown already), and the true total."""
        self.result = result
        note = f" · {result.history_note}" if result.history_note else ""
        self.say(f"{result.shown_text(self.shown_rows)} · {result.elapsed_s:.3f} s{note}")
        if not self._head_shown:
            self._show_table(result.head(self.shown_rows))
        self._head_shown = False

    def _show_table(self, head: pa.Table) -> None:
        if head.num_columns:
            table = DataTable(
                backend=ArrowBackend(head),
                classes="sql-table",
                zebra_stripes=True,
                render_markup=False,
                null_rep=NULL_TEXT,
                max_column_content_width=40,
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
        """The rows the table shows, as text (what a user reads)."""
        table = self.table
        backend = table.backend
        if backend is None:
            return []
        return [
            [NULL_TEXT if value is None else str(value) for value in backend.get_row_at(index)]
            for index in range(backend.row_count)
        ]
