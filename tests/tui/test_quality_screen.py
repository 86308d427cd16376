"""The Quality screen as a user drives it: rules, failing rows, drill-down, filters, edits."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import polars as pl
from shown import lines, loads_done, notifications
from textual.widgets import Input, Label, Select

from screens.quality import QualityScreen
from screens.quality_edit import RuleEditDialog
from screens.widgets.empty_state import NO_SNAPSHOT, EmptyState
from screens.widgets.field_error import FieldError
from screens.widgets.frame_table import FrameTable
from workbench.app import WorkbenchApp
from workbench.application.config import Settings
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
REMOVED_REVIEWS = tuple(f"ed{n:030d}".encode() for n in (1, 4, 7))  # 3 of 13 reviews: -23 %


def hand_query(container: Container, sql: str) -> list[tuple[Any, ...]]:
    return container.warehouse().sql(sql).rows()


async def open_quality(app: WorkbenchApp, pilot: Any) -> QualityScreen:
    await pilot.press("2")
    await loads_done(pilot)
    await pilot.pause()
    assert isinstance(app.screen, QualityScreen)
    return app.screen


async def choose_rule(screen: QualityScreen, pilot: Any, rule_id: str) -> None:
    rules = screen.query_one("#quality-rules", FrameTable)
    rules.table.focus()
    rules.table.move_cursor(row=rules.frame["rule"].to_list().index(rule_id), column=0)
    await pilot.press("enter")
    await loads_done(pilot)
    await pilot.pause()


async def test_rules_show_status_and_counts_and_a_failing_rule_shows_its_rows(
    container: Container,
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    explored: list[tuple[str, str]] = []
    async with app.run_test(size=(160, 44)) as pilot:
        app.explore = lambda kind, key: explored.append((kind, key))  # type: ignore[method-assign]
        screen = await open_quality(app, pilot)
        rules = screen.query_one("#quality-rules", FrameTable).frame
        assert rules.height == len(container.metadata_store().list_rules())
        lead = ["rule", "severity", "status", "failing", "trend"]
        assert rules.columns[:5] == lead and rules.columns[-2:] == ["check", "message"]
        shown = {row["rule"]: row for row in rules.iter_rows(named=True)}
        no_items = hand_query(container, "SELECT count(*) FROM fct_orders WHERE item_count = 0")
        assert shown["invariant.no_items"]["failing"] == no_items[0][0] == 1
        duplicates = hand_query(
            container, "SELECT count(*) - count(DISTINCT review_id) FROM fct_reviews"
        )
        assert shown["reviews.review_id.unique"]["failing"] == duplicates[0][0] == 1
        assert shown["orders.key.unique"]["status"] == "pass"
        assert shown["invariant.payment_mismatch"]["trend"] == "█"
        assert rules["status"][0] == "fail"  # failing rules first

        await choose_rule(screen, pilot, "invariant.payment_mismatch")
        rows = screen.query_one("#quality-rows", FrameTable)
        expected = hand_query(
            container,
            "SELECT order_id, items_value, freight_value, payment_value FROM fct_orders "
            "WHERE item_count > 0 AND payment_count > 0 "
            "AND abs(payment_value - items_value - freight_value) > 0.01",
        )
        assert (
            rows.frame.select("order_id", "items_value", "freight_value", "payment_value").rows()
            == expected
        )
        assert rows.export_name == "failing_rows_invariant_payment_mismatch"
        assert app.focused is rows.table

        await pilot.press("enter")
        assert explored == [("order", expected[0][0])]


async def test_filters_sort_and_an_edit_that_is_stored_and_rechecked(
    container: Container,
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 44)) as pilot:
        screen = await open_quality(app, pilot)
        screen.query_one("#severity-filter", Select).value = "warning"
        screen.query_one("#status-filter", Select).value = "fail"
        await pilot.pause()
        shown = screen.query_one("#quality-rules", FrameTable).frame
        assert set(shown["severity"]) == {"warning"} and set(shown["status"]) == {"fail"}
        assert "invariant.no_items" in shown["rule"].to_list()

        screen.query_one("#severity-filter", Select).value = "all"
        screen.query_one("#status-filter", Select).value = "all"
        await pilot.pause()
        rules = screen.query_one("#quality-rules", FrameTable)
        rules.table.focus()
        rules.table.move_cursor(row=0, column=rules.frame.columns.index("severity"))
        await pilot.press("s")
        await pilot.pause()
        severities = rules.frame["severity"].to_list()
        assert severities[0] == "critical" and severities[-1] == "info"

        await choose_rule(screen, pilot, "invariant.no_items")
        await pilot.press("escape")
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RuleEditDialog)
        dialog.query_one("#edit-severity", Select).value = "critical"
        await pilot.click("#edit-save")
        await loads_done(pilot)
        await pilot.pause()
        assert container.quality().rule("invariant.no_items").severity == "critical"

        await pilot.press("r")
        await loads_done(pilot)
        await pilot.pause()
        await loads_done(pilot)
        frame = screen.query_one("#quality-rules", FrameTable).frame
        row = frame.filter(pl.col("rule") == "invariant.no_items").row(0, named=True)
        assert (row["severity"], row["status"]) == ("critical", "fail")
        latest = container.quality().report().rule("invariant.no_items")
        assert latest is not None and latest.latest is not None
        assert latest.latest.severity == "critical"


async def test_without_a_snapshot_the_rules_show_with_one_calm_line(
    container: Container,
) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_quality(app, pilot)
        empty = screen.query_one("#quality-empty", EmptyState)
        assert empty.display and str(empty.render()) == NO_SNAPSHOT
        rules = screen.query_one("#quality-rules", FrameTable).frame
        summary = str(screen.query_one("#quality-summary", Label).render())
        assert summary == f"{rules.height} rules, not checked yet"
        await choose_rule(screen, pilot, rules["rule"][0])
        title = str(screen.query_one("#quality-rows-title", Label).render())
        assert title.endswith(NO_SNAPSHOT)
        await pilot.press("escape", "r")
        await loads_done(pilot)
        await pilot.pause()
        assert not notifications(app, "error")


def recording_app(container: Container) -> tuple[WorkbenchApp, list[tuple[str, str]]]:
    """An app whose notifications (title, message) are also kept in a list."""
    app = WorkbenchApp(container)
    notes: list[tuple[str, str]] = []
    notify = app.notify

    def record(message: str, *, title: str = "", **options: Any) -> None:
        notes.append((title, message))
        notify(message, title=title, **options)

    app.notify = record  # type: ignore[method-assign]
    return app, notes


def flip_notes(notes: list[tuple[str, str]]) -> list[str]:
    return [message for title, message in notes if "flipped to fail" in title]


async def test_a_rule_that_flipped_to_fail_is_announced_after_the_run_and_on_start(
    container: Container, tmp_path: Path
) -> None:
    source = tmp_path / "source"
    shutil.copytree(FIXTURE, source)
    assert container.ingestion().ingest(source).published
    reviews = source / "olist_order_reviews_dataset.csv"
    lines = reviews.read_bytes().split(b"\n")
    reviews.write_bytes(b"\n".join(line for line in lines if not line.startswith(REMOVED_REVIEWS)))

    app, notes = recording_app(container)
    async with app.run_test(size=(160, 44)) as pilot:
        await loads_done(pilot)
        assert flip_notes(notes) == []  # one run so far: nothing to compare
        assert container.ingestion().ingest(source).published
        await pilot.pause()
        await loads_done(pilot)
        await pilot.pause()
        (after_run,) = flip_notes(notes)
        assert "reviews.volume (error, 3 rows)" in after_run

    app, notes = recording_app(container)
    async with app.run_test(size=(160, 44)) as pilot:
        await loads_done(pilot)
        await pilot.pause()
    (on_start,) = flip_notes(notes)
    assert "reviews.volume" in on_start


async def test_a_malformed_stored_rule_shows_as_error_with_its_reason_and_the_screen_works(
    container: Container, settings: Settings
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    with sqlite3.connect(settings.sqlite_path) as written_by_hand:
        written_by_hand.execute(
            "INSERT INTO quality_rules (rule_id, description, kind, model, params, severity, "
            "threshold, enabled, updated_at) VALUES ('bad.rule', 'left by a teammate', 'unique', "
            "'fct_orders', '{oops', 'critical', 'lots', 1, '2018-01-01')"
        )
    written_by_hand.close()
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 44)) as pilot:
        screen = await open_quality(app, pilot)
        rules = screen.query_one("#quality-rules", FrameTable)
        shown = {row["rule"]: row for row in rules.frame.iter_rows(named=True)}
        assert (shown["bad.rule"]["status"], shown["bad.rule"]["severity"]) == ("error", "critical")
        assert shown["bad.rule"]["message"] == (
            "malformed rule: the parameters are not JSON: '{oops'; threshold must be 0 or more "
            "(a count of rows, 1 or more, or a share below 1), not 'lots'"
        )
        assert shown["orders.key.unique"]["status"] == "pass"

        rules.table.focus()
        rules.table.move_cursor(row=rules.frame["rule"].to_list().index("orders.key.unique"))
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, RuleEditDialog)
        threshold = app.screen.query_one("#edit-threshold", Input)
        threshold.focus()
        threshold.value = "nan"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RuleEditDialog)  # refused: still editing
        refused = str(app.screen.query_one(FieldError).render())
        assert refused.startswith("The threshold must be 0 or more (a count of rows, 1 or more")


async def test_a_rules_failing_rows_come_formatted_from_their_load_and_take_the_focus(
    container: Container,
) -> None:
    """The cells of a rule's failing rows are formatted by the load's worker (the table counts
    the frames it showed from a worker's fit), and the rows take the focus as they show."""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 44)) as pilot:
        screen = await open_quality(app, pilot)
        await choose_rule(screen, pilot, "invariant.payment_mismatch")
        rows = screen.query_one("#quality-rows", FrameTable)
        assert rows.fitted_ahead == 1 and app.focused is rows.table
        header, first = lines(rows.table)[:2]
        assert header.split()[0] == "order_id"
        assert first.split()[0] == rows.frame["order_id"][0]
        title = str(screen.query_one("#quality-rows-title", Label).render())
        assert title.startswith("Failing rows of invariant.payment_mismatch: 1 shown of 1 counted")

        await pilot.press("escape")
        await choose_rule(screen, pilot, "reviews.review_id.unique")
        assert rows.fitted_ahead == 2 and app.focused is rows.table
        assert lines(rows.table)[0].split()[0] == "review_id"
