"""The SQL console as a user drives it: type, complete, run, read the rows, cancel, export,
chart, history, tabs that survive a restart."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
from shown import lines, loads_done
from textual.widgets import Static, TextArea

from screens.sql_console import SqlConsoleScreen
from screens.widgets.sql_results import ResultsView
from workbench.app import WorkbenchApp
from workbench.container import Container, build_container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
SLOW = "select count(*) from range(100000000) a, range(100000000) b"


async def settle(pilot) -> None:
    await loads_done(pilot)
    await pilot.pause()
    await loads_done(pilot)
    await pilot.pause()


def status(app: WorkbenchApp) -> str:
    return str(app.screen.query_one("#sql-status", Static).render())


def shown(app: WorkbenchApp) -> list[list[str]]:
    return app.screen.query_one(ResultsView).shown_rows_text()


def editor(app: WorkbenchApp) -> TextArea:
    return app.screen.query_one("#sql-editor", TextArea)


@pytest.fixture
def published(container: Container) -> Container:
    assert container.ingestion().ingest(FIXTURE).published
    return container


async def open_console(pilot) -> None:
    await pilot.press("6")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SqlConsoleScreen)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space", "*": "asterisk"}.get(c, c) for c in text])


async def test_type_run_and_read_the_rows(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_console(pilot)
        assert editor(app).language == "sql"  # highlighted (the sql extra is in test)
        await type_text(pilot, "select order_status from fct_orders order by 1 limit 3")
        await pilot.press("escape")  # hides the completion menu if it shows
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert shown(app) == [["canceled"], ["created"], ["delivered"]]
        assert status(app).startswith("3 rows · ")


async def test_statement_under_the_cursor_and_true_total(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_console(pilot)
        editor(app).load_text("select 1 as one;\nselect * from range(25000) t(n);\nselect 3;")
        editor(app).move_cursor((1, 5))
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert status(app).startswith("showing 10,000 of 25,000 rows · ")
        rows = shown(app)
        assert len(rows) == 10_000 and rows[0] == ["0"] and rows[-1] == ["9,999"]
        editor(app).move_cursor((0, 3))
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert shown(app) == [["1"]]


async def test_the_fetch_limit_is_a_setting_and_cells_read_in_the_app_formats(
    published: Container,
) -> None:
    settings = replace(published.settings(), sql_fetch_limit=3)
    limited = build_container(settings)
    try:
        app = WorkbenchApp(limited)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_console(pilot)
            editor(app).load_text(
                "select n * 9647 as orders, (n * 1234.5)::decimal(18, 2) as gmv, "
                "date '2018-08-20' + n::int as day from range(1, 6) t(n)"
            )
            await pilot.press("ctrl+j")
            await settle(pilot)
            assert status(app).startswith("showing 3 of 5 rows · ")
            assert shown(app) == [
                ["9,647", "R$ 1,234.50", "2018-08-21"],
                ["19,294", "R$ 2,469.00", "2018-08-22"],
                ["28,941", "R$ 3,703.50", "2018-08-23"],
            ]
            result = app.screen.query_one(ResultsView).result
            assert result is not None and result.table.column("orders").to_pylist()[0] == 9647
    finally:
        limited.shutdown_resources()


async def test_completion_after_an_alias(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_console(pilot)
        editor(app).load_text("select  from fct_orders as o")
        editor(app).move_cursor((0, 7))
        await type_text(pilot, "o.order_st")
        menu = str(app.screen.query_one("#sql-completion").render_line(0).text)
        assert "order_status" in menu
        await pilot.press("tab")
        assert editor(app).text == "select o.order_status from fct_orders as o"
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert len(shown(app)) == 15


async def test_errors_and_refused_writes_are_one_line(published: Container) -> None:
    warehouse = published.settings().warehouse_path
    before = warehouse.read_bytes()
    app = WorkbenchApp(published)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_console(pilot)
        editor(app).load_text("select nope\nfrom fct_orders")
        await pilot.press("ctrl+j")
        await settle(pilot)
        said = status(app)
        assert 'Referenced column "nope" not found' in said and "(line 1, column 8)" in said
        assert shown(app) == []
        editor(app).load_text("drop table fct_orders")
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert "read-only: DROP statements are not run" in status(app)
    assert warehouse.read_bytes() == before


async def test_cancel_a_slow_query_answers_at_once(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_console(pilot)
        editor(app).load_text(SLOW)
        await pilot.press("ctrl+j")
        await pilot.pause(0.4)
        assert status(app).startswith("running")
        pressed = time.monotonic()
        await pilot.press("escape")
        # The query runs for hours: only the cancellation stops it. How fast is a benchmark's
        # question (a bound of 1 s failed at 1.09 s on a machine at load 12); the bound is generous.
        while app.screen.is_loading("query") and time.monotonic() - pressed < 10:
            await pilot.pause(0.05)
        assert not app.screen.is_loading("query"), "the query was not cancelled"
        await pilot.pause()
        assert status(app).startswith("cancelled after")
        assert shown(app) == []
    latest = published.sql_console().history(SLOW, limit=1)[0]
    assert latest.rows is None and latest.error == "cancelled"


async def test_export_writes_the_whole_result(published: Container, tmp_path: Path) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_console(pilot)
        editor(app).load_text("select * from range(12345) t(n)")
        await pilot.press("ctrl+j")
        await settle(pilot)
        await pilot.press("escape", "e")  # to the result, export
        await pilot.pause()
        path_box = app.screen.query_one("#export-path")
        path_box.value = str(tmp_path / "all.csv")
        await pilot.press("enter")
        await settle(pilot)
    lines = (tmp_path / "all.csv").read_text().splitlines()
    assert lines[0] == "n" and len(lines) == 1 + 12_345


async def test_chart_kind_from_the_columns(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_console(pilot)
        editor(app).load_text("select order_status, count(*) n from fct_orders group by all")
        await pilot.press("ctrl+j")
        await settle(pilot)
        await pilot.press("escape", "c")
        await pilot.pause()
        says = str(app.screen.query_one("#chart-says", Static).render())
        assert says.startswith("bar of n by order_status")
        await pilot.press("k")
        says = str(app.screen.query_one("#chart-says", Static).render())
        assert says.startswith("line of n by order_status")


async def test_history_search_and_tabs_survive_a_restart(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_console(pilot)
        editor(app).load_text("select 'first tab' as t")
        await pilot.press("ctrl+j")
        await settle(pilot)
        await pilot.press("ctrl+n")
        editor(app).load_text("select 42 as answer")
        await pilot.press("ctrl+j")
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        await type_text(pilot, "first")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert editor(app).text == "select 'first tab' as t"  # opened in a third tab
        await pilot.press("1")  # typed in the editor, not a screen switch
    settings = published.settings()
    again = build_container(settings)
    try:
        app = WorkbenchApp(again)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_console(pilot)
            tabs = str(app.screen.query_one("#sql-tabs", Static).render())
            assert "1 select 'first tab'" in tabs and "2 select 42 as" in tabs
            assert editor(app).text == "select 'first tab' as t1"
    finally:
        again.shutdown_resources()


async def test_catalogue_panel_shows_counts_types_and_descriptions(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(160, 48)) as pilot:
        await open_console(pilot)
        panel = app.screen.query_one("#sql-catalogue")
        assert "fct_orders  15" in "\n".join(lines(panel))
        panel.scroll_end(animate=False)  # the table macros come after every table
        await pilot.pause()
        assert "kpi_orders(…)" in "\n".join(lines(panel))
        panel.focus()
        await pilot.pause()
        found = next(n for n in panel.root.children[0].children if n.data == "fct_orders")
        panel.move_cursor(found)
        await pilot.press("space")  # expand
        await pilot.pause()
        panel.scroll_to_node(found, animate=False)
        await pilot.pause()
        text = "\n".join(lines(panel))
        assert "One row per order" in text
        assert "is_late boolean — Delivered" in text


async def test_query_from_the_palette_format_key_and_rows_at_80x24(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "Go to Query")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SqlConsoleScreen)
        editor(app).load_text("select order_status, count(*) n from fct_orders group by all")
        await pilot.press("f2")
        assert editor(app).text == (
            "SELECT order_status, count(*) n\nFROM fct_orders\nGROUP BY ALL"
        )
        await pilot.press("ctrl+j")
        await settle(pilot)
        table = app.screen.query_one(ResultsView).table
        rendered = "\n".join(lines(table))
        assert "order_status" in rendered and "delivered" in rendered  # rows visible at 80×24


async def test_run_the_selection_and_save_the_query(published: Container) -> None:
    from textual.widgets.text_area import Selection

    app = WorkbenchApp(published)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_console(pilot)
        editor(app).load_text("select 41 + 1 as answer, 'not this' as other from range(1)")
        editor(app).selection = Selection((0, 0), (0, len("select 41 + 1 as answer")))
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert shown(app) == [["42"]]
        await pilot.press("ctrl+s")
        await pilot.pause()
        await type_text(pilot, "the answer")
        await pilot.press("enter")
        await settle(pilot)
    saved = published.sql_console().saved_query("the answer")
    assert saved.sql == "select 41 + 1 as answer, 'not this' as other from range(1)"
