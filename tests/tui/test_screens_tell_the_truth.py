"""What the screens show is the truth at 80×24 and at 160×48: every number whole (or shortened
with a sign), filters and the compared period always in view, charts from zero with bars apart,
0 % distinct from "not observable yet", booleans in words, one format per measure."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from shown import lines, loads_done
from textual.widgets import Input, Label, Static

from screens.kpi_orders import KpiOrdersScreen
from screens.widgets.frame_table import FrameTable
from screens.widgets.keys_footer import BORDER, KeysFooter
from screens.widgets.kpi_chart import ChartPanel
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
SIZES = [(80, 24), (160, 48)]


async def settle(pilot) -> None:
    for _ in range(2):
        await loads_done(pilot)
        await pilot.pause()


def text_of(widget) -> str:
    return "\n".join(lines(widget))


def table_text(app: WorkbenchApp, selector: str) -> str:
    return text_of(app.screen.query_one(selector, FrameTable).table)


async def footer_keys(pilot) -> dict[str, Any]:
    """Where the footer shows each of its keys on the screen, once laid out."""
    keys: dict[str, Any] = {}
    for _ in range(20):
        footer = pilot.app.screen.query_one(KeysFooter)
        keys = {entry.key: footer.key_region(entry.key) for entry in footer.shown()}
        if keys and footer.size.width:
            break
        await pilot.pause()
    return keys


async def open_kpis(pilot, container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    await pilot.press("4")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
async def test_filters_and_the_whole_compared_period_always_show(
    container: Container, size: tuple[int, int]
) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=size) as pilot:
        await open_kpis(pilot, container)
        screen = app.screen
        screen.query_one("#kpi-from", Input).value = "2017-02-01"
        screen.query_one("#kpi-to", Input).value = "2017-03-31"
        screen.query_one("#kpi-to", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        screen.query_one("#kpi-state", Input).focus()
        await pilot.press("S", "P", "enter")
        await settle(pilot)
        bar = " ".join(text_of(screen.query_one("#kpi-view-bar", Static)).split())
        assert "2017-02-01 → 2017-03-31" in bar and "state SP" in bar
        assert "tile changes vs 2016-12-04 → 2017-01-31" in bar


@pytest.mark.parametrize("size", SIZES)
async def test_help_and_quit_keys_stay_in_the_footer(
    container: Container, size: tuple[int, int]
) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=size) as pilot:
        for screen_key in "12345":
            await pilot.press(screen_key)
            await settle(pilot)
            if isinstance(app.focused, Input):
                await pilot.press("escape")  # in a text box, ? and q are typed (esc shows)
            keys = await footer_keys(pilot)
            for needed in ("question_mark", "q"):
                region = keys[needed]
                assert region.width > 0 and region.right <= size[0], (screen_key, needed)
            # a key cut at the palette's border says so ("…"), not "r Rel"
            keys_shown = lines(app.screen.query_one(KeysFooter))[0].split(BORDER)[0]
            assert keys_shown.endswith((" ", "…")), (screen_key, keys_shown)


@pytest.mark.parametrize("size", SIZES)
async def test_charts_start_at_zero_and_keep_their_bars_apart(
    container: Container, size: tuple[int, int]
) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=size) as pilot:
        await open_kpis(pilot, container)
        for view, chart_ids in (("x", ("chart-gmv", "chart-late")), ("c", ("chart-categories",))):
            await pilot.press(view)
            await settle(pilot)
            for chart_id in chart_ids:
                chart = app.screen.query_one(f"#{chart_id}", ChartPanel)
                rows = [row for row in lines(chart) if "┤" in row]
                bottom = rows[-1]
                assert re.search(r"\s0┤", bottom), (chart_id, bottom)
                if "├" in bottom:  # a right axis starts at zero too
                    assert re.search(r"├0\s*$", bottom), (chart_id, bottom)
        assert chart.spec is not None
        blocks = re.findall("█+", bottom.split("┤", 1)[1])
        assert len(blocks) == len(chart.spec.labels), bottom  # five categories, five bars


@pytest.mark.parametrize("size", SIZES)
async def test_cohort_grid_tells_zero_from_not_observable(
    container: Container, size: tuple[int, int]
) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=size) as pilot:
        await open_kpis(pilot, container)
        await pilot.press("h")
        await settle(pilot)
        legend = " ".join(str(label.render()) for label in app.screen.query("#cohorts Label"))
        assert "a cell '·': not observable yet (the data ends before that month)" in legend
        assert "· ·" not in legend, "the cell's mark is told apart from the separators"
        for label in app.screen.query("#cohorts Label"):  # room for all of it: wrapped, not cut
            text, room = str(label.render()), label.content_region
            assert room.right <= size[0] and len(text) <= room.width * room.height, text
        shown = table_text(app, "#table-cohorts")
        assert "0.0 %" in shown  # January 2017's people did not all come back every month
        assert "·" in shown  # the months after the data ends


@pytest.mark.parametrize("size", SIZES)
async def test_drill_down_reads_booleans_and_times_as_words_and_minutes(
    container: Container, size: tuple[int, int]
) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=size) as pilot:
        await open_kpis(pilot, container)
        app.screen.query_one("#tile-late_rate").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, KpiOrdersScreen)
        assert re.search(r"2017-02-10 08:00(?!:)", table_text(app, "#kpi-orders-table"))  # O2
        for _ in range(8):  # to is_late: a narrow table pages to it (whole columns)
            if "is_late" in table_text(app, "#kpi-orders-table"):
                break
            await pilot.press(">")
            await settle(pilot)
        shown = table_text(app, "#kpi-orders-table")
        assert "✓" not in shown and "True" not in shown and "False" not in shown
        assert re.search(r"\blate\b", shown)
        info = str(app.screen.query_one("#kpi-orders-info", Label).render())
        assert "late deliveries of" in info or "late delivery of" in info
        await pilot.press("escape")
        app.screen.query_one("#tile-orders").focus()
        await pilot.press("enter")
        await settle(pilot)
        title = str(app.screen.query(".section-title").first().render())
        assert title == "Orders"  # not "Orders: orders"
