"""A table's rows, read a slice at a time: what a screen shows of a big table.

A table of a million rows is never formatted whole: the screen asks for the rows it paints
(`slice`), measures its columns from each column's widest values (`extremes`: the least and
greatest number or time, the longest text), and reads every row only to export them (`collect`).
`FrameRows` serves a frame held in memory; `QueryRows` a named query, one page (LIMIT/OFFSET)
at a time, its exact count and extremes from one aggregate over the same statement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    from collections.abc import Mapping

    import polars as pl

    from workbench.application.ports import WarehouseQueries


@dataclass(frozen=True)
class Extremes:
    """What a table's column widths are measured on: for each column the values whose text is
    widest (least and greatest of a number or time, longest of a text, a null if it has one),
    and the length of the first column's text that nine values in ten do not exceed."""

    frame: pl.DataFrame
    key_typical: int | None


class TableRows(Protocol):
    """Rows in a fixed order, read a slice at a time."""

    @property
    def height(self) -> int:
        """The exact number of rows."""
        ...

    @property
    def columns(self) -> list[str]: ...

    def extremes(self) -> Extremes: ...

    def slice(self, offset: int, length: int) -> pl.DataFrame:
        """Rows `offset` to `offset + length` (fewer at the end)."""
        ...

    def collect(self) -> pl.DataFrame:
        """Every row (an export)."""
        ...

    def sorted(self, column: str, descending: bool) -> TableRows:
        """The same rows ordered by `column` (nulls last), ties by every column in turn."""
        ...

    def whole(self) -> FrameRows:
        """The same rows in the same order, all of them in memory (read at once: a worker's
        job), their extremes kept."""
        ...


class FrameRows:
    """The rows of a frame in memory; `source`, the query they were read whole from, if any."""

    def __init__(
        self,
        frame: pl.DataFrame,
        extremes: Extremes | None = None,
        source: QueryRows | None = None,
    ) -> None:
        self.frame = frame
        self._extremes = extremes  # measured once: a sort does not change them
        self._source = source

    @property
    def height(self) -> int:
        return self.frame.height

    @property
    def columns(self) -> list[str]:
        return self.frame.columns

    def extremes(self) -> Extremes:
        if self._extremes is None:
            self._extremes = frame_extremes(self.frame)
        return self._extremes

    def slice(self, offset: int, length: int) -> pl.DataFrame:
        return self.frame.slice(offset, length)

    def collect(self) -> pl.DataFrame:
        return self.frame

    def sorted(self, column: str, descending: bool) -> TableRows:
        """Read whole from a query: that query sorted, a page at a time (the warehouse's top-N
        reads the first page of 1.9M rows in ~10 ms; sorting them in memory took ~1 s);
        otherwise the frame sorted."""
        if self._source is not None:
            return self._source.sorted(column, descending)
        return FrameRows(sort_rows(self.frame, column, descending), self._extremes)

    def whole(self) -> FrameRows:
        return self


def sort_rows(frame: pl.DataFrame, column: str, descending: bool) -> pl.DataFrame:
    """`frame` ordered by `column` (nulls last), ties broken by every column in turn, as
    QueryRows' pages are ordered: the same table sorted in memory or in the warehouse reads
    the same."""
    ties = [name for name, dtype in frame.schema.items() if not dtype.is_nested()]
    return frame.sort(
        [column, *ties], descending=[descending] + [False] * len(ties), nulls_last=True
    )


def frame_extremes(frame: pl.DataFrame) -> Extremes:
    """A frame's extremes, measured by Polars over whole columns (no value goes to Python but
    the few kept)."""
    import polars as pl

    least, greatest, blank = [], [], []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if dtype == pl.String:
            longest = column.gather(column.str.len_chars().arg_max()).first()
            least.append(longest.alias(name))
            greatest.append(longest.alias(name))
        elif dtype.is_numeric() or dtype.is_temporal() or dtype == pl.Boolean:
            least.append(column.min().alias(name))
            greatest.append(column.max().alias(name))
        else:  # anything else (lists, structs) as it is: kept whole in the frame's first row
            least.append(column.first().alias(name))
            greatest.append(column.last().alias(name))
        # a null where the column has one: its blank text is measured too
        blank.append(
            pl.when(column.null_count() > 0).then(None).otherwise(column.first()).alias(name)
        )
    if frame.is_empty():
        return Extremes(frame, None)
    rows = pl.concat(
        [frame.select(least), frame.select(greatest), frame.select(blank).cast(frame.schema)]
    )
    key = frame.columns[0] if frame.width else None
    typical = None
    if key is not None and frame.schema[key] == pl.String:
        found = frame[key].str.len_chars().quantile(0.9, "higher")
        typical = int(found) if found is not None else None
    return Extremes(rows, typical)


def extremes_from_row(found: pl.DataFrame) -> tuple[int, Extremes] | None:
    """The count and extremes of a table's rows from a one-row frame of `rows`, `key_typical`
    and, for each column in its order, `least_<column>`, `greatest_<column>` and
    `blank_<column>` (whether it holds a null); None when a column's least or greatest is
    null although there are rows (the query could not tell them)."""
    import polars as pl

    prefix = "least_"
    columns = [name[len(prefix) :] for name in found.columns if name.startswith(prefix)]
    height = int(found["rows"][0])
    least = found.select(pl.col(f"least_{name}").alias(name) for name in columns)
    greatest = found.select(pl.col(f"greatest_{name}").alias(name) for name in columns)
    if height and any(frame[name][0] is None for frame in (least, greatest) for name in columns):
        return None
    blank = found.select(
        pl.when(pl.col(f"blank_{name}")).then(None).otherwise(pl.col(f"least_{name}")).alias(name)
        for name in columns
    )
    typical = found["key_typical"][0]
    rows = pl.concat([least, greatest, blank]) if height else least.clear()
    return height, Extremes(rows, None if typical is None else int(typical))


class QueryRows:
    """The rows of a named query (an `order by` that names every row's place: pages never
    overlap), one LIMIT/OFFSET page at a time; its count and extremes from one aggregate."""

    def __init__(
        self,
        warehouse: WarehouseQueries,
        name: str,
        params: Mapping[str, Any] | None = None,
        order: tuple[str, bool] | None = None,
        known: tuple[int, Extremes] | None = None,
        *,
        extremes_query: str | None = None,
    ) -> None:
        """`extremes_query` (its params) gives their
        count and extremes faster than an aggregate over every row, in the layout
        `extremes_from_row` reads (or nulls for a column it cannot tell: then the aggregate
        measures them)."""
        self._warehouse = warehouse
        self._name = name
        self._params = dict(params or {})
        self._order = order
        self._known = known
        self._extremes_query = extremes_query

    def _measured(self) -> tuple[int, Extremes]:
        if self._known is None and self._extremes_query is not None:
            found = self._warehouse.query(self._extremes_query, self._params)
            self._known = extremes_from_row(found)
        if self._known is None:
            height, frame, typical = self._warehouse.query_extremes(self._name, self._params)
            self._known = (height, Extremes(frame, typical))
        return self._known

    @property
    def height(self) -> int:
        return self._measured()[0]

    @property
    def columns(self) -> list[str]:
        return self._measured()[1].frame.columns

    def extremes(self) -> Extremes:
        return self._measured()[1]

    def slice(self, offset: int, length: int) -> pl.DataFrame:
        return self._warehouse.query_page(
            self._name, self._params, offset=offset, limit=length, order=self._order
        )

    def collect(self) -> pl.DataFrame:
        if self._order is None:
            return self._warehouse.query(self._name, self._params)
        # sorted by the warehouse as its pages are (ties by every column in turn): every row
        # of the snapshot read, not as many as were counted (an export after a reload)
        return self._warehouse.query_page(
            self._name, self._params, offset=0, limit=None, order=self._order
        )

    def whole(self) -> FrameRows:
        return FrameRows(self.collect(), self.extremes(), self)

    def sorted(self, column: str, descending: bool) -> QueryRows:
        return QueryRows(
            self._warehouse,
            self._name,
            self._params,
            (column, descending),
            self._measured(),
        )
