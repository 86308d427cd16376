"""A small table of counts shaded like a heatmap: the darker the cell, the more customers."""

from __future__ import annotations

import math

import polars as pl
from rich.text import Text
from textual.widgets import Static

# Background shades from few to many; a cell's shade follows log(count) against the largest.
SHADES = ("#16324f", "#1d4f7a", "#2466a3", "#2f80c9", "#5aa2e0")


def shade(count: int, largest: int) -> str:
    """The background colour of a cell holding `count` when the largest holds `largest`."""
    if count <= 0 or largest <= 0:
        return ""
    level = math.log1p(count) / math.log1p(largest)
    return SHADES[min(len(SHADES) - 1, int(level * len(SHADES)))]


def grid_text(frame: pl.DataFrame) -> Text:
    """The grid as lines of text: a bold header line, then one line per row, its label bold and
    each count right-aligned on its shade (an empty cell is a dim "·"), one space either side."""
    label, *counts = frame.columns
    largest = max((max(frame[c].to_list(), default=0) for c in counts), default=0)
    rows = [
        [(str(row[label]), "bold")]
        + [
            (f"{count:,}" if count else "·", f"on {shade(count, largest)}" if count else "dim")
            for count in (int(row[column]) for column in counts)
        ]
        for row in frame.iter_rows(named=True)
    ]
    widths = [
        max([len(name)] + [len(row[index][0]) for row in rows])
        for index, name in enumerate(frame.columns)
    ]
    text = Text(no_wrap=True, overflow="crop")
    for index, (name, width) in enumerate(zip(frame.columns, widths, strict=True)):
        cell = name.ljust(width) if index == 0 else name.rjust(width)
        text.append(f" {cell} ", style="bold")
    for row in rows:
        text.append("\n")
        for index, ((cell, style), width) in enumerate(zip(row, widths, strict=True)):
            aligned = cell.ljust(width) if index == 0 else cell.rjust(width)
            text.append(f" {aligned} ", style=style)
    return text


class HeatGrid(Static):
    """Shows a frame whose first column labels the rows and whose other columns are counts.

    Drawn as text, not as a table: nothing in it is chosen or scrolled, and a DataTable cost
    the screen's opening ~13 styled parts, restyled with every widget, and a repaint of its
    cells through Rich's padding whenever the screen's focus moved."""

    DEFAULT_CLASSES = "heat-grid"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.frame = pl.DataFrame()

    def show(self, frame: pl.DataFrame) -> None:
        self.frame = frame
        self.update(grid_text(frame))
