"""Fill a Textual DataTable with a frame fitted to its width (numbers never cut, see
workbench/presentation/table_fit.py): the columns are laid out anew for every fill, so a
column never keeps a width measured on other rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import DataTable

from workbench.presentation.table_fit import FittedTable, fit_table

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl


def room_of(table: Any) -> int:
    """The cells a table has for its columns (the screen's width before its first layout)."""
    width: int = table.size.width or table.app.size.width - 2
    return max(width - 2, 20)  # the vertical scrollbar


def fill(table: DataTable[Any], frame: pl.DataFrame, keys: list[str] | None = None) -> FittedTable:
    """Show `frame` in `table`, fitted to its width; row `i` gets key `keys[i]` if given."""
    fitted = fit_table(frame, room_of(table), padding=2 * table.cell_padding)
    table.clear(columns=True)
    for name, width in zip(frame.columns, fitted.widths, strict=True):
        table.add_column(name, width=width, key=name)
    for index, row in enumerate(fitted.frame.iter_rows()):
        table.add_row(*row, key=keys[index] if keys else None)
    return fitted


def headers(table: DataTable[Any], names: tuple[str, ...]) -> None:
    """Only the column names, for a table whose rows have not loaded yet."""
    table.clear(columns=True)
    for name in names:
        table.add_column(name, key=name)
