"""KPI screen keyboard details a newcomer tripped over: date boxes, tile selection and drill
totals, sort on a chart. Figures are those of tests/fixtures/olist_small/README.md."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from shown import loads_done, notifications
from textual.widgets import Input, Label, Static

from screens.kpi_orders import KpiOrdersScreen
from screens.widgets.kpi_chart import ChartPanel
from screens.widgets.kpi_tiles import TileWidget
from workbench.app import WorkbenchApp
from workbench.application.kpi_tiles import TILES
from workbench.container import Container
from workbench.presentation.formats import format_value
from workbench.presentation.kpi_tiles import tile_text

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


async def settle(pilot) -> None:
    for _ in range(2):
        await loads_done(pilot)
        await pilot.pause()


def view_bar(app: WorkbenchApp) -> str:
    return str(app.screen.query_one("#kpi-view-bar", Static).render())


async def test_typing_replaces_a_filled_date_and_a_bad_date_is_reported(
    container: Container,
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("f", *"2017-02-01", "enter")
        await settle(pilot)
        to_box = app.screen.query_one("#kpi-to", Input)
        assert to_box.value != "", "an open end is filled with the data's last day"
        assert "2017-02-01 → " in view_bar(app)

        await pilot.press("f", *"2017-01-01", "tab", *"2017-03-31", "enter")
        await settle(pilot)
        assert "2017-01-01 → 2017-03-31" in view_bar(app)

        await pilot.click("#kpi-to")
        await pilot.press(*"2017-01-31", "enter")
        await settle(pilot)
        assert "2017-01-01 → 2017-01-31" in view_bar(app), "a click selects the date too"

        await pilot.press("f", "tab", "end", *"x", "enter")  # typed past a filled date
        await settle(pilot)
        reason = str(app.screen.query_one("#kpi-filter-error", Static).render())
        assert "'to' date '2017-01-31x'" in reason and "YYYY-MM-DD" in reason
        assert "2017-01-01 → 2017-01-31" in view_bar(app), "the filters in force stay"


async def test_tiles_are_moved_with_arrows_and_drill_to_their_own_figure(
    container: Container,
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#tile-gmv")
        await pilot.press("right")
        assert app.focused is app.screen.query_one("#tile-orders")
        await pilot.press("left", "left")
        assert app.focused is app.screen.query_one("#tile-not_fulfilled_rate"), "wraps around"
        assert app.focused.styles.outline_left[0] != "", "the focused tile is marked"

        for date_from, date_to in (("", ""), ("2017-02-01", "2017-03-31")):
            app.screen.query_one("#kpi-from", Input).value = date_from
            app.screen.query_one("#kpi-to", Input).value = date_to
            app.screen.query_one("#kpi-to", Input).focus()
            await pilot.press("enter")
            await settle(pilot)
            for key, label, _ in TILES:
                tile = app.screen.query_one(f"#tile-{key}", TileWidget)
                assert tile.tile is not None
                tile.focus()
                await pilot.press("enter")
                await settle(pilot)
                assert isinstance(app.screen, KpiOrdersScreen)
                info = str(app.screen.query_one("#kpi-orders-info", Label).render())
                assert f"{label} {tile_text(tile.tile)}" in info, (key, date_from, info)
                await pilot.press("escape")

        gmv = app.screen.query_one("#tile-gmv", TileWidget)
        gmv.focus()
        await pilot.press("enter")
        await settle(pilot)
        info = str(app.screen.query_one("#kpi-orders-info", Label).render())
        # Feb-Mar: O5 canceled and O6 unavailable are left out of the GMV and its orders
        assert "GMV R$ 293.50 · 4 orders counted as sales" in info
        assert "canceled" not in set(app.screen.query_one("FrameTable").frame["order_status"])


async def test_sort_on_a_chart_says_where_sort_works(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.press("4")
        await settle(pilot)
        app.screen.query_one("#chart-gmv", ChartPanel).focus()
        await pilot.press("s")
        await pilot.pause()
        assert any("Sort works on tables" in m for m in notifications(app))


async def test_a_bar_drills_to_orders_worth_its_own_gmv(container: Container) -> None:
    """A month's list holds its canceled and unavailable orders too: their value was added to
    the header's, so a bar of R$ 97,313.07 opened as "value R$ 97,775.25". The header's GMV is
    the bar's, and it says what the left-out orders add."""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        chart = app.screen.query_one("#chart-gmv", ChartPanel)
        chart.focus()
        spec = chart.spec
        assert spec is not None
        await pilot.press("home")
        told_left_out = False
        for index, gmv in enumerate(spec.series[0].values):
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, KpiOrdersScreen)
            info = str(app.screen.query_one("#kpi-orders-info", Label).render())
            assert f"GMV {format_value('money', Decimal(str(gmv or 0)))}" in info, (index, info)
            told_left_out |= "canceled or unavailable" in info
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("right")
        assert told_left_out, "a month of the fixture holds a canceled or unavailable order"
