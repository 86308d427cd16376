"""The KPI screen as a user drives it: tiles, views, filters, drill-down into the Explorer.

Figures are those of tests/fixtures/olist_small/README.md (and hand-computed in
tests/integration/kpis/test_kpi_fixture_figures.py).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from shown import loads_done
from textual.widgets import ContentSwitcher, Input, Markdown, Static

from screens.kpi_definitions import KpiDefinitionsScreen
from screens.kpi_orders import KpiOrdersScreen
from screens.widgets.frame_table import FrameTable
from screens.widgets.kpi_chart import ChartPanel
from screens.widgets.kpi_tiles import TileWidget
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


def order_id(n: int) -> str:
    return f"{'0d' if n in (14, 15) else 'ad'}{'0' * 28}{n:02d}"


async def settle(pilot) -> None:
    await loads_done(pilot)
    await pilot.pause()
    await loads_done(pilot)
    await pilot.pause()


def tile_text(app: WorkbenchApp, key: str) -> str:
    return str(app.screen.query_one(f"#tile-{key}", TileWidget).render())


async def test_tiles_views_and_definitions(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert "R$ 1,103.75" in tile_text(app, "gmv")
        assert "15" in tile_text(app, "orders")
        assert "R$ 84.90" in tile_text(app, "aov")
        assert "22.2 %" in tile_text(app, "late_rate")  # O2, O12 of 9 delivered with a date
        assert "13.3 %" in tile_text(app, "not_fulfilled_rate")  # O5 canceled, O6 unavailable
        assert "Not fulfilled" in tile_text(app, "not_fulfilled_rate")
        assert "3.92" in tile_text(app, "avg_review_score")
        # no date range: no tile shows a change, the view bar says once what would
        assert tile_text(app, "gmv").split("\n") == ["GMV", "R$ 1,103.75"]
        view_bar = str(app.screen.query_one("#kpi-view-bar", Static).render())
        assert "a from/to date compares the tiles" in view_bar
        gmv_chart = app.screen.query_one("#chart-gmv", ChartPanel).spec
        assert gmv_chart is not None and gmv_chart.series[0].values[:3] == (318.25, 90.0, 203.5)

        await pilot.press("c")
        assert app.screen.query_one(ContentSwitcher).current == "categories"
        await settle(pilot)
        shown = app.screen.query_one("#table-categories", FrameTable).frame
        statuses = dict(zip(shown["category"], shown["category_status"], strict=True))
        assert statuses["pc_gamer"] == "untranslated"
        assert statuses["(no category)"] == "missing"
        assert shown.filter(shown["category"] == "bed_bath_table")["late_rate"].item() == 0.5

        await pilot.press("l")
        await settle(pilot)
        sellers = app.screen.query_one("#table-sellers", FrameTable).frame
        assert sellers.is_empty()  # no seller of the fixture has the default 10 orders
        note = str(app.screen.query_one("#sellers .kpi-note", Static).render())
        assert "of sellers with at least 10 orders placed, canceled too (m: change)" in note
        await pilot.press("m", "backspace", "backspace", "0", "enter")  # 0: refused, stays
        assert "not a whole number from 1" in str(app.screen.query_one("#number-note").render())
        await pilot.press("backspace", "1", "enter")
        await settle(pilot)
        sellers = app.screen.query_one("#table-sellers", FrameTable).frame
        assert sellers["health_score"].round(2).to_list() == [63.33, 76.67, 77.48], "worst first"
        note = str(app.screen.query_one("#sellers .kpi-note", Static).render())
        assert "at least 1 orders" not in note and "at least 1 order " in note
        assert "d: health formula" in note  # the formula itself: in the definitions

        await pilot.press("right_square_bracket")
        assert app.screen.query_one(ContentSwitcher).current == "delivery"
        await settle(pilot)
        await pilot.press("b")
        routes = app.screen.query_one("#table-delivery", FrameTable)
        assert routes.export_name == "kpi_delivery_routes"

        await pilot.press("d")
        assert isinstance(app.screen, KpiDefinitionsScreen)
        assert "health = 100 × (0.4·on-time rate" in app.screen.query_one(Markdown).source
        await pilot.press("escape")
        assert type(app.screen).__name__ == "KpiScreen"


async def test_filters_apply_to_tiles_and_every_view(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#kpi-from", Input).value = "2017-02-01"
        screen.query_one("#kpi-to", Input).value = "2017-03-31"
        screen.query_one("#kpi-to", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "R$ 293.50" in tile_text(app, "gmv")
        assert "▼ 7.8%" in tile_text(app, "gmv")  # 293.50 vs January's 318.25
        assert "▲ 25.00 pp" in tile_text(app, "late_rate")
        bar = str(screen.query_one("#kpi-view-bar", Static).render())
        assert "2017-02-01 → 2017-03-31 · state all · category all" in bar
        assert "tile changes vs 2016-12-04 → 2017-01-31" in bar

        screen.query_one("#kpi-state", Input).focus()
        await pilot.press("s", "p", "enter")
        await settle(pilot)
        assert "R$ 190.00" in tile_text(app, "gmv")  # O2 90 + O8 100 (O6 unavailable)

        await pilot.press("t")
        await settle(pilot)
        states = screen.query_one("#table-states", FrameTable).frame
        assert states.select("customer_state", "orders", "gmv").rows() == [
            ("SP", 3, Decimal("190.00"))
        ]

        await pilot.press("u")
        await settle(pilot)
        states = screen.query_one("#table-states", FrameTable).frame
        assert states.height == 5 and states["orders"].sum() == 15
        assert screen.query_one("#kpi-from", Input).value == ""


async def test_drill_from_a_tile_and_a_bar_into_the_explorer(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    explored: list[tuple[str, str]] = []
    open_in_explorer = app.explore
    app.explore = lambda kind, key: (explored.append((kind, key)), open_in_explorer(kind, key))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        app.screen.query_one("#chart-gmv", ChartPanel).focus()
        await pilot.press("home", "enter")
        await settle(pilot)
        assert isinstance(app.screen, KpiOrdersScreen)
        january = app.screen.query_one(FrameTable).frame
        assert sorted(january["order_id"]) == sorted(order_id(n) for n in (1, 4, 14))
        await pilot.press("escape")

        app.screen.query_one("#tile-late_rate", TileWidget).focus()
        await pilot.press("enter")
        await settle(pilot)
        late = app.screen.query_one(FrameTable).frame
        assert late["order_id"].to_list() == [order_id(2), order_id(12)]
        await pilot.press("enter")
        await settle(pilot)
        assert explored == [("order", order_id(2))]
        assert app.current_mode == "explorer"
