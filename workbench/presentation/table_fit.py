"""How a table fits its width: numbers are never cut.

Every table of the app shows its frame through `fit_table`: each column in its measure's
format (formats.py), numbers right-aligned. When the columns are wider than the room, text
columns shrink first (cut with "…"); if that is not enough, the numbers are shortened (1.55M)
and `exact_values` gives their exact values for the row's detail line. What still does not fit
scrolls sideways (a scrollbar shows it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench.presentation.formats import (
    COMPACT_KINDS,
    NULL_TEXT,
    NUMBER_KINDS,
    column_kind,
    compact_expr,
    format_expr,
    format_value,
)

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl


MIN_TEXT_WIDTH = 8  # a text column is never shrunk below this (nor below its header)
ALIGNED_RIGHT = NUMBER_KINDS | {"score_int"}


@dataclass(frozen=True)
class FittedTable:
    """The frame as shown: every cell as text, the width of each column, and which number
    columns are shortened (their exact values are on the row's detail line)."""

    frame: pl.DataFrame
    widths: tuple[int, ...]
    kinds: tuple[str, ...]
    shortened: tuple[str, ...]

    @property
    def width(self) -> int:
        return sum(self.widths)


def fit_table(
    frame: pl.DataFrame,
    room: int | None = None,
    padding: int = 2,
    kinds: dict[str, str] | None = None,
    blank: str = NULL_TEXT,
) -> FittedTable:
    """`frame` as shown in `room` cells (None: as wide as it needs), `padding` cells per column,
    `blank` in an empty cell. `kinds` overrides the kind a column name and type suggest
    (formats.column_kind)."""
    import polars as pl

    kinds = {
        name: (kinds or {}).get(name) or column_kind(name, dtype)
        for name, dtype in frame.schema.items()
    }
    shown = frame.select(
        format_expr(pl.col(name), kinds[name], name).fill_null(blank).alias(name)
        for name in frame.columns
    )
    widths = {name: _width(shown, name) for name in frame.columns}
    spare = (room or 0) - sum(widths.values()) - padding * len(widths)
    if room is not None and spare < 0:
        spare = _shrink_text(widths, kinds, -spare)
    shortened: list[str] = []
    if room is not None and spare < 0:
        short = frame.select(
            compact_expr(pl.col(name), kinds[name]).fill_null(blank).alias(name)
            for name in frame.columns
            if kinds[name] in COMPACT_KINDS
        )
        saved = {name: widths[name] - _width(short, name) for name in short.columns}
        shortened = [name for name, cells in saved.items() if cells > 0]
        shown = shown.with_columns(short.select(shortened))
        widths.update({name: widths[name] - saved[name] for name in shortened})
    shown = shown.select(_aligned(name, kinds[name], widths[name]) for name in frame.columns)
    return FittedTable(
        shown,
        tuple(widths[name] for name in frame.columns),
        tuple(kinds[name] for name in frame.columns),
        tuple(shortened),
    )


def exact_values(fitted: FittedTable, row: dict[str, Any]) -> str:
    """The exact values of a row's shortened columns, e.g. "rows = 1,551,349 · ms = 1,162"."""
    kinds = dict(zip(fitted.frame.columns, fitted.kinds, strict=True))
    return " · ".join(
        f"{name} = {format_value(kinds[name], row[name])}" for name in fitted.shortened
    )


def _width(shown: pl.DataFrame, name: str) -> int:
    longest = shown[name].str.len_chars().max() if shown.height else 0
    return max(len(name), int(longest or 0), 1)  # type: ignore[arg-type]


def _shrink_text(widths: dict[str, int], kinds: dict[str, str], excess: int) -> int:
    """Narrow the widest text columns, one cell at a time, until `excess` is gone or none can
    shrink; returns the room left (negative: still too wide)."""
    floors = {  # numbers, timestamps and the words of a yes/no keep their width
        name: max(MIN_TEXT_WIDTH, len(name)) for name in widths if kinds[name] == "text"
    }
    while excess > 0:
        shrinkable = [name for name, floor in floors.items() if widths[name] > floor]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda name: widths[name])
        widths[widest] -= 1
        excess -= 1
    return -excess


def _aligned(name: str, kind: str, width: int) -> pl.Expr:
    import polars as pl

    column = pl.col(name)
    if kind in ALIGNED_RIGHT:
        return column.str.pad_start(width)
    cut = pl.concat_str(column.str.slice(0, width - 1), pl.lit("…"))
    return pl.when(column.str.len_chars() > width).then(cut).otherwise(column).alias(name)
