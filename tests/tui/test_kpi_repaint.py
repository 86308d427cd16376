"""What a KPI view does not redo when it shows new figures: its table is the same widget, filled
again in place (it keeps the focus; a new table cost a mount and two focus moves, each a
repaint of the whole screen) with rows fitted by the load's worker, not on the event loop; a
chart or the map is drawn once per figures and look. Figures are those of
tests/fixtures/olist_small/README.md."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from shown import footer, lines, loads_done
from textual.geometry import Offset
from textual.selection import Selection
from textual.widget import Widget
from textual.widgets import Input

from screens.widgets.frame_table import FrameTable
from screens.widgets.keys_footer import KeysFooter
from screens.widgets.kpi_chart import ChartPanel
from screens.widgets.kpi_map import BrazilMap
from workbench.app import WorkbenchApp
from workbench.application.config import Settings
from workbench.container import Container, build_container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


async def settle(pilot) -> None:
    for _ in range(2):
        await loads_done(pilot)
        await pilot.pause()


async def filter_state(pilot, state: str) -> None:
    box = pilot.app.screen.query_one("#kpi-state", Input)
    box.focus()
    box.value = state
    await pilot.press("enter")
    await settle(pilot)


async def test_a_view_shows_new_figures_in_the_same_focused_table(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    state = container.kpis().choices().states[0]
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        table = app.screen.query_one("#table-categories DataTable")
        before = lines(table)
        assert app.focused is table, "the view's table has the focus"
        frame_table = app.screen.query_one("#table-categories", FrameTable)
        assert frame_table.fitted_ahead == 1, "fitted by the load's worker"
        assert any("bed_bath_table" in line for line in before)

        await filter_state(pilot, state)
        await pilot.press("c")
        await settle(pilot)
        after = lines(table)
        assert app.screen.query_one("#table-categories DataTable") is table, "filled in place"
        assert app.focused is table
        assert after != before, f"the rows of state {state} are shown"
        assert frame_table.fitted_ahead == 2
        assert table.cursor_coordinate == (0, 0)

        await pilot.press("down", "s")  # sorted by the cursor's column: the same table again
        await settle(pilot)
        assert app.screen.query_one("#table-categories DataTable") is table
        assert app.focused is table
        assert lines(table) != after


async def test_the_map_is_turned_into_text_once_per_picture(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        brazil = app.screen.query_one(BrazilMap)
        shown, built = lines(brazil), brazil.texts_built
        assert any("Brazil · customers" in line for line in shown)
        assert built == 0, "drawn and turned into text by the load's worker, not on the loop"
        assert (brazil.strips_made, brazil.strips_ahead) == (0, 1), "its lines too"

        brazil.refresh()  # repainted with nothing changed: the same text again
        await pilot.press("down")  # the table's cursor moves beside it
        await settle(pilot)
        assert (brazil.texts_built, lines(brazil)) == (built, shown)

        await pilot.press("w")  # another measure: another picture, drawn on the loop
        await settle(pilot)
        assert brazil.texts_built == built + 1
        assert lines(brazil) != shown
        assert brazil.strips_made == 1

        brazil._strips = None  # the map's own lines (not Textual's): laid out on the loop
        await pilot.press(*["w"] * 6)  # the measures round: the first picture again
        await settle(pilot)
        assert lines(brazil) == shown, "the worker's lines are the loop's"


async def test_a_chart_shows_a_mouse_selection_and_forgets_it(container: Container) -> None:
    """The chart's lines are kept per look; a selection (dragging the mouse over it) is drawn
    into the lines Textual lays out, and gone once it is cleared."""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        chart = app.screen.query_one("#chart-categories", ChartPanel)
        plain = styled_lines(chart)
        app.screen.selections = {chart: Selection(Offset(0, 0), Offset(20, 3))}
        await settle(pilot)
        assert styled_lines(chart) != plain, "the selection is highlighted"
        app.screen.selections = {}
        await settle(pilot)
        assert styled_lines(chart) == plain


def styled_lines(widget: Widget) -> list[list[tuple[str, str]]]:
    """The widget's painted lines with each segment's style: a highlight changes only styles."""
    region = widget.size.region
    return [
        [(segment.text, str(segment.style)) for segment in strip]
        for strip in widget.render_lines(region)
    ]


async def test_a_chart_shown_again_with_the_same_figures_is_not_drawn_again(
    container: Container,
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    state = container.kpis().choices().states[0]
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        chart = app.screen.query_one("#chart-categories", ChartPanel)
        unfiltered, drawn = lines(chart), chart.drawings
        assert drawn == 1, "drawn once for its figures, whatever the frames that showed it"

        await filter_state(pilot, state)
        await pilot.press("c")
        await settle(pilot)
        assert chart.drawings == drawn + 1 and lines(chart) != unfiltered
        assert chart.drawn_ahead == 2, "both drawn by loads' workers (ahead, then the filter's)"

        await pilot.press("u")  # the filter cleared: the figures of the first drawing again
        await settle(pilot)
        assert "state all" in str(app.screen.query_one("#kpi-view-bar").render())
        assert lines(chart) == unfiltered
        assert chart.drawings == drawn + 1, "the first drawing is reused"


async def test_the_footer_shows_the_keys_of_what_has_the_focus(container: Container) -> None:
    """The footer is one widget drawing the keys (no widget per key to mount, style and lay
    out): the table's keys, the chart's when it has the focus, the table's again."""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        on_table = footer(app)
        assert "Export" in on_table and "Sort" in on_table

        app.screen.query_one("#chart-categories", ChartPanel).focus()
        await settle(pilot)
        on_chart = footer(app)
        assert "Orders" in on_chart and "Export" not in on_chart
        shown = " ".join(lines(app.screen.query_one(KeysFooter)))
        assert " ⏎ Orders " in shown and "Export" not in shown, "painted as it says"

        app.screen.query_one("#table-categories DataTable").focus()
        await settle(pilot)
        assert footer(app) == on_table
        assert not app.screen.query_one(KeysFooter).children, "no widget per key"


async def test_the_geography_table_is_fitted_by_the_worker_for_the_room_it_gets(
    container: Container,
) -> None:
    """The states' table stands beside the map, in half the view: a pane never laid out is
    fitted for that, and shown with that fit (not fitted again on the loop for the screen's
    width, then once more when laid out)."""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        table = app.screen.query_one("#table-geography", FrameTable)
        assert table.fitted_ahead == 1, "shown with the worker's fit"
        assert table.size.width < 70, "beside the map"
        assert any("SP" in line for line in lines(table.table))


async def test_views_with_more_keys_show_them_without_mounting_footer_keys(
    container: Container,
) -> None:
    """A key a view adds to the footer is drawn by the footer, with no widget mounted for it
    (mounting one takes a layout and a frame after the view's): the Geography view's layer
    and measure keys, and every key back after the filter box (which shows few) is left."""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        on_executive = footer(app)
        assert "Layer" not in on_executive

        await pilot.press("a")
        await settle(pilot)
        assert "Layer" in footer(app) and "Measure" in footer(app)
        assert not app.screen.query_one(KeysFooter).children

        await pilot.press("x", "f")  # the filter box: few keys
        await settle(pilot)
        assert "Filters" not in footer(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "Filters" in footer(app) and "Reload snapshot" in footer(app)
        assert not app.screen.query_one(KeysFooter).children


def drawn_on_the_loop(chart: ChartPanel) -> list[str]:
    """What the chart shows when drawn now, on the loop (its drawings forgotten)."""
    chart._drawings.clear()  # the chart's own store of drawings and lines (not Textual's)
    chart._strips = None
    chart.refresh()
    return lines(chart)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_executive_charts_are_drawn_by_the_worker_when_the_screen_opens(
    settings: Settings, size: tuple[int, int]
) -> None:
    """The screen opening has no layout yet when its first view's load starts (the app did not
    load it ahead: the load ahead is off here): the charts are drawn by the worker at the size
    the layout gives them under the tiles as high as the loaded tiles turn out (at 120 columns
    a row of eight, some values wrapped), and show what a drawing on the loop shows."""
    container = build_container(replace(settings, kpi_load_ahead=False))
    try:
        assert container.ingestion().ingest(FIXTURE).published
        app = WorkbenchApp(container)
        async with app.run_test(size=size) as pilot:
            await pilot.press("4")
            await settle(pilot)
            for selector in ("#chart-gmv", "#chart-late"):
                chart = app.screen.query_one(selector, ChartPanel)
                assert (chart.drawings, chart.drawn_ahead) == (1, 1), selector
                assert (chart.strips_made, chart.strips_ahead) == (0, 1), selector
                assert lines(chart) == drawn_on_the_loop(chart), selector
    finally:
        container.shutdown_resources()


async def test_the_charts_of_views_loaded_ahead_are_drawn_by_the_worker(
    container: Container,
) -> None:
    """A view not shown has no layout: its charts are drawn by the load ahead at the size its
    pane's layout will give them (a view never shown) or they were last shown at, and show
    what a drawing on the loop shows."""
    assert container.ingestion().ingest(FIXTURE).published
    state = container.kpis().choices().states[0]
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await settle(pilot)  # the other views, loaded ahead
        for key, charts in (
            ("c", ["#chart-categories"]),
            ("v", ["#chart-days", "#chart-estimates"]),
            # under the view's notes, as high as they turn out (known once loaded)
            ("o", ["#chart-products-1", "#chart-products-2"]),
            ("n", ["#chart-customers-1", "#chart-customers-2"]),
        ):
            await pilot.press(key)
            await settle(pilot)
            for selector in charts:
                chart = app.screen.query_one(selector, ChartPanel)
                assert (chart.drawings, chart.drawn_ahead) == (1, 1), selector
                assert (chart.strips_made, chart.strips_ahead) == (0, 1), selector
                shown = lines(chart)
                assert shown == drawn_on_the_loop(chart), selector

        await pilot.press("x")
        await settle(pilot)
        await filter_state(pilot, state)  # the other views are loaded ahead again, hidden
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        chart = app.screen.query_one("#chart-days", ChartPanel)
        assert chart.drawn_ahead == 2, "drawn by the worker at the size it was shown at"
        shown = lines(chart)
        assert shown == drawn_on_the_loop(chart)
