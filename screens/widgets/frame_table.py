"""A fast, sortable, exportable table of a Polars frame (textual-fastdatatable, Arrow-backed).

Every table in the app is one of these: `e` exports what it shows, `s` sorts by the cursor's
column (again to reverse), `enter` posts RowChosen for drill-down. Cells read as their measure
reads everywhere and fit the width (workbench/presentation/table_fit.py): numbers are never cut;
when they are shortened (1.55M), the line under the table gives the cursor row's exact values.
A table wider than its room shows whole columns only, the first one always: the line under it
says how many are hidden ("+4 columns →"), and `>` / `<` page through them.

A big table (more than PAGED_FROM rows, or rows read from a query a page at a time:
application/table_rows.py) is never formatted whole: its widths are measured on each column's
widest values, and its rows are read and formatted a block at a time as they are painted
(`PagedBackend`), so showing it costs the same whatever its length. Sorting, `enter`, exports
(every row) and the query behind work on all of its rows.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Literal

import polars as pl
from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.message import Message
from textual.scrollbar import ScrollBar
from textual.widget import Widget
from textual.widgets import Label
from textual_fastdatatable import DataTable, create_backend
from textual_fastdatatable.backend import DataTableBackend

from domain.errors import Cancelled
from screens.loads import CANCEL_BINDING, Loaded, Loads, on_loaded
from screens.query_behind import open_query_behind
from screens.services import app_of, services
from screens.widgets.export_dialog import ExportDialog, ExportRequest
from screens.widgets.layout_ahead import after_painted
from workbench.application.exports import ExportedFile
from workbench.application.table_rows import FrameRows, TableRows
from workbench.presentation.formats import NULL_TEXT, column_kind
from workbench.presentation.table_fit import (
    ColumnPage,
    FittedTable,
    cut_text,
    exact_values,
    fit_extremes,
    fit_table,
)

PAGED_FROM = 5_000  # rows: a table longer than this is formatted a block at a time
BLOCK = 500  # rows read and formatted at once (one query of a table read from the warehouse)
BLOCKS_KEPT = 16  # (a screen paints at most a few blocks: the ones shown are never dropped)
NOT_READ = "…"  # a cell of a row whose block a worker is still reading


class PagedBackend(DataTableBackend[None]):
    """The rows of a big table (TableRows), read and formatted (FittedTable.cells) a block of
    rows at a time when the table paints them; the latest blocks are kept. Read-only: the
    table sorts through FrameTable, never the backend. Rows read from a query are swapped for
    the same rows in memory once a worker has read them all (`use`): from then on a block is
    a slice of a frame, never a query. A block not read yet of rows not in memory is never
    read here (the event loop paints): its cells show NOT_READ and `ask` has a worker read it
    (`add` brings it; the table then paints again)."""

    def __init__(
        self,
        rows: TableRows,
        fitted: FittedTable,
        shown: list[str],
        read: dict[int, pl.DataFrame] | None = None,
        ask: Callable[[int], None] | None = None,
    ) -> None:
        self._rows, self._fitted, self._shown = rows, fitted, shown
        self._ask = ask
        self._not_read = tuple(NOT_READ for _ in shown)
        self._height = rows.height
        widths = dict(zip(fitted.frame.columns, fitted.widths, strict=True))
        self._column_content_widths = [widths[name] for name in shown]
        # each block: its rows as read (every column) and as shown (formatted cells)
        self._blocks: OrderedDict[int, tuple[pl.DataFrame, list[tuple[Any, ...]]]] = OrderedDict()
        # blocks of rows read already (by a worker, or for the backend this one replaced)
        self._read = read or {}
        self._render_markup = False

    @property
    def rows(self) -> TableRows:
        return self._rows

    def use(self, rows: TableRows) -> None:
        """Read the same rows, in the same order, from `rows` from now on (the blocks formatted
        already stay: they are the same)."""
        self._rows = rows

    @classmethod
    def from_pydict(cls, *args: Any, **kwargs: Any) -> PagedBackend:
        raise NotImplementedError("a PagedBackend shows TableRows")

    def add(self, start: int, rows: pl.DataFrame) -> None:
        """The block from `start`, read by a worker."""
        self._read[start] = rows

    def block(self, start: int) -> tuple[pl.DataFrame, list[tuple[Any, ...]]] | None:
        """The rows from `start` (a multiple of BLOCK), as read and as shown; None while a
        worker reads them (rows not in memory are never read on the caller's thread)."""
        found = self._blocks.get(start)
        if found is None:
            rows = self._read.pop(start, None)
            if rows is None:
                if not isinstance(self._rows, FrameRows):
                    if self._ask is not None:
                        self._ask(start)
                    return None
                rows = self._rows.slice(start, BLOCK)
            found = (rows, self._fitted.cells(rows.select(self._shown)).rows())
            self._blocks[start] = found
            while len(self._blocks) > BLOCKS_KEPT:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(start)
        return found

    def read(self) -> dict[int, pl.DataFrame]:
        """The blocks of rows read so far (for a backend showing the same rows otherwise)."""
        return {**self._read, **{start: rows for start, (rows, _) in self._blocks.items()}}

    def row_values(self, index: int) -> dict[str, Any] | None:
        """Row `index` as read, every column (from the block painted: no second read); None
        while its block is being read."""
        start = index - index % BLOCK
        found = self.block(start)
        return None if found is None else found[0].row(index - start, named=True)

    @property
    def source_data(self) -> None:
        return None

    @property
    def source_row_count(self) -> int:
        return self._height

    @property
    def row_count(self) -> int:
        return self._height

    @property
    def columns(self) -> Sequence[str]:
        return self._shown

    @property
    def column_content_widths(self) -> Sequence[int]:
        return self._column_content_widths

    def get_row_at(self, index: int) -> Sequence[Any]:
        if not 0 <= index < self._height:
            raise IndexError(f"no row {index} in a table of {self._height}")
        start = index - index % BLOCK
        found = self.block(start)
        return self._not_read if found is None else found[1][index - start]

    def get_column_at(self, index: int) -> Sequence[Any]:
        return [self.get_row_at(row)[index] for row in range(self._height)]

    def get_cell_at(self, row_index: int, column_index: int) -> Any:
        return self.get_row_at(row_index)[column_index]

    def append_column(self, label: str, default: Any | None = None) -> int:
        raise NotImplementedError("a PagedBackend is read-only")

    def append_rows(self, records: Any) -> list[int]:
        raise NotImplementedError("a PagedBackend is read-only")

    def drop_row(self, row_index: int) -> None:
        raise NotImplementedError("a PagedBackend is read-only")

    def update_cell(self, row_index: int, column_index: int, value: Any) -> None:
        raise NotImplementedError("a PagedBackend is read-only")

    def sort(self, by: list[tuple[str, Literal["ascending", "descending"]]] | str) -> None:
        raise NotImplementedError("FrameTable sorts a big table's rows, not its backend")


def _painted_by_the_layout(widget: Widget) -> Callable[..., Widget]:
    """A `refresh` for `widget` that does nothing (see FittedDataTable._size_updated)."""

    def refresh(*regions: Any, **options: Any) -> Widget:
        return widget

    return refresh


class FittedDataTable(DataTable):
    """A DataTable of cells already fitted to their columns (table_fit): each body cell is
    painted as one segment, not through Rich's padding, markup and wrapping of each cell
    (about a third of a ms a cell, and a table is painted whole whenever its focus, cursor or
    size changes). Headers and anything else go the library's way.

    `replace` shows other data in the same table: the library has no public way (its `clear`
    says to mount a new table), and a new table cost a removal, a mount with its styles, and
    two focus moves (each restyles the focused nodes and repaints the whole screen) painted in
    three or four frames. The same table keeps its focus and is painted once.

    Its styles are the library's own, registered as this class's: Textual's DataTable has
    rules for the same selector (`DataTable`), and which set won depended on whether a bare
    library table had been mounted before (a subclass's inherited rules rank below a class's
    own), so the zebra stripes changed colour with the order tables were created in."""

    DEFAULT_CSS = DataTable.DEFAULT_CSS
    SCOPED_CSS = False
    # The library binds tab and shift+tab to its cell cursor, spreadsheet-like: a table kept the
    # focus on every screen, and at 80 columns the Segments screen's tabs, once scrolled to,
    # could not be left for its table of segments. They move the focus, as on every widget.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "app.focus_next", "Focus next", show=False),
        Binding("shift+tab", "app.focus_previous", "Focus previous", show=False),
    ]
    _height_before = 0  # the height of its last Resize

    def replace(self, backend: Any, widths: list[int | None]) -> None:
        """Show `backend`'s rows with these column widths, cursor and scroll at the start. What
        the library derives from its data is reset as its own `sort` and constructor do: the
        columns (built again from the backend), the caches (keyed by `_update_count`) and the
        dimensions (measured as its idle handler does)."""
        backend.render_markup = False
        self.backend = backend
        self._column_labels = None
        self._column_widths = list(widths)
        self._ordered_columns = None
        self._update_count += 1
        for cache in (
            self._row_render_cache,
            self._cell_render_cache,
            self._line_cache,
            self._tooltip_cache,
        ):
            cache.clear()
        # Measured now, not on idle: the first frame with these rows has their scrollbars
        # (on idle, a second layout added them a frame later).
        self._require_update_dimensions = False
        self._update_dimensions([])
        self.cursor_coordinate = Coordinate(0, 0)
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Placed by a layout. Textual's ScrollView then refreshes its scrollbars, at every
        layout of the screen (it compares the virtual size the layout found, the table's
        window, with its own, its rows: never the same once it scrolls), and a scrollbar's
        refresh reaches the screen from its own message queue after the layout's frame is
        painted: every layout of a screen with a table that scrolls was followed by a frame of
        its own (>= 1/60 s later) painting the same scrollbars again. They need no refresh:
        a scrollbar placed anew is painted by the layout that placed it, and one whose thumb
        changes (the rows, the window or the scroll) is refreshed by the values it is given."""
        bars: list[ScrollBar] = []  # (a scrollbar is made when first asked for: only if shown)
        if self.show_vertical_scrollbar:
            bars.append(self.vertical_scrollbar)
        if self.show_horizontal_scrollbar:
            bars.append(self.horizontal_scrollbar)
        positions = [bar.position for bar in bars]
        for bar in bars:
            bar.refresh = _painted_by_the_layout(bar)  # type: ignore[method-assign,assignment]
        try:
            return super()._size_updated(size, virtual_size, container_size, layout)
        finally:
            for bar, position in zip(bars, positions, strict=True):
                del bar.refresh
                if bar.position != position:  # the scroll kept in the rows: its thumb moved
                    bar.refresh()

    def on_resize(self, event: events.Resize) -> None:
        """Made shorter (the detail line under it wrapping a longer text for this row), the
        cursor's row stays in view: the library scrolls to it only when the cursor moves."""
        shorter = event.size.height < self._height_before
        self._height_before = event.size.height
        if shorter and self.row_count:
            self.call_after_refresh(self.move_cursor)  # (where it is: scrolled into view)

    def repaint(self) -> None:
        """Paint every row again from the backend (a block it did not have has come)."""
        self._update_count += 1
        for cache in (self._row_render_cache, self._cell_render_cache, self._line_cache):
            cache.clear()
        self.refresh()

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
        in_range: bool = False,
    ) -> list[list[Segment]]:
        datum = (
            self.get_cell_at(Coordinate(row_index, column_index))
            if row_index >= 0 and column_index >= 0
            else None
        )
        if not isinstance(datum, str) or "\n" in datum or cell_len(datum) > width - 2:
            return super()._render_cell(
                row_index, column_index, base_style, width, cursor, hover, in_range
            )
        key = (
            row_index,
            column_index,
            base_style,
            cursor,
            hover,
            in_range,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cache = self._cell_render_cache
        if key not in cache:
            component_style, post_style = self._get_styles_to_render_cell(
                False,
                False,
                row_index < self.fixed_rows or column_index < self.fixed_columns,
                hover,
                cursor,
                in_range,
                self.show_cursor,
                self._show_hover_cursor,
                self.cursor_type == "range",
                self.cursor_foreground_priority == "css",
                self.cursor_background_priority == "css",
            )
            meta = Style.from_meta({"row": row_index, "column": column_index})
            style = base_style + meta + component_style + post_style
            text = set_cell_size(f" {datum}", width - 1) + " "
            cache[key] = [[Segment(text, style)]]
        return cache[key]


class Exported(Loaded):
    def __init__(self, exported: ExportedFile) -> None:
        super().__init__()
        self.exported = exported


class BlockLoaded(Loaded):
    """A block of a big table's rows, read by a worker for the rows `shown`."""

    def __init__(self, shown: object, start: int, rows: pl.DataFrame) -> None:
        super().__init__()
        self.shown, self.start, self.rows = shown, start, rows


class BlockFailed(Loaded):
    """A block of a big table's rows that could not be read (its cells stay `NOT_READ`)."""

    def __init__(self, shown: object, start: int, error: Exception) -> None:
        super().__init__()
        self.shown, self.start, self.error = shown, start, error


class RowsLoaded(Loaded):
    """All the rows of a big table, in memory, as shown (`order` None); or the rows sorted
    (by `order`): in memory, or a query's, read a page at a time."""

    def __init__(
        self, shown: object, rows: TableRows, order: tuple[str, bool] | None = None
    ) -> None:
        super().__init__()
        self.shown, self.rows, self.order = shown, rows, order


# The background load reading a big table's rows whole (data ahead: nobody waits for it), and
# the load sorting them (the user waits for that one; it reads them all itself).
ROWS_LOAD = "table-rows"
SORT_LOAD = "table-sort"
# The load reading one block of rows a scroll or a jump needs before they are all in memory
# (the latest asked wins).
BLOCK_LOAD = "table-block"


class FrameTable(Loads, Vertical, can_focus=False):
    DEFAULT_CLASSES = "frame-table"
    BINDINGS = [
        CANCEL_BINDING,  # a sort (or an export) of this table: shown only while one runs
        Binding("e", "export", "Export", id="table.export"),
        Binding("s", "sort", "Sort", id="table.sort"),
        Binding("Q", "query_behind", "Query", id="table.query"),
        Binding("greater_than_sign", "next_columns", "More columns", id="table.next_columns"),
        Binding("less_than_sign", "previous_columns", "Back columns", id="table.previous_columns"),
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

    def __init__(
        self,
        name: str,
        *,
        id: str | None = None,
        classes: str | None = None,
        blank: str = NULL_TEXT,
        kinds: dict[str, str] | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.blank = blank  # what an empty cell shows
        self.kinds = kinds or {}  # a column's kind where its name and type mislead (formats.py)
        self.export_name = name
        # The frame shown (empty, of the same columns, when its rows are read from a query).
        self.frame = pl.DataFrame()
        # A big table's rows, read and formatted a block at a time (None: the frame fitted whole).
        self.rows: TableRows | None = None
        self._paged: PagedBackend | None = None  # the backend showing them
        self._block_failed = False  # the line under the table says a block was not read
        self._shown = object()  # what `show` was last given (a load for older rows is dropped)
        self._generation = 0  # the app's snapshot generation when `show` was given them
        self._asked: int | None = None  # the block a worker is reading
        self._sorted: tuple[str, bool] | None = None
        self._exports = itertools.count(1)
        self._fitted_room = 0
        # Fitted by a worker: (frame or rows, room, fit, a big table's first block of rows).
        self._ahead: tuple[object, int, FittedTable, pl.DataFrame | None] | None = None
        self.fitted_ahead = 0  # how many frames were shown with a worker's fit (tests read it)
        self._table = FittedDataTable(
            data=None,
            column_labels=["loading…"],
            cursor_type="cell",
            zebra_stripes=True,
            render_markup=False,
        )
        self.fitted = fit_table(self.frame)
        self.page = self.fitted.page(0)

    def compose(self) -> ComposeResult:
        yield self._table
        with Horizontal(classes="frame-foot"):
            yield Label("", classes="frame-detail")
            busy = Label("", classes="frame-busy")  # "sorting by …" while a sort runs
            busy.display = False
            yield busy
            yield Label("", classes="frame-columns")

    @property
    def table(self) -> FittedDataTable:
        """The table shown (the same one whatever frame it shows)."""
        return self._table

    def show(
        self, data: pl.DataFrame | TableRows, name: str | None = None, room: int | None = None
    ) -> None:
        """Replace the rows shown, in the same table (it keeps its focus), and the page of
        columns if the columns are the same. A frame of more than PAGED_FROM rows, and rows
        read from a query, are shown a block at a time. `room`: the cells to fit the columns
        to, when the caller knows the width the next layout gives the table (else its own)."""
        rows: TableRows | None
        if isinstance(data, pl.DataFrame):
            frame, rows = data, (FrameRows(data) if data.height > PAGED_FROM else None)
        elif isinstance(data, FrameRows):
            frame, rows = data.frame, data
        else:
            frame, rows = pl.DataFrame(schema=data.extremes().frame.schema), data
        if frame.columns != self.frame.columns:
            self.page = ColumnPage((), 0, 0)
        self.frame, self.rows, self._shown = frame, rows, object()
        self._generation, self._asked = self._snapshot(), None
        if name:
            self.export_name = name
        ahead = self._ahead  # (read once: a worker may replace it)
        if room is None:
            room = self._room()
            if not self.size.width and ahead is not None and ahead[0] is data:
                room = ahead[1]  # not laid out yet: the pane's guess its worker fitted for
        self._fit(room)
        if rows is not None and not isinstance(rows, FrameRows):
            # once the first page is painted: the read takes every core DuckDB has
            after_painted(self, self._read_whole, rows, self._shown)

    def _snapshot(self) -> int:
        """The app's snapshot generation (it moves on when a newer snapshot is loaded)."""
        return int(getattr(self.app, "snapshot_generation", 0))

    def _same_snapshot(self) -> bool:
        """Whether the rows shown can still be read: no newer snapshot was loaded since they
        were shown (their count, widths and blocks all come from one snapshot; the screen
        shows them again from the newer one)."""
        return self._snapshot() == self._generation

    def _ask_block(self, start: int) -> None:
        """Have a worker read the block from `start` of the rows shown (the latest asked wins);
        the table paints it when it comes."""
        if start == self._asked or not self._same_snapshot() or self.rows is None:
            return
        self._asked, rows, shown = start, self.rows, self._shown

        def read_block() -> Loaded:
            try:
                return BlockLoaded(shown, start, rows.slice(start, BLOCK))
            except Cancelled:
                raise
            except Exception as error:  # a background load's failure says nothing: said here
                return BlockFailed(shown, start, error)

        self.start_load(BLOCK_LOAD, read_block, f"rows of {self.export_name}", background=True)

    @on_loaded(BlockLoaded)
    def _block_loaded(self, message: BlockLoaded) -> None:
        if message.shown is not self._shown or not self._same_snapshot():
            return  # other rows are shown now, or their snapshot is no longer read
        if self._asked == message.start:
            self._asked = None
        if self._paged is not None:
            self._paged.add(message.start, message.rows)
            self._table.repaint()
        if self._block_failed:
            self._block_failed = False
            self._show_busy("")

    @on_loaded(BlockFailed)
    def _block_not_read(self, message: BlockFailed) -> None:
        """Said under the table: its rows there show `NOT_READ` until a read of them works
        (asked again when they are painted again: a scroll)."""
        if message.shown is not self._shown:
            return
        if self._asked == message.start:
            self._asked = None
        last = message.start + BLOCK
        if self._paged is not None:
            last = min(last, self._paged.row_count)
        self._block_failed = True
        self._show_busy(
            f"rows {message.start + 1:,}-{last:,} could not be read ({NOT_READ}): see the "
            "error notification · scroll to read them again"
        )
        app_of(self).report_error(message.error)

    def load_stopped(self, kind: str, cancelled: bool) -> None:
        if kind == SORT_LOAD:
            self._show_busy("")
            rows = self.rows
            if rows is not None and not isinstance(rows, FrameRows):
                # the sort had cancelled the read of every row: it goes on
                self._read_whole(rows, self._shown)
        elif kind == BLOCK_LOAD and cancelled:
            self._asked = None  # asked again when painted again

    def _show_busy(self, text: str) -> None:
        busy = next(self.query(".frame-busy").results(Label), None)
        if busy is None:
            return
        busy.update(text)
        busy.display = bool(text)
        self._show_foot()

    def _read_whole(self, rows: TableRows, shown: object) -> None:
        """Read all of `rows` in a worker, in their order (one read, no row by row): once
        they are in memory, scrolling and sorting read no more from the warehouse."""
        if shown is not self._shown:
            return  # other rows are shown already
        self.start_load(
            ROWS_LOAD,
            lambda: RowsLoaded(shown, rows.whole()),
            f"the rows of {self.export_name}",
            background=True,
        )

    @on_loaded(RowsLoaded)
    def _rows_loaded(self, message: RowsLoaded) -> None:
        if message.order is not None:
            self._show_busy("")
        if message.shown is not self._shown or not self._same_snapshot():
            return  # other rows are shown now, or their snapshot is no longer read
        if message.order is not None:
            self.show(message.rows)
            self._sorted = message.order
            column, descending = message.order
            self.notify(f"sorted by {column} {'descending' if descending else 'ascending'}")
            return
        # The same rows in the same order: the table stays as it is, its blocks now sliced
        # from memory.
        assert isinstance(message.rows, FrameRows)  # (read whole: `_read_whole`)
        self.rows, self.frame = message.rows, message.rows.frame
        if self._paged is not None:
            self._paged.use(message.rows)
            self._table.repaint()  # any row still waiting for its block

    def _room(self) -> int:
        """Cells for the columns: the table's width less its vertical scrollbar (a table not
        laid out yet, in a view not shown yet, is taken to span the screen)."""
        return max((self.size.width or self.screen.size.width) - 3, 20)

    def room(self) -> int:
        """The room the next frame will be fitted to, as the table is laid out now (a table
        made but not mounted yet, for a tab not shown yet: as `_room` will find it then, not
        laid out, spanning the screen)."""
        if not self.is_attached:
            return max(self.app.size.width - 3, 20)
        return self._room()

    def fit_ahead(self, data: pl.DataFrame | TableRows, room: int) -> None:
        """Fit `data` to `room` now, off the event loop (a worker calls this with the frame
        or rows it loaded, `room` read on the loop when the load started): `show` of that very
        data at that room uses the fit instead of formatting every cell on the loop (a big
        table's extremes are measured, its first block of rows read). Anything else (other
        data, the table resized meanwhile) is fitted by `show` as before."""
        if isinstance(data, pl.DataFrame) and data.height <= PAGED_FROM:
            fitted = fit_table(data, room, kinds=self.kinds, blank=self.blank, paged=True)
            self._ahead = (data, room, fitted, None)
            return
        rows = FrameRows(data) if isinstance(data, pl.DataFrame) else data
        # the first block and the next (the first scroll), read in this worker too
        self._ahead = (data, room, self._fit_rows(rows, room), rows.slice(0, 2 * BLOCK))

    def take_fit(self, data: pl.DataFrame, fitted: FittedTable) -> None:
        """`data` fitted elsewhere, off the event loop, to no room in particular (as wide as
        it needs): `show` of that very data uses it for any room it fits in unchanged
        (`FittedTable.same_in`). A fit made with other kinds or blanks than this table's is
        not taken."""
        kinds = tuple(
            self.kinds.get(name) or column_kind(name, t) for name, t in data.schema.items()
        )
        if fitted.kinds == kinds and fitted.blank == self.blank:
            self._ahead = (data, 0, fitted, None)

    def _fit_rows(self, rows: TableRows, room: int) -> FittedTable:
        """A big table's fit: measured on its columns' widest values."""
        extremes = rows.extremes()
        return fit_extremes(
            extremes.frame, extremes.key_typical, room, kinds=self.kinds, blank=self.blank
        )

    def _fit(self, room: int, page: ColumnPage | None = None) -> None:
        """Lay the frame out for `room` cells, showing `page` (else the page of the current
        first column)."""
        if not self.query_children(".frame-foot"):
            return  # being removed (a newer view replaced this one while it was shown)
        self._fitted_room = room
        ahead, self._ahead = self._ahead, None
        shows = self.frame if self.rows is None or self.frame.height else self.rows
        first = None
        if ahead is not None and ahead[0] is shows:
            first = ahead[3]  # the rows read are the same at any room: only the fit differs
        if ahead is not None and ahead[0] is shows and (ahead[1] == room or ahead[2].same_in(room)):
            self.fitted = ahead[2]
            self.fitted_ahead += 1
        elif self.rows is not None:
            self.fitted = self._fit_rows(self.rows, room)
        else:
            self.fitted = fit_table(
                self.frame, room, kinds=self.kinds, blank=self.blank, paged=True
            )
        self.page = page if page is not None else self.fitted.page(room, self.page.first)
        shown = [self.frame.columns[index] for index in self.page.columns]
        widths: list[int | None] = [self.fitted.widths[index] for index in self.page.columns]
        previous, self._paged = self._paged, None
        if self.rows is not None:
            # the rows read already are not read again (a resize, a page of columns)
            read = previous.read() if previous is not None and previous.rows is self.rows else {}
            if first is not None:
                read |= {
                    start: first.slice(start, BLOCK) for start in range(0, first.height, BLOCK)
                }
            self._paged = PagedBackend(self.rows, self.fitted, shown, read, self._ask_block)
            backend: DataTableBackend[Any] = self._paged
        else:
            backend = create_backend(self.fitted.frame.select(shown), column_names=shown)
            # The fitted cells are as wide as their column already: told so, the backend does
            # not measure every cell again (in Python, for each distinct text not ASCII).
            backend._column_content_widths = widths  # type: ignore[attr-defined]
        self._table.replace(backend, widths)
        self._show_detail(0)
        self._show_page()

    def on_resize(self) -> None:
        room = self._room()
        if not (self.size.width and room != self._fitted_room and self.frame.width):
            return
        if self.fitted.same_in(room):  # nothing was cut, and it still fits: nothing to redo
            self._fitted_room = room
            return
        if self.rows is not None:
            refitted = self._fit_rows(self.rows, room)
        else:
            refitted = fit_table(self.frame, room, kinds=self.kinds, blank=self.blank, paged=True)
        if (
            refitted.widths == self.fitted.widths
            and refitted.frame.equals(self.fitted.frame)
            and refitted.page(room, self.page.first) == self.page
        ):
            self._fitted_room = room  # the same table at this width: nothing to redo
            return
        cursor = self.table.cursor_coordinate
        self._fit(room)
        self.call_after_refresh(self.table.move_cursor, row=cursor.row, column=cursor.column)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The paging keys show only when there are columns to page to."""
        if action == "next_columns":
            return self.page.hidden_after > 0
        if action == "previous_columns":
            return self.page.hidden_before > 0
        return super().check_action(action, parameters)

    def action_next_columns(self) -> None:
        if self.page.hidden_after:
            self._turn_page(self.fitted.page(self._fitted_room, self.page.columns[-1] + 1))

    def action_previous_columns(self) -> None:
        if self.page.hidden_before:
            self._turn_page(self.fitted.previous_page(self._fitted_room, self.page.first))

    def _turn_page(self, page: ColumnPage) -> None:
        """Show `page`, the cursor on the same row and on the first column paged to."""
        row = self.table.cursor_row
        self._fit(self._fitted_room, page)
        self.call_after_refresh(self.table.move_cursor, row=row, column=1)
        self.refresh_bindings()

    def _show_page(self) -> None:
        marker = self.query_one(".frame-columns", Label)
        marker.update(self.page.marker())
        marker.display = bool(self.page.marker())
        self._show_foot()
        self.refresh_bindings()

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._show_detail(event.coordinate.row, event.coordinate.column)

    def _show_detail(self, index: int, column: int = 0) -> None:
        """Under the table, what row `index` shows cut: the exact values of its shortened
        numbers, and the whole text of the cell at `column` (of the page) when it is cut. The
        line is there while the page has a column shortened or cut (the table does not change
        height as the cursor moves), hidden otherwise."""
        found = self.query(".frame-detail").results(Label)
        detail = next(found, None)
        if detail is None:  # a highlight arriving after the table was taken off the screen
            return
        shown = [self.fitted.frame.columns[at] for at in self.page.columns]
        cut = set(self.fitted.shortened) | set(self.fitted.cut)
        detail.display = any(name in cut for name in shown)
        row = self._row(index) if detail.display else None
        parts = []
        if row is not None and self.fitted.shortened:
            parts.append(exact_values(self.fitted, row, set(shown)))
        if row is not None and 0 <= column < len(shown):
            whole = cut_text(self.fitted, row, shown[column])
            parts.append(f"{shown[column]} = {whole}" if whole else "")
        said = " · ".join(part for part in parts if part)
        detail.update(f"row {index + 1}: {said}" if said else "")
        self._show_foot()

    def _row(self, index: int) -> dict[str, Any] | None:
        """Row `index`'s values (None if out of range, or a big table's block not read yet)."""
        if self._paged is not None:
            return self._paged.row_values(index)
        if 0 <= index < self.frame.height:
            return self.frame.row(index, named=True)
        return None

    def _show_foot(self) -> None:
        """The line under the table shows only when it says something."""
        foot = self.query_one(".frame-foot")
        foot.display = any(label.display for label in foot.query(Label))

    @property
    def height(self) -> int:
        """The number of rows shown (every one of a big table's)."""
        return self.rows.height if self.rows is not None else self.frame.height

    def selected_row(self) -> dict[str, Any] | None:
        if not self.height:
            return None
        return self._row(min(self.table.cursor_row, self.height - 1))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        row = self.selected_row()
        if row is not None:
            self.post_message(self.RowChosen(self, row))

    def action_sort(self) -> None:
        if not self.height:
            return
        shown = self.page.columns[min(self.table.cursor_column, len(self.page.columns) - 1)]
        column = self.frame.columns[shown]
        descending = self._sorted == (column, False)
        rows, showing, room = self.rows, self._shown, self._room()
        if rows is not None:  # a big table: sorted in a worker, shown (and recorded) when it is
            self.cancel_load(ROWS_LOAD)  # (not read whole yet: read again in the new order)

            def sort() -> RowsLoaded:
                ordered = rows.sorted(column, descending)
                self.fit_ahead(ordered, room)  # its first page read here, shown with the sort
                return RowsLoaded(showing, ordered, (column, descending))

            self.start_load(SORT_LOAD, sort, f"sorting {self.export_name}")
            order = "descending" if descending else "ascending"
            self._show_busy(f"sorting by {column} {order} … (escape stops)")
            return
        self._sorted = (column, descending)
        self.show(self.frame.sort(column, descending=descending, nulls_last=True))
        self.notify(f"sorted by {column} {'descending' if descending else 'ascending'}")

    def action_query_behind(self) -> None:
        open_query_behind(self)

    def action_export(self) -> None:
        folder = services(self).settings().data_dir / "exports"
        dialog = ExportDialog(self.export_name, self.height, folder)
        self.app.push_screen(dialog, self._export_chosen)

    def _export_chosen(self, request: ExportRequest | None) -> None:
        if request is not None:
            # rows read from a query and not yet in memory (an empty frame): read in its worker
            from_query = self.rows is not None and not self.frame.height
            self.export(request, self.rows if from_query and self.rows is not None else self.frame)

    def export(self, request: ExportRequest, data: pl.DataFrame | TableRows) -> None:
        """Export `data`, every row (a big table's are read in the export's worker)."""
        exports, name = services(self).exports(), self.export_name

        def export() -> Exported:
            frame = data if isinstance(data, pl.DataFrame) else data.collect()
            return Exported(exports.export_frame(name, frame, request.fmt, request.path))

        self.start_load(
            f"export-{next(self._exports)}",  # exports do not replace each other
            export,
            f"the export of {name}",
        )

    @on_loaded(Exported)
    def _exported(self, message: Exported) -> None:
        exported = message.exported
        self.notify(f"Exported {exported.rows:,} rows to {exported.path}", title="Export")
