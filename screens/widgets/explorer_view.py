"""The Explorer's view of what is open: an order, a person or a seller, or a search's matches.

Its widgets are built once and kept: another entity is shown in the same widgets (the summary's
text replaced, each table's rows replaced by `FrameTable.show`), and only the part its kind needs
is displayed. Removing and mounting them for every entity cost a stylesheet apply for each new
widget and a focus move onto a new table, each repainting the whole screen, in frames of their
own. A part is mounted the first time it is shown. The tables are built (not mounted) at the
first load, so that load's worker can fit its frames to them off the event loop (`fit_ahead`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from textual.containers import Vertical, VerticalScroll
from textual.widget import AwaitMount, Widget
from textual.widgets import Label, Static

from screens.widgets.frame_table import FrameTable
from screens.widgets.layout_ahead import answer_at_once
from workbench.presentation.explorer_pages import ExplorerPage

if TYPE_CHECKING:
    import polars as pl

# Rows a table shows before it scrolls, so every section of an order fits on a screen or two.
VISIBLE_ROWS = 8
# The tables, by id, with the name their exports start with.
TABLES = {
    "explorer-items": "order_items",
    "explorer-payments": "order_payments",
    "explorer-reviews": "order_reviews",
    "explorer-timeline": "order_timeline",
    "explorer-orders": "orders",
    "explorer-matches": "explorer_search",
}
TABLE_MARGIN = 2  # a table's margin in the view (app.tcss)
TABLE_GUTTER = 3  # FrameTable's room is its width less this (its scrollbar)


class Part(Enum):
    ORDER = "explorer-order"
    ORDERS = "explorer-person"  # a person's or a seller's orders
    MATCHES = "explorer-found"


@dataclass(frozen=True)
class Geometry:
    """The view's size and vertical scrollbar, read on the loop for a worker to fit tables."""

    width: int
    height: int
    scrollbar: int

    def room(self, overflows: bool) -> int:
        """The room a table of the view has for its columns (FrameTable.room)."""
        bar = self.scrollbar if overflows else 0
        return max(self.width - TABLE_MARGIN - TABLE_GUTTER - bar, 20)


class ExplorerView(VerticalScroll):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._tables: dict[str, FrameTable] = {}
        self._parts: dict[Part, Vertical] = {}
        self._shown: Part | None = None
        self._mounting: dict[Part, AwaitMount] = {}
        self._summary = Static("", classes="explorer-summary")
        self._findings = Static("", classes="explorer-findings")
        self._orders_title = _section("")
        self._matches_title = _section("")
        self.parts_mounted = 0  # how many parts were mounted: each once (tests read it)

    def tables(self) -> dict[str, FrameTable]:
        """Every table of the view, by id, built (not mounted) the first time it is asked."""
        if not self._tables:
            self._tables = {key: FrameTable(name, id=key) for key, name in TABLES.items()}
            tables = self._tables
            self._parts = {
                Part.ORDER: Vertical(
                    _section("Broken business rules"),
                    self._findings,
                    _section("Items (enter opens the item's seller)"),
                    tables["explorer-items"],
                    _section("Payments"),
                    tables["explorer-payments"],
                    _section("Reviews"),
                    tables["explorer-reviews"],
                    _section(
                        "Timeline: its history as business events (payments shown at approval)"
                    ),
                    tables["explorer-timeline"],
                    id=Part.ORDER.value,
                ),
                Part.ORDERS: Vertical(
                    self._orders_title, tables["explorer-orders"], id=Part.ORDERS.value
                ),
                Part.MATCHES: Vertical(
                    self._matches_title, tables["explorer-matches"], id=Part.MATCHES.value
                ),
            }
        return self._tables

    def geometry(self) -> Geometry:
        """The view's size now (the screen's, less its other lines, before the first layout)."""
        width = self.outer_size.width or self.app.size.width
        height = self.outer_size.height or max(self.app.size.height - 6, 1)
        return Geometry(width, height, self.styles.scrollbar_size_vertical)

    # -- fitting, in a load's worker ----------------------------------------------------------
    def fit_ahead(self, page: ExplorerPage, geometry: Geometry) -> None:
        """Fit `page`'s tables to the room they will have (FrameTable.fit_ahead): called by the
        worker that built the page, `geometry` read on the loop when the load started."""
        room = geometry.room(_lines(page) > geometry.height)
        for key, shown in page.tables.items():
            self._tables[key].fit_ahead(shown.frame, room)

    def fit_matches_ahead(self, matches: pl.DataFrame, geometry: Geometry) -> None:
        self._tables["explorer-matches"].fit_ahead(matches, geometry.room(False))

    # -- showing, on the loop -----------------------------------------------------------------
    async def show_page(self, page: ExplorerPage) -> None:
        """Show an order, a person or a seller in the kept widgets (its part mounted once)."""
        part = Part.ORDER if page.is_order else Part.ORDERS
        await self._mount(part)
        self._summary.update(page.summary)
        self._summary.display = True
        if page.is_order:
            self._findings.update(page.findings)
        else:
            self._orders_title.update(page.orders_title)
        for key, shown in page.tables.items():
            table = self._tables[key]
            table.show(shown.frame, shown.export_name)
            rows = max(shown.frame.height, 1)
            if len(page.tables) == 1 and rows > VISIBLE_ROWS:
                table.styles.height = "1fr"  # a view's only table takes the room left
            else:
                table.styles.height = min(rows, VISIBLE_ROWS) + 2
        self._display(part)

    async def show_matches(self, matches: pl.DataFrame, query: str) -> None:
        """A search's people and sellers, to pick one with enter."""
        await self._mount(Part.MATCHES)
        self._summary.display = False
        self._matches_title.update(f"Matching {query!r}: enter opens a person or seller")
        self._tables["explorer-matches"].show(matches)
        self._display(Part.MATCHES)

    def first_table(self) -> FrameTable | None:
        """The first table of the part shown (None before anything is)."""
        if self._shown is None:
            return None
        return self._parts[self._shown].query(FrameTable).first()

    def prepare(self, order: bool) -> None:
        """Start mounting (hidden) the part a load will likely show, an order's or else a
        person's or seller's, if it is not yet: called as the load starts, it mounts while
        the load's worker queries, and the answer fills it in the frame that shows it."""
        self._start_mount(Part.ORDER if order else Part.ORDERS)

    def _start_mount(self, part: Part) -> None:
        self.tables()
        widget = self._parts[part]
        if widget.is_attached:
            return
        widget.display = False  # shown once filled: no frame of empty tables
        new: list[Widget] = [widget]
        if not self._summary.is_attached:
            self._summary.display = False
            new.insert(0, self._summary)
        self._mounting[part] = self.mount_all(new)
        self.parts_mounted += 1

    async def _mount(self, part: Part) -> None:
        """`part` mounted (the summary with the first), waiting only while it is not yet."""
        self._start_mount(part)
        mounting = self._mounting.pop(part, None)
        if mounting is not None and not self._parts[part].is_mounted:
            await mounting

    def _display(self, part: Part) -> None:
        for each, widget in self._parts.items():
            if widget.is_attached:
                widget.display = each is part
        self._shown = part
        self.scroll_home(animate=False)
        answer_at_once(self)


def _section(title: str) -> Label:
    return Label(title, classes="section-title")


def _lines(page: ExplorerPage) -> int:
    """About how many lines `page` takes in the view (a table of many rows at least 3)."""
    summary = page.summary.count("\n") + 2  # its margin below
    tables = [max(shown.frame.height, 1) for shown in page.tables.values()]
    if not page.is_order:
        return summary + 1 + (tables[0] + 2 if tables[0] <= VISIBLE_ROWS else 3)
    findings = 1 + page.findings.count("\n") + 1
    return summary + findings + sum(1 + min(rows, VISIBLE_ROWS) + 2 for rows in tables)
