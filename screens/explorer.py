"""Explorer screen: open an order, customer or seller by id and move between them by keyboard."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
from rich.markup import escape
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Static

from domain.errors import WarehouseNotPublished
from screens.loads import CANCEL_BINDING, Loaded, Loads, on_loaded
from screens.services import SnapshotScreen, services
from screens.widgets.empty_state import empty_state_text
from screens.widgets.explorer_view import ExplorerView
from screens.widgets.frame_table import FrameTable
from screens.widgets.id_suggester import IdSuggester
from screens.widgets.keys_footer import KeysFooter
from screens.widgets.layout_ahead import frames_ready
from screens.widgets.status_line import StatusLine
from workbench.application.explored import EntityKind, ExploredView, OrderView
from workbench.application.explorer import Explored
from workbench.application.table_queries import NoQueryBehind, TableQuery
from workbench.presentation.explorer_pages import ExplorerPage, page_of

HELP = """\
## Explorer

Type or paste an order id, a customer's `customer_unique_id` (a per-order `customer_id` works
too) or a seller id; `→` accepts the suggested completion, `enter` opens it. Or type a city, a
state (UF) or a product category (accents, case and small typos do not matter, "sao paolo"
finds São Paulo): `enter` lists the people and sellers there (sellers of the category), best
match first, and `enter` on one opens it. Once something is
open the keys act on its tables: press `/` to type another id. The id is looked up in the loaded
snapshot: the Explorer tells you when it is unknown or not an id at all.

| key | action |
|---|---|
| `/` | go to the id field (to type another id while an entity is shown) |
| `enter` on a row | open it: an item's seller, or an order of a customer or seller |
| `c` | in an order: open its customer |
| `S` | in an order: open its seller (with several sellers, pick an item and press `enter`) |
| `backspace`, `escape` | back to what you looked at before (`escape` in the id field leaves it) |
| `escape` while looking up | cancel the lookup (the footer shows it then) |
| `e`, `s` | export or sort the table under the cursor |

An **order** shows its items, payments, reviews, the delivery against its estimate, its history
replayed as business events and every business rule the stored data breaks. A **customer** shows
the address of their latest order, all their orders and recency / frequency / monetary value as
of the snapshot's last purchase. A **seller** shows revenue (its own items' prices in orders that
count as sales), on-time rate over delivered orders, mean review score, whether it sold in the
90 days before the snapshot's last purchase, and its 50 most recent orders.
"""

PLACEHOLDER = "id (→ completes), or a city, state or category; enter opens, / jumps here"


@dataclass(frozen=True)
class Visit:
    kind: EntityKind
    key: str


class SnapshotChecked(Loaded):
    """Whether a snapshot is there to explore; `missing` says why not."""

    def __init__(self, missing: WarehouseNotPublished | None) -> None:
        super().__init__()
        self.missing = missing


class EntityExplored(Loaded):
    """What was opened, with the page showing it (built and fitted by the worker)."""

    def __init__(self, explored: Explored, push: bool, page: ExplorerPage | None) -> None:
        super().__init__()
        self.explored = explored
        self.push = push
        self.page = page


def _missing(check: Callable[[], object]) -> WarehouseNotPublished | None:
    try:
        check()
    except WarehouseNotPublished as missing:
        return missing
    return None


class ExplorerScreen(Loads, SnapshotScreen, Screen[None]):
    HELP = HELP
    AUTO_FOCUS = "#explorer-id"
    BINDINGS = [
        CANCEL_BINDING,
        Binding("slash", "focus_id", "Find id", id="explorer.find"),
        Binding("c", "open_customer", "Customer", id="explorer.customer"),
        Binding("S", "open_seller", "Seller", id="explorer.seller"),
        Binding("backspace,escape", "back", "Back", id="explorer.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._current: Visit | None = None
        self._view: ExploredView | None = None
        self._history: list[Visit] = []
        self._pending: Visit | None = None  # asked for before the screen was mounted
        self._searched: str | None = None  # the text whose matches are shown
        self._looking_up = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="explorer-search"):
            yield Label("id", classes="inline-label")
            yield Input(
                placeholder=PLACEHOLDER,
                suggester=IdSuggester(lambda text: services(self).explorer().suggest(text)),
                id="explorer-id",
            )
        yield Static("", id="explorer-message")
        yield ExplorerView(id="explorer-view")
        yield StatusLine()
        yield KeysFooter()

    @on(events.Mount)
    def _frames_ready(self) -> None:
        frames_ready(self)  # the opened screen's frame comes as the switch's hold ends

    def load_data(self) -> None:
        """On mount, and after a snapshot reload: show the current entity as the snapshot has it."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._open(pending)
        elif self._current is not None:
            self.load(self._current.key, self._current.kind, push=False)
        else:
            self._say("Type or paste an id above, or drill into an order from another screen.")
            self.check_snapshot()

    def check_snapshot(self) -> None:
        """Say at once, calmly, when there is nothing to explore yet."""
        status = services(self).status()
        self.start_load(
            "explorer", lambda: SnapshotChecked(_missing(status.loaded_snapshot)), "the snapshot"
        )

    @on_loaded(SnapshotChecked)
    def _snapshot_checked(self, message: SnapshotChecked) -> None:
        if message.missing is not None:
            self._say(empty_state_text(self, message.missing))

    # -- opening ------------------------------------------------------------------------------
    def open_entity(self, kind: str, key: str) -> None:
        """Open `key` as an order, customer or seller (the app's drill-down entry point)."""
        try:
            wanted = EntityKind(kind)
        except ValueError:
            self._say(
                f"The Explorer opens orders, customers and sellers, not a {kind}.", error=True
            )
            return
        if self.is_mounted:
            self._open(Visit(wanted, key))
        else:  # the app switched to this mode a moment ago: open it once mounted
            self._pending = Visit(wanted, key)

    def _open(self, visit: Visit) -> None:
        self.query_one("#explorer-id", Input).value = visit.key
        self.load(visit.key, visit.kind, push=True)

    @on(Input.Submitted, "#explorer-id")
    def _id_submitted(self, event: Input.Submitted) -> None:
        self.load(event.value, None, push=True)

    def load(self, text: str, kind: EntityKind | None, push: bool) -> None:
        self._say(f"looking up {text.strip()} … (escape cancels)")
        self._looking_up = text.strip()
        explorer = services(self).explorer()
        view = self.query_one(ExplorerView)
        view.prepare(order=kind is EntityKind.ORDER)  # mounted while the worker queries
        geometry = view.geometry()

        def open_entity() -> Loaded:
            try:
                explored = explorer.open(text, kind)
            except WarehouseNotPublished as missing:  # the normal state before the first ingest
                return SnapshotChecked(missing)
            page = None
            if explored.view is not None:  # the page built and fitted here, off the loop
                page = page_of(explored.view)
                view.fit_ahead(page, geometry)
            elif explored.matches is not None:
                view.fit_matches_ahead(explored.matches, geometry)
            return EntityExplored(explored, push, page)

        self.start_load("explorer", open_entity, text.strip())

    def load_stopped(self, kind: str, cancelled: bool) -> None:
        looked_up = self._looking_up or "it"
        if cancelled:  # the screen keeps what it showed
            self._say(f"Stopped looking up {looked_up}.")
        else:
            self._say(f"Could not open {looked_up}: see the error notification.", error=True)

    @on_loaded(EntityExplored)
    def _explored(self, message: EntityExplored) -> None:
        self._show(message.explored, message.push, message.page)

    def _show(self, explored: Explored, push: bool, page: ExplorerPage | None) -> None:
        if explored.matches is not None:
            self._view = None  # the matches are shown: no order's keys (c, S) act on a hidden one
            self._say(explored.message)
            self.call_next(self._show_matches, explored.matches, explored.query)
            return
        if explored.view is None or explored.kind is None or page is None:
            self._say(explored.message, error=True)
            return
        visit = Visit(explored.kind, explored.view.key)
        if push and self._current is not None and self._current != visit:
            self._history.append(self._current)
        self._current, self._view = visit, explored.view
        self.query_one("#explorer-id", Input).value = visit.key
        trail = " › ".join(f"{v.kind} {v.key[:8]}…" for v in [*self._history[-3:], visit])
        back = "backspace goes back, " if self._history else ""
        self._say(f"{trail}   ({back}/ types another id)")
        self.call_next(self._show_page, page)

    async def _show_page(self, page: ExplorerPage) -> None:
        await self.query_one(ExplorerView).show_page(page)
        self._focus_first_table()

    async def _show_matches(self, matches: pl.DataFrame, query: str) -> None:
        """A search's people and sellers, to pick one with enter (the id field keeps the text)."""
        self._searched = query
        await self.query_one(ExplorerView).show_matches(matches, query)
        self._focus_first_table()

    def query_behind(self, table: FrameTable) -> TableQuery:
        """A search's matches come from one statement; an order, customer or seller is built
        from its domain objects, read by several queries of the repositories."""
        if table.id == "explorer-matches" and self._searched is not None:
            return services(self).explorer().search_query(self._searched)
        raise NoQueryBehind(
            "it is built from the domain's objects (order, items, payments, reviews), "
            "each read by a query of its own"
        )

    def _focus_first_table(self) -> None:
        """Leave the id field so the view's keys (c, S, backspace) reach the screen."""
        table = self.query_one(ExplorerView).first_table()
        if table is not None:
            table.table.focus()

    # -- navigation ---------------------------------------------------------------------------
    def action_focus_id(self) -> None:
        """Go to the id field with its text selected, so typing replaces the shown id."""
        field = self.query_one("#explorer-id", Input)
        field.focus()
        field.select_all()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):  # escape in the id field just leaves it
            if self._view is None:
                self.set_focus(None)
            else:
                self._focus_first_table()
            return
        if not self._history:
            self._say("Nothing to go back to.")
            return
        previous = self._history.pop()
        self.load(previous.key, previous.kind, push=False)

    def action_open_customer(self) -> None:
        if isinstance(self._view, OrderView):
            self.open_entity(EntityKind.CUSTOMER, self._view.order.customer_unique_id)
        else:
            self._say("c opens the customer of an order: open an order first.")

    def action_open_seller(self) -> None:
        if not isinstance(self._view, OrderView):
            self._say("S opens the seller of an order: open an order first.")
            return
        sellers = self._view.seller_ids
        if len(sellers) == 1:
            self.open_entity(EntityKind.SELLER, sellers[0])
        elif not sellers:
            self._say("This order has no items, so no seller.", error=True)
        else:
            self.query_one("#explorer-items", FrameTable).table.focus()
            self._say(f"{len(sellers)} sellers: pick an item and press enter to open its seller.")

    @on(FrameTable.RowChosen)
    def _row_chosen(self, event: FrameTable.RowChosen) -> None:
        row = event.row
        if event.table.id == "explorer-items" and row.get("seller"):
            self.open_entity(EntityKind.SELLER, str(row["seller"]))
        elif event.table.id == "explorer-orders" and row.get("order_id"):
            self.open_entity(EntityKind.ORDER, str(row["order_id"]))
        elif event.table.id == "explorer-matches" and row.get("key"):
            self.open_entity(str(row["kind"]), str(row["key"]))

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#explorer-message", Static)
        message.update(escape(text))
        message.set_class(error, "error")
