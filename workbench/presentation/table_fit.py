"""How a table fits its width: numbers are never cut.

Every table of the app shows its frame through `fit_table`: each column in its measure's
format (formats.py), numbers right-aligned. When the columns are wider than the room, text
columns shrink first (cut with "…"); if that is not enough, the numbers are shortened (1.55M)
and `exact_values` gives their exact values for the row's detail line. What still does not fit
is shown a page of whole columns at a time (`FittedTable.page`): the first column (the row's key)
always, then as many whole columns as the room holds, never part of one; the page says how many
columns are hidden on each side ("+4 columns →") for a key to page through them. A paged table
cuts its texts only when that makes every column fit at once; else each text column but the key
keeps its whole width (at most a page beside the key), as cutting them would not have helped.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
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
# A text column of short words (a status, a state, a class) keeps them whole: "succeed…" reads as
# nothing; the long free texts (paths, messages, names) shrink instead.
LABEL_WIDTH = 12
ALIGNED_RIGHT = NUMBER_KINDS | {"score_int"}


@dataclass(frozen=True)
class FittedTable:
    """The frame as shown: every cell as text, the width of each column, and which number
    columns are shortened (their exact values are on the row's detail line)."""

    frame: pl.DataFrame
    widths: tuple[int, ...]
    kinds: tuple[str, ...]
    shortened: tuple[str, ...]
    # Cells it needs at its natural widths (padding included) when nothing had to be cut or
    # shortened: any room at least this wide shows it the same. None when it was cut to fit.
    needs: int | None = None
    padding: int = 2  # cells around each column's text
    blank: str = NULL_TEXT  # what an empty cell shows
    cut: tuple[str, ...] = ()  # text columns narrower than their longest text (cut with "…")

    def cells(self, rows: pl.DataFrame) -> pl.DataFrame:
        """`rows` (some of the columns fitted, any rows of the same data) as they are shown:
        what a table formats of a big frame, the rows it paints, as they are painted."""
        kinds = dict(zip(self.frame.columns, self.kinds, strict=True))
        widths = dict(zip(self.frame.columns, self.widths, strict=True))
        shown = rows.select(
            (_short_expr if name in self.shortened else _shown_expr)(name, kinds[name], self.blank)
            for name in rows.columns
        )
        return shown.select(_aligned(name, kinds[name], widths[name]) for name in rows.columns)

    def page(self, room: int, first: int = 1) -> ColumnPage:
        """The whole columns shown in `room` cells: column 0, then from column `first` on as
        many as fit (at least one). Every column when all of them fit."""
        costs = [width + self.padding for width in self.widths]
        if sum(costs) <= room or len(costs) < 2:
            return ColumnPage(tuple(range(len(costs))), 0, 0)
        first = min(max(first, 1), len(costs) - 1)
        shown, used = [0, first], costs[0] + costs[first]
        for index in range(first + 1, len(costs)):
            if used + costs[index] > room:
                break
            shown.append(index)
            used += costs[index]
        return ColumnPage(tuple(shown), first - 1, len(costs) - 1 - shown[-1])

    def previous_page(self, room: int, first: int) -> ColumnPage:
        """The page of whole columns that ends just before column `first` (column 0 kept)."""
        costs = [width + self.padding for width in self.widths]
        start, used = max(first - 1, 1), costs[0] + costs[max(first - 1, 1)]
        while start > 1 and used + costs[start - 1] <= room:
            start -= 1
            used += costs[start]
        return self.page(room, start)

    def same_in(self, room: int) -> bool:
        """Whether `room` cells would show this very table (no need to fit it again)."""
        return self.needs is not None and self.needs <= room

    @property
    def width(self) -> int:
        return sum(self.widths)


@dataclass(frozen=True)
class ColumnPage:
    """The columns shown (indexes, column 0 first) and how many are hidden before and after."""

    columns: tuple[int, ...]
    hidden_before: int
    hidden_after: int

    @property
    def first(self) -> int:
        """The first column shown after column 0 (1 when nothing is hidden)."""
        return self.columns[1] if len(self.columns) > 1 else 1

    def marker(self) -> str:
        """What says that columns are hidden, e.g. "← 2 columns · +4 columns →" ("" if none)."""
        before = f"← {_columns(self.hidden_before)}" if self.hidden_before else ""
        after = f"+{_columns(self.hidden_after)} →" if self.hidden_after else ""
        return " · ".join(part for part in (before, after) if part)


def _columns(count: int) -> str:
    return f"{count} column" + ("" if count == 1 else "s")


def fit_table(
    frame: pl.DataFrame,
    room: int | None = None,
    padding: int = 2,
    kinds: dict[str, str] | None = None,
    blank: str = NULL_TEXT,
    paged: bool = False,
) -> FittedTable:
    """`frame` as shown in `room` cells (None: as wide as it needs), `padding` cells per column,
    `blank` in an empty cell. `kinds` overrides the kind a column name and type suggest
    (formats.column_kind). `paged`: the caller shows a page of whole columns when the table
    does not fit, so numbers are shortened only if that makes every column fit."""
    kinds, shown, widths, natural = _measured(frame, padding, kinds, blank)
    whole = dict(widths)
    spare = (room or 0) - natural
    fits = room is None or spare >= 0  # as it is: nothing cut or shortened
    if room is not None and spare < 0:
        key = {frame.columns[0]: _key_width(shown, frame.columns[0], room)} if paged else {}
        spare = _shrink_text(widths, kinds, -spare, key)
    shortened: list[str] = []
    if room is not None and spare < 0:
        short = frame.select(
            _short_expr(name, kinds[name], blank)
            for name in frame.columns
            if kinds[name] in COMPACT_KINDS
        )
        saved = {name: widths[name] - _width(short, name) for name in short.columns}
        shortened = [name for name, cells in saved.items() if cells > 0]
        if paged and sum(saved[name] for name in shortened) < -spare:
            shortened = []  # paged anyway: whole columns of exact numbers
            _keep_text_whole(widths, whole, kinds, frame.columns[0], room, padding)
        shown = shown.with_columns(short.select(shortened))
        widths.update({name: widths[name] - saved[name] for name in shortened})
    shown = shown.select(_aligned(name, kinds[name], widths[name]) for name in frame.columns)
    return FittedTable(
        shown,
        tuple(widths[name] for name in frame.columns),
        tuple(kinds[name] for name in frame.columns),
        tuple(shortened),
        natural if fits else None,
        padding,
        blank,
        _cut(frame.columns, kinds, widths, whole),
    )


def _measured(
    frame: pl.DataFrame, padding: int, kinds: dict[str, str] | None, blank: str
) -> tuple[dict[str, str], pl.DataFrame, dict[str, int], int]:
    """Each column's kind (`kinds` overriding what its name and type suggest), the frame as
    shown, each column's width, and the width of the whole at `padding` cells per column."""
    kinds = {
        name: (kinds or {}).get(name) or column_kind(name, dtype)
        for name, dtype in frame.schema.items()
    }
    shown = frame.select(_shown_expr(name, kinds[name], blank) for name in frame.columns)
    widths = {name: _width(shown, name) for name in frame.columns}
    return kinds, shown, widths, sum(widths.values()) + padding * len(widths)


def fit_extremes(
    extremes: pl.DataFrame,
    key_typical: int | None,
    room: int | None = None,
    padding: int = 2,
    kinds: dict[str, str] | None = None,
    blank: str = NULL_TEXT,
) -> FittedTable:
    """A big table's fit, measured on its columns' widest values only (`extremes`: a few rows
    of the same columns, table_rows.Extremes), shown a page of whole columns at a time: as
    `fit_table(..., paged=True)` lays it out, but numbers are never shortened (the page shows
    them whole) and the first column keeps `key_typical` cells when columns must narrow. Its
    `cells` formats the rows shown."""
    kinds, shown, widths, natural = _measured(extremes, padding, kinds, blank)
    whole = dict(widths)
    spare = (room or 0) - natural
    if room is not None and spare < 0 and extremes.width:
        key = extremes.columns[0]
        typical = widths[key] if key_typical is None else key_typical
        if _shrink_text(widths, kinds, -spare, {key: min(max(len(key), typical), room // 2)}) < 0:
            _keep_text_whole(widths, whole, kinds, key, room, padding)
    return FittedTable(
        shown.select(_aligned(name, kinds[name], widths[name]) for name in extremes.columns),
        tuple(widths[name] for name in extremes.columns),
        tuple(kinds[name] for name in extremes.columns),
        (),
        natural if room is None or spare >= 0 else None,
        padding,
        blank,
        _cut(extremes.columns, kinds, widths, whole),
    )


def _cut(
    columns: list[str], kinds: dict[str, str], widths: dict[str, int], whole: dict[str, int]
) -> tuple[str, ...]:
    return tuple(name for name in columns if kinds[name] == "text" and widths[name] < whole[name])


def exact_values(
    fitted: FittedTable, row: dict[str, Any], shown: Collection[str] | None = None
) -> str:
    """The exact values of a row's shortened columns (of those `shown`, when only some are),
    e.g. "rows = 1,551,349 · ms = 1,162"."""
    kinds = dict(zip(fitted.frame.columns, fitted.kinds, strict=True))
    return " · ".join(
        f"{name} = {format_value(kinds[name], row[name])}"
        for name in fitted.shortened
        if shown is None or name in shown
    )


def cut_text(fitted: FittedTable, row: dict[str, Any], name: str) -> str:
    """The whole text of `row`'s cell in column `name` when its column is too narrow to show it
    whole ("" when it shows whole, or is not text): for the row's detail line, as
    `exact_values` are for shortened numbers."""
    value = row.get(name)
    if name not in fitted.cut or not isinstance(value, str):
        return ""
    return value if len(value) > fitted.widths[fitted.frame.columns.index(name)] else ""


def _width(shown: pl.DataFrame, name: str) -> int:
    longest = shown[name].str.len_chars().max() if shown.height else 0
    return max(len(name), int(longest or 0), 1)  # type: ignore[arg-type]


def _key_width(shown: pl.DataFrame, name: str, room: int) -> int:
    """Paged, the first column names each row on every page: it keeps the width of nine values
    in ten (a few long names are cut, not every page narrowed for them), at most half the room."""
    typical = shown[name].str.len_chars().quantile(0.9, "higher") if shown.height else 0
    return min(max(len(name), int(typical or 0)), room // 2)


def _keep_text_whole(
    widths: dict[str, int],
    whole: dict[str, int],
    kinds: dict[str, str],
    key: str,
    room: int,
    padding: int,
) -> None:
    """Paged anyway: cutting text did not make every column fit, so each text column but the key
    gets its whole width back (a page then holds fewer columns, each one readable), at most what
    a page holds beside the key."""
    beside_key = room - widths[key] - 2 * padding
    for name, kind in kinds.items():
        if kind == "text" and name != key:
            widths[name] = min(whole[name], max(beside_key, MIN_TEXT_WIDTH, len(name)))


def _shrink_text(
    widths: dict[str, int], kinds: dict[str, str], excess: int, floors: dict[str, int]
) -> int:
    """Narrow the widest text columns, one cell at a time, until `excess` is gone or none can
    shrink (none below its width in `floors`); returns the room left (negative: still too wide)."""
    floors = {  # numbers, timestamps, the words of a yes/no and short labels keep their width
        name: max(MIN_TEXT_WIDTH, len(name), floors.get(name, 0))
        if widths[name] > LABEL_WIDTH
        else widths[name]
        for name in widths
        if kinds[name] == "text"
    }
    while excess > 0:
        shrinkable = [name for name, floor in floors.items() if widths[name] > floor]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda name: widths[name])
        widths[widest] -= 1
        excess -= 1
    return -excess


# The expressions depend on nothing but their arguments: built once each, not for every fill
# (building them in Python cost a table of 20 columns more than polars took to run them).
@functools.lru_cache(maxsize=1024)
def _shown_expr(name: str, kind: str, blank: str) -> pl.Expr:
    import polars as pl

    return format_expr(pl.col(name), kind, name).fill_null(blank).alias(name)


@functools.lru_cache(maxsize=1024)
def _short_expr(name: str, kind: str, blank: str) -> pl.Expr:
    import polars as pl

    return compact_expr(pl.col(name), kind).fill_null(blank).alias(name)


@functools.lru_cache(maxsize=4096)
def _aligned(name: str, kind: str, width: int) -> pl.Expr:
    import polars as pl

    column = pl.col(name)
    if kind in ALIGNED_RIGHT:
        return column.str.pad_start(width)
    cut = pl.concat_str(column.str.slice(0, width - 1), pl.lit("…"))
    return pl.when(column.str.len_chars() > width).then(cut).otherwise(column).alias(name)
