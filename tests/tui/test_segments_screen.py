"""The Segmentation screen as a user drives it, every figure checked against a hand query."""

from __future__ import annotations

import shutil
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest
from shown import PROMPTLY_S, footer, lines, loads_done, notifications, until
from textual.errors import NoWidget
from textual.widget import Widget
from textual.widgets import Label, Select, Static

from screens.widgets.empty_state import NO_SNAPSHOT, EmptyState
from screens.widgets.frame_table import FrameTable
from screens.widgets.heat_grid import HeatGrid
from workbench.app import WorkbenchApp
from workbench.application.segments import SegmentService
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
U9, U11 = "ee" + f"{9:030d}", "ee" + f"{11:030d}"


def hand_query(container: Container, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect() as con:
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(container.settings().warehouse_path)])
        con.execute("USE w")
        return con.sql(sql).fetchall()


async def settle(pilot) -> None:
    """Loads done, and the layout they cause (a table fitted anew to its width) settled."""
    for _ in range(2):
        await loads_done(pilot)
        await pilot.pause()


async def test_segments_customers_and_drill_down(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    explored: list[tuple[str, str]] = []
    open_in_explorer = app.explore
    app.explore = lambda kind, key: (explored.append((kind, key)), open_in_explorer(kind, key))
    async with app.run_test(size=(150, 44)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen

        shown = screen.query_one("#segment-summary", FrameTable).frame
        by_hand = dict(
            (segment, (customers, revenue))
            for segment, customers, revenue in hand_query(
                container,
                "SELECT segment, count(*), sum(monetary) FROM mart_customer_rfm GROUP BY segment",
            )
        )
        per_customer = dict(  # "orders/cust": the mean per customer, not the segment's total
            (segment, round(float(mean), 2))
            for segment, mean in hand_query(
                container, "SELECT segment, avg(frequency) FROM mart_customer_rfm GROUP BY segment"
            )
        )
        for row in shown.iter_rows(named=True):
            if row["segment"] in per_customer:
                assert float(row["orders/cust"]) == per_customer[row["segment"]]
            customers, revenue = by_hand.get(row["segment"], (0, Decimal("0.00")))
            assert (row["customers"], row["revenue R$"]) == (customers, revenue)
            assert row["% cust"] == round(100 * customers / 10, 1)
        assert shown.height == 11
        assert shown.columns[:5] == ["segment", "customers", "% cust", "revenue R$", "% rev"]
        decimals = {"% cust": 1, "% rev": 1, "recency d": 1, "orders/cust": 2, "spend/cust R$": 2}
        for column, places in decimals.items():  # shown as fixed decimals, sorted as numbers
            assert shown.schema[column] == pl.Decimal(18, places)
            assert all(len(str(v).split(".")[1]) == places for v in shown[column].drop_nulls())
        customers = screen.query_one("#segment-customers", FrameTable)
        assert customers.frame.columns == ["no segment chosen"]  # not "loading…"
        title = str(screen.query_one("#customers-title", Label).render())
        assert title == "enter on a segment lists its customers"
        note = str(screen.query_one("#segments-note", Label).render())
        assert "10 customers scored, R$ 1,103.75 revenue" in note
        assert "1 of 11 people not scored" in note

        grid = screen.query_one(HeatGrid).frame
        cells = dict(
            ((r, f), n)
            for r, f, n in hand_query(
                container, "SELECT r_score, f_score, count(*) FROM mart_customer_rfm GROUP BY ALL"
            )
        )
        assert [list(grid.row(i)[1:]) for i in range(5)] == [
            [cells.get((r, f), 0) for f in (1, 3, 5)] for r in range(5, 0, -1)
        ]
        drawn = lines(screen.query_one(HeatGrid))  # as shown: a dot for none
        assert drawn[0].split() == ["R", "\\", "F", "1", "order", "2", "orders", "3+", "orders"]
        assert [line.split()[-3:] for line in drawn[1:6]] == [
            [f"{cells[(r, f)]:,}" if (r, f) in cells else "·" for f in (1, 3, 5)]
            for r in range(5, 0, -1)
        ]
        assert not screen.query_one(HeatGrid).focusable  # drawn text, no cursor to move

        screen.query_one("#segment-summary DataTable").focus()
        await pilot.press("down", "down", "down", "down", "enter")  # row 5: New
        await settle(pilot)
        assert customers.frame["customer_unique_id"].to_list() == [U11, U9]
        assert customers.fitted_ahead == 1, "every cell formatted by the load's worker"
        assert [line.split()[0] for line in lines(customers.table)[1:3]] == [U11, U9]
        title = str(screen.query_one("#customers-title", Label).render())
        assert title.startswith("New: 2 customers")

        await pilot.press("enter")
        await settle(pilot)
        assert explored == [("customer", U11)]
        assert app.current_mode == "explorer"


async def test_grid_toggle_migration_and_what_if(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(150, 44)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        await pilot.press("g")
        await settle(pilot)
        assert "R × M" in str(screen.query_one("#grid-title", Label).render())
        assert screen.query_one(HeatGrid).frame.columns[1:] == [f"M {m}" for m in range(1, 6)]

        await pilot.press("m")
        await settle(pilot)
        summary = str(screen.query_one("#migration-summary", Label).render())
        assert "two runs" in summary

        await pilot.press("w")
        await pilot.pause()
        screen.query_one("#offer-segment").value = "New"
        await pilot.press("1", "0", "%", "enter")
        await settle(pilot)
        result = str(screen.query_one("#offer-result", Static).render())
        assert "10% off to New: 2 customers reached" in result
        assert "R$ 92.00" in result and "R$ 9.20" in result
        assert "assuming 10.0 % respond" in result  # the assumption, shown and changeable
        assert "bringing R$ 9.20 for a cost of R$ 0.92, net R$ 8.28" in result
        screen.query_one("#response-rate").value = "50%"
        screen.query_one("#response-rate").focus()
        await pilot.press("enter")
        await settle(pilot)
        result = str(screen.query_one("#offer-result", Static).render())
        assert "assuming 50.0 % respond" in result and "net R$ 41.40" in result


async def test_opening_restyles_nothing_again_and_coming_back_restyles(
    container: Container,
) -> None:
    """Textual restyles a screen's every widget each time it resumes; opening sends two
    resumes right after the widgets were styled. Those two are skipped; coming back to the
    screen (the theme may have changed meanwhile) restyles it."""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(150, 44)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert screen.restyles_skipped == 2
        summary = screen.query_one("#segment-summary DataTable")
        assert screen.focused is summary and summary.has_focus  # styled as focused
        dark = screen.styles.background
        await pilot.press("1")
        await settle(pilot)
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("3")
        await settle(pilot)
        assert app.screen is screen
        assert screen.styles.background != dark  # restyled for the theme chosen meanwhile
        assert screen.restyles_skipped == 2


async def test_definitions_tab_lists_every_rule_in_order(container: Container) -> None:
    """The Definitions tab: one line per segment rule, in evaluation order, with its scores and
    its definition."""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(150, 44), notifications=True) as pilot:
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        table = app.screen.query_one("#segment-definitions DataTable")
        assert app.screen.focused is table
        shown = lines(table)
        assert shown[0].split()[:3] == ["order", "segment", "scores"]
        rules = container.segments().definitions()
        for line, row in zip(shown[1:12], rules.iter_rows(named=True), strict=True):
            assert line.split()[0] == str(row["order"]) and row["segment"] in line
            assert row["scores"] in line
            assert row["definition"] in line
        await pilot.press("Q")  # the query behind it: there is none, and it says why
        await until(pilot, lambda: bool(notifications(app)), "the query behind's answer")
        told = " ".join(" ".join(text.split()) for text in notifications(app))
        assert "segment_definitions has no one query behind it: the segment rules are" in told


async def test_tabs_not_shown_are_filled_when_first_shown_by_key_or_click(
    container: Container,
) -> None:
    """Opening the screen makes the widgets of the Customers tab only; Definitions, Migration
    and What-if get theirs when first shown, with what was loaded for them meanwhile: by key,
    or by a click on the tab."""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(150, 44)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        for hidden in ("#segment-definitions", "#migration-table", "#offer-segment"):
            assert not app.screen.query(hidden), hidden
        await pilot.click("#--content-tab-definitions")
        await settle(pilot)
        shown = lines(app.screen.query_one("#segment-definitions DataTable"))
        assert shown[0].split()[:3] == ["order", "segment", "scores"] and len(shown) > 5
        await pilot.press("w")
        await settle(pilot)
        offer = app.screen.query_one("#offer-segment", Select)
        assert offer.has_focus is False and app.screen.focused.id == "offer"
        offer.value = "New"  # (refused unless the loaded segments are its options)
        assert offer.value == "New"


async def test_migration_between_two_runs_on_screen(container: Container) -> None:
    first = container.ingestion().ingest(FIXTURE)
    second = container.ingestion().ingest(FIXTURE)
    app = WorkbenchApp(container)
    async with app.run_test(size=(150, 44)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        summary = str(app.screen.query_one("#migration-summary", Label).render())
        assert summary == (
            f"run #{first.run_id} → run #{second.run_id}: 10 stayed, 0 moved segment, 0 new, 0 gone"
        )
        table = app.screen.query_one("#migration-table", FrameTable)
        matrix = table.frame
        assert matrix.filter(matrix["from \\ to"] == "Lost")["Lost"].item() == 2
        # fitted by the load's worker when the screen opened (the tab was not shown), not on
        # the loop, and shown with that fit when the tab is
        assert table.fitted_ahead == 1
        assert any("Lost" in line for line in lines(table.table))


async def test_the_migration_is_read_ahead_quietly_and_waited_for_when_its_tab_is_shown(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening reads the migration for its tab, not shown yet: no cancel key comes and goes in
    the footer for it. Shown while still read, it is a load the user waits for (and can stop)."""
    first = container.ingestion().ingest(FIXTURE)
    second = container.ingestion().ingest(FIXTURE)
    release, counted = threading.Event(), SegmentService.migration

    def held(service: SegmentService, *args: Any, **kwargs: Any) -> Any:
        release.wait(PROMPTLY_S)
        return counted(service, *args, **kwargs)

    monkeypatch.setattr(SegmentService, "migration", held)
    app = WorkbenchApp(container)
    try:
        async with app.run_test(size=(150, 44)) as pilot:
            await pilot.press("3")
            await until(
                pilot,
                lambda: "scored" in lines(app.screen.query_one("#segments-note"))[0],
                "figures",
            )
            await loads_done(pilot, besides=("segments-migration",))
            await pilot.pause()
            assert "Cancel load" not in footer(app), "a load ahead offers no cancel key"

            await pilot.press("m")
            await pilot.pause()
            assert "esc Cancel load" in footer(app), "shown, the user waits for it"
            release.set()
            await settle(pilot)
            summary = str(app.screen.query_one("#migration-summary", Label).render())
            assert summary.startswith(f"run #{first.run_id} → run #{second.run_id}: 10 stayed")
            assert "Cancel load" not in footer(app)
    finally:
        release.set()


async def test_the_migration_tab_shows_the_moves_counted_when_the_run_was_stored(
    container: Container, tmp_path: Path
) -> None:
    """U2's canceled order delivered after all in the second run: U2 moves out of Lost. The tab
    shows the counts the second run's publish kept, cell by cell."""
    changed = tmp_path / "changed"
    shutil.copytree(FIXTURE, changed, ignore=shutil.ignore_patterns("*.md"))
    orders = changed / "olist_orders_dataset.csv"
    canceled = b"ad000000000000000000000000000005,cd000000000000000000000000000005,canceled,"
    orders.write_bytes(
        orders.read_bytes().replace(canceled, canceled.replace(b"canceled", b"delivered"))
    )
    first = container.ingestion().ingest(FIXTURE)
    second = container.ingestion().ingest(changed)
    kept = container.metadata_store().segment_migration(first.run_id, second.run_id)
    assert kept is not None and sum(kept.values()) == 10
    app = WorkbenchApp(container)
    async with app.run_test(size=(150, 44)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        summary = str(app.screen.query_one("#migration-summary", Label).render())
        assert summary == (
            f"run #{first.run_id} → run #{second.run_id}: 9 stayed, 1 moved segment, 0 new, 0 gone"
        )
        matrix = app.screen.query_one("#migration-table", FrameTable).frame
        for row in matrix.iter_rows(named=True):
            was = row.pop("from \\ to")
            assert row == {now: kept.get((was, now), 0) for now in row}, was
        assert kept[("Lost", "Lost")] == 1


async def test_without_a_warehouse_the_screen_says_what_to_do_once(container: Container) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=(150, 44), notifications=True) as pilot:
        await pilot.press("3")
        await settle(pilot)
        empty = app.screen.query_one("#segments-empty", EmptyState)
        assert str(empty.render()) == NO_SNAPSHOT and empty.display
        assert not app.screen.query_one("#segments-body").display  # no eternal "loading…"
        assert not notifications(app, "error")


async def test_at_80_columns_the_table_gets_the_width_and_the_grid_goes_under(
    container: Container,
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        summary = app.screen.query_one("#segment-summary", FrameTable)
        grid = app.screen.query_one(HeatGrid)
        assert app.screen.has_class("-narrow")
        assert summary.size.width >= 76 and grid.region.y > summary.region.y


async def test_at_80x24_a_tab_key_brings_the_tabs_into_view_and_a_cut_definition_reads_whole(
    container: Container,
) -> None:
    """Below 120 columns the tabs are under the summary and the grid: a tab's key (and a
    segment's enter) scrolls them into view, or it would answer out of sight. A definition cut
    to fit its column is read whole on the line under the table, for the cell under the cursor."""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        table = app.screen.query_one("#segment-definitions DataTable")
        header = table.region
        assert app.get_widget_at(header.x + 1, header.y)[0] is table, "the table is in view"
        assert lines(table)[0].split()[:2] == ["order", "segment"]
        rules = container.segments().definitions().row(0, named=True)
        detail = app.screen.query_one("#segment-definitions .frame-detail", Label)
        for _ in range(3):  # to the definition column
            await pilot.press("right")
        await settle(pilot)
        assert not any(rules["definition"] in line for line in lines(table)), "cut at 80 columns"
        assert detail.render().plain == f"row 1: definition = {rules['definition']}"
        assert detail.region.height >= 2, "wrapped, whole"
        # The last row, on a column not cut (the line under the table blank), then its cut
        # definition: the line wraps, the table gets shorter, the cursor's row stays in view.
        for key in ("ctrl+end", "left", "left", "left"):
            await pilot.press(key)
        await settle(pilot)
        assert detail.region.height == 1
        last = container.segments().definitions().row(-1, named=True)
        assert lines(table)[-1].split()[:2] == [str(last["order"]), last["segment"]]
        for _ in range(3):
            await pilot.press("right")
        await settle(pilot)
        assert detail.region.height >= 2
        assert any(
            line.split()[:2] == [str(last["order"]), last["segment"]] for line in lines(table)
        )
        await pilot.press("c")
        await settle(pilot)
        customers = app.screen.query_one("#segment-customers DataTable")
        assert app.get_widget_at(customers.region.x + 1, customers.region.y)[0] is customers
        await pilot.press("g")  # the grid, above the tabs: scrolled back to, with its title
        await settle(pilot)
        title = app.screen.query_one("#grid-title", Label)
        assert str(title.render()) == "R × M: customers"
        assert app.get_widget_at(title.region.x + 1, title.region.y)[0] is title


async def test_at_80x24_shift_tab_leaves_the_tabs_for_the_segments_and_enter_opens_one(
    container: Container,
) -> None:
    """`c` scrolls the stacked screen down to its tabs; shift+tab goes back up to the table of
    segments, in view, and enter on one lists its customers. (A table's tab and shift+tab moved
    its cell cursor, the table library's binding: the focus never left the customers' table.)"""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        segments = app.screen.query_one("#segment-summary DataTable")
        assert not in_view(app, segments), "scrolled up out of sight by c"
        await pilot.press("shift+tab", "shift+tab")
        await settle(pilot)
        assert app.focused is segments
        assert in_view(app, segments)
        first = lines(segments)[1].split("  ")[0].strip()
        await pilot.press("enter")
        await settle(pilot)
        title = app.screen.query_one("#customers-title", Label)
        assert str(title.render()).startswith(f"{first}: "), "its customers are listed"
        customers = app.screen.query_one("#segment-customers DataTable")
        assert app.focused is customers
        await pilot.press("tab")  # and on from there: round to the segments again
        await settle(pilot)
        assert app.focused is segments


def in_view(app: WorkbenchApp, widget: Widget) -> bool:
    """Whether the widget's top left cell is on screen and shows the widget."""
    try:
        return app.get_widget_at(widget.region.x + 1, widget.region.y)[0] is widget
    except NoWidget:
        return False
