"""`Q` on a table opens the query behind it in the SQL console, its filters written in as
values: run there, it gives exactly the rows the table shows (each kind of table, filtered)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from shown import footer, loads_done, notifications
from textual.widgets import Input, TextArea

from screens.sql_console import SqlConsoleScreen
from screens.widgets.frame_table import FrameTable
from screens.widgets.sql_results import ResultsView
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


async def settle(pilot) -> None:
    for _ in range(2):
        await loads_done(pilot)
        await pilot.pause()


@pytest.fixture
def published(container: Container) -> Container:
    assert container.ingestion().ingest(FIXTURE).published
    return container


async def run_query_behind(pilot, table: FrameTable, *, footer_shown: bool = True) -> pl.DataFrame:
    """Press Q on `table`, run what the console opens, and return the whole result."""
    table.table.focus()
    await pilot.pause()
    assert "Q Query" in footer(pilot.app) or not footer_shown
    await pilot.press("Q")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SqlConsoleScreen)
    assert screen.query_one("#sql-editor", TextArea).text.startswith("-- the query behind")
    await pilot.press("ctrl+j")
    await settle(pilot)
    result = screen.query_one(ResultsView).result
    assert result is not None
    return pl.from_arrow(result.table)  # type: ignore[return-value]


async def filter_kpis(pilot, states: str, categories: str) -> None:
    screen = pilot.app.screen
    screen.query_one("#kpi-from", Input).value = "2017-01-01"
    screen.query_one("#kpi-to", Input).value = "2018-12-31"
    screen.query_one("#kpi-state", Input).value = states
    screen.query_one("#kpi-category", Input).value = categories
    screen.query_one("#kpi-to", Input).focus()
    await pilot.press("enter")
    await settle(pilot)


# view key (then keys to press), `b` presses to reach the table, the table's id
KPI_TABLES = [
    ("c", 0, "#table-categories"),
    ("l m backspace backspace 1 enter", 0, "#table-sellers"),  # sellers of 1 order or more
    ("t", 0, "#table-states"),
    ("v", 2, "#table-delivery"),
    ("o", 3, "#table-products"),
    ("n", 2, "#table-customers"),
]


@pytest.mark.parametrize(("key", "nexts", "table_id"), KPI_TABLES)
async def test_kpi_tables_under_filters(
    published: Container, key: str, nexts: int, table_id: str
) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await filter_kpis(pilot, "SP, RJ, MG", "health_beauty, bed_bath_table, pc_gamer")
        for pressed in key.split():
            await pilot.press(pressed)
            await settle(pilot)
        table = app.screen.query_one(table_id, FrameTable)
        table.table.focus()
        for _ in range(nexts):
            await pilot.press("b")
            await pilot.pause()
        shown = table.frame
        assert shown.height, "the filters leave rows to compare"
        assert (await run_query_behind(pilot, table)).equals(shown)


async def test_a_table_built_in_python_says_why_it_has_no_query(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("h")  # cohorts: the grid is pivoted in Python
        await settle(pilot)
        app.screen.query_one("#table-cohorts", FrameTable).table.focus()
        await pilot.pause()
        await pilot.press("Q")
        await pilot.pause()
        await pilot.pause(0.2)
        assert not isinstance(app.screen, SqlConsoleScreen)
        told = [" ".join(text.split()) for text in notifications(app)]
        assert any("kpi_cohort_grid has no one query behind it" in text for text in told), told


async def test_a_segments_customers(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        app.screen.query_one("#segment-summary DataTable").focus()
        await pilot.press("down", "down", "down", "down", "enter")  # row 5: New
        await settle(pilot)
        table = app.screen.query_one("#segment-customers", FrameTable)
        shown = table.frame
        assert shown.height == 2
        assert (await run_query_behind(pilot, table)).equals(shown)


async def test_a_rules_failing_rows(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        rules = app.screen.query_one("#quality-rules", FrameTable)
        rules.table.focus()
        rules.table.move_cursor(row=rules.frame["rule"].to_list().index("invariant.no_items"))
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one("#quality-rows", FrameTable)
        shown = table.frame
        assert shown.height == 1
        assert (await run_query_behind(pilot, table)).equals(shown)


async def test_a_searchs_matches_and_an_orders_tables(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await pilot.press("5")
        await settle(pilot)
        field = app.screen.query_one("#explorer-id", Input)
        field.focus()
        field.value = "Sao Paolo"  # a typo: the search is fuzzy
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one("#explorer-matches", FrameTable)
        shown = table.frame
        assert shown.height == 3
        assert (await run_query_behind(pilot, table)).equals(shown)

        await pilot.press("escape", "5")  # from the console's editor, back to the Explorer
        await settle(pilot)
        field = app.screen.query_one("#explorer-id", Input)
        field.focus()
        field.value = f"ad{'0' * 28}02"  # an order: its tables come from its domain objects
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#explorer-items", FrameTable).table.focus()
        await pilot.pause()
        await pilot.press("Q")
        await pilot.pause()
        await pilot.pause(0.2)
        told = " ".join(" ".join(text.split()) for text in notifications(app))
        assert "has no one query behind it: it is built from the domain's objects" in told


def test_one_binding_id_for_the_key_on_every_table() -> None:
    from workbench.keys import bindings

    assert bindings(WorkbenchApp)["table.query"] == "Q"  # listed by `workbench keys`, remappable


async def test_the_orders_behind_a_figure(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await filter_kpis(pilot, "SP, RJ", "")
        await pilot.press("c")
        await settle(pilot)
        app.screen.query_one("#table-categories", FrameTable).table.focus()
        await pilot.press("enter")  # the orders of the first category under the filters
        await settle(pilot)
        table = app.screen.query_one("#kpi-orders-table", FrameTable)
        shown = table.frame
        assert shown.height
        assert (await run_query_behind(pilot, table, footer_shown=False)).equals(shown)
