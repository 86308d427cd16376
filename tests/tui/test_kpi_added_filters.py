"""KPI screen additions as a user drives them: several states and categories typed with
completion, the executive charts by day / week / month, year-over-year on the tiles.

Figures are those of tests/fixtures/olist_small/README.md (and hand-computed in
tests/integration/kpis/test_kpi_grain_and_year.py).
"""

from __future__ import annotations

from pathlib import Path

from shown import loads_done
from textual.widgets import Input, Static

from screens.widgets.kpi_chart import ChartPanel
from screens.widgets.kpi_tiles import TileWidget
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


async def settle(pilot) -> None:
    for _ in range(2):
        await loads_done(pilot)
        await pilot.pause()


def tile_text(app: WorkbenchApp, key: str) -> str:
    return str(app.screen.query_one(f"#tile-{key}", TileWidget).render())


def view_bar(app: WorkbenchApp) -> str:
    return str(app.screen.query_one("#kpi-view-bar", Static).render())


async def test_several_states_and_categories_typed_with_completion(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        app.screen.query_one("#kpi-state", Input).focus()
        await pilot.pause()
        await pilot.press("s", "p", ",", " ", "r")
        await pilot.pause()
        await pilot.press("right", "enter")  # → accepts the completion "RJ"
        await settle(pilot)
        assert app.screen.query_one("#kpi-state", Input).value == "SP, RJ"
        assert "states SP, RJ" in view_bar(app)
        orders_sp_rj = tile_text(app, "orders")

        app.screen.query_one("#kpi-category", Input).focus()
        await pilot.pause()
        await pilot.press(*"pc_g", "right", ",", *" (no", "right", "enter")
        await settle(pilot)
        assert "categories pc_gamer, (no category)" in view_bar(app)
        assert "R$ 280.00" in tile_text(app, "gmv") or "R$ 310.00" in tile_text(app, "gmv")
        assert tile_text(app, "orders") != orders_sp_rj

        app.screen.query_one("#kpi-state", Input).focus()
        await pilot.pause()
        await pilot.press(*"sp, zz", "enter")
        await settle(pilot)
        assert "states SP, RJ" in view_bar(app), "bad input leaves the filters in force"


async def test_grain_key_and_year_over_year_on_the_tiles(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#kpi-from", Input).value = "2018-01-01"
        screen.query_one("#kpi-to", Input).value = "2018-02-28"
        screen.query_one("#kpi-to", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "R$ 412.00" in tile_text(app, "gmv")
        assert "yoy ▲ 0.9%" in tile_text(app, "gmv")  # vs 408.25 in Jan-Feb 2017
        assert "yoy ▼ 16.7%" in tile_text(app, "orders")  # 5 vs 6
        assert "yoy vs 2017-01-01 → 2017-02-28" in view_bar(app)
        chart = screen.query_one("#chart-gmv", ChartPanel).spec
        assert chart is not None and chart.labels == ("2018-01", "2018-02")

        await pilot.press("p")  # day
        await settle(pilot)
        chart = screen.query_one("#chart-gmv", ChartPanel).spec
        assert chart is not None and len(chart.labels) == 59 and "per day" in chart.title
        assert "by day" in view_bar(app)
        await pilot.press("p")  # week
        await settle(pilot)
        chart = screen.query_one("#chart-gmv", ChartPanel).spec
        assert chart is not None and chart.labels[0] == "2018-01-01" and "per week" in chart.title
        assert "R$ 412.00" in tile_text(app, "gmv"), "the tiles do not depend on the grain"
        await pilot.press("p")  # month again
        await settle(pilot)
        assert "by month" in view_bar(app)
