"""The orders behind a KPI figure, as a table; enter on one dismisses with its id to explore."""

from __future__ import annotations

import polars as pl
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from screens.loads import Loaded, Loads, on_loaded
from screens.services import services
from screens.widgets.frame_table import FrameTable
from workbench.application.kpi_filters import Drill, Filters
from workbench.application.table_queries import TableQuery
from workbench.presentation.kpi_drills import drill_summary


class OrdersLoaded(Loaded):
    def __init__(self, orders: pl.DataFrame) -> None:
        super().__init__()
        self.orders = orders


class KpiOrdersScreen(Loads, ModalScreen[str | None]):
    """Leaving with escape also cancels the orders' query if it still runs."""

    BINDINGS = [Binding("escape", "dismiss", "Back", id="kpi_orders.back")]

    def __init__(self, filters: Filters, drill: Drill) -> None:
        super().__init__()
        self.filters = filters
        self.drill = drill

    def compose(self) -> ComposeResult:
        with Vertical(id="kpi-orders"):
            yield Label(self.drill.title, classes="section-title")
            yield Label(
                f"{self.drill.filters(self.filters).describe()} · loading…", id="kpi-orders-info"
            )
            yield FrameTable("kpi_orders", id="kpi-orders-table")
            yield Label(
                "enter: open the order in the Explorer · e: export · Q: its query in the console · "
                "escape: back (stops loading)"
            )

    def on_mount(self) -> None:
        self.query_one("#kpi-orders-table DataTable").focus()
        self.load_orders()

    def load_orders(self) -> None:
        kpis, filters, drill = services(self).kpis(), self.filters, self.drill
        self.start_load(
            "kpi-orders", lambda: OrdersLoaded(kpis.orders(filters, drill)), "the orders"
        )

    @on_loaded(OrdersLoaded)
    def _show(self, message: OrdersLoaded) -> None:
        orders = message.orders
        self.query_one("#kpi-orders-info", Label).update(
            f"{self.drill.filters(self.filters).describe()} · {drill_summary(self.drill, orders)}"
        )
        self.query_one(FrameTable).show(orders)

    def query_behind(self, table: FrameTable) -> TableQuery:
        return services(self).kpis().orders_query(self.filters, self.drill)

    @on(FrameTable.RowChosen)
    def _open_order(self, event: FrameTable.RowChosen) -> None:
        event.stop()
        self.dismiss(str(event.row["order_id"]))
