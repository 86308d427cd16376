"""A small table of counts shaded like a heatmap: the darker the cell, the more customers."""

from __future__ import annotations

import math

import polars as pl
from rich.text import Text
from textual.widgets import DataTable

# Background shades from few to many; a cell's shade follows log(count) against the largest.
SHADES = ("#16324f", "#1d4f7a", "#2466a3", "#2f80c9", "#5aa2e0")


def shade(count: int, largest: int) -> str:
    """The background colour of a cell holding `count` when the largest holds `largest`."""
    if count <= 0 or largest <= 0:
        return ""
    level = math.log1p(count) / math.log1p(largest)
    return SHADES[min(len(SHADES) - 1, int(level * len(SHADES)))]


class HeatGrid(DataTable[Text]):
    """Shows a frame whose first column labels the rows and whose other columns are counts."""

    DEFAULT_CLASSES = "heat-grid"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=False)
        self.frame = pl.DataFrame()

    def show(self, frame: pl.DataFrame) -> None:
        self.frame = frame
        self.clear(columns=True)
        label, *counts = frame.columns
        self.add_column(label, key=label)
        for column in counts:
            self.add_column(column, key=column)
        largest = max((max(frame[c].to_list(), default=0) for c in counts), default=0)
        for row in frame.iter_rows(named=True):
            cells = [Text(str(row[label]), style="bold")]
            for column in counts:
                count = int(row[column])
                background = shade(count, largest)
                text = f"{count:,}" if count else "·"
                style = f"on {background}" if background else "dim"
                cells.append(Text(text, style=style, justify="right"))
            self.add_row(*cells, key=str(row[label]))
