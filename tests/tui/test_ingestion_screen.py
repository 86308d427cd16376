"""The Ingestion screen shows the runs recorded in the metadata store, as a user sees them."""

from __future__ import annotations

import asyncio
import shutil
import threading
from pathlib import Path

from shown import lines, loads_done, notifications
from textual.widgets import DataTable, Input, Label, ProgressBar, Static

from domain.entities.ingestion_run import RunStatus, RunStep
from domain.events.pipeline import StepCompleted
from workbench.app import WorkbenchApp
from workbench.container import Container


def cells(table: DataTable[object], row: int) -> list[str]:
    return [str(cell).strip() for cell in table.get_row_at(row)]


async def test_run_history_and_steps_come_from_the_store(container: Container) -> None:
    store = container.metadata_store()
    here = container.settings().warehouse_id
    old = store.start_run("/data/olist.zip", "f1", "h", 1, here)
    store.record_step(old, RunStep("validate", 1, "failed", 0, 3.0, "missing file"))
    store.finish_run(old, RunStatus.FAILED, error="olist_orders_dataset.csv is missing")
    new = store.start_run("/data/demo", "f2", "h", 1, here, "dagster: schedule daily")
    other = store.start_run("/team/olist", "f3", "h", 1, "other-host:/elsewhere.duckdb")
    store.finish_run(other, RunStatus.SUCCEEDED)  # another data dir's: not in this history
    store.record_step(new, RunStep("validate", 1, "ok", 9, 10.0))
    store.record_step(new, RunStep("stage", 2, "ok", 1234, 250.0))
    store.finish_run(new, RunStatus.SUCCEEDED, row_counts={"fct_orders": 1000})

    app = WorkbenchApp(container)
    async with app.run_test(size=(140, 40)) as pilot:
        await loads_done(pilot)
        await pilot.pause()
        runs = app.screen.query_one("#runs", DataTable)
        assert runs.row_count == 2
        assert cells(runs, 0)[:2] == [f"#{new}", "succeeded"]
        assert cells(runs, 0)[4] == "1,000"
        assert cells(runs, 0)[7] == "dagster: schedule daily"
        assert cells(runs, 1)[1] == "failed"
        assert cells(runs, 1)[6] == "olist_orders_dataset.csv is missing"
        assert cells(runs, 1)[7] == "-"  # recorded without saying who started it

        steps = app.screen.query_one("#steps", DataTable)
        await loads_done(pilot)
        await pilot.pause()
        assert [cells(steps, i)[1] for i in range(steps.row_count)] == ["validate", "stage"]

        await pilot.press("down")
        await loads_done(pilot)
        await pilot.pause()
        assert [cells(steps, i)[5] for i in range(steps.row_count)] == ["missing file"]

        status = str(app.screen.query_one(".status-line", Static).render())
        assert "no snapshot loaded: No warehouse at" in status  # recorded runs, but no file
        assert "SQLite" in app.sub_title  # the store: in the header, beside the title


async def test_empty_store_says_how_to_start_and_help_opens(container: Container) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 30)) as pilot:
        await loads_done(pilot)
        await pilot.pause()
        assert app.screen.query_one("#runs", DataTable).row_count == 0
        status = str(app.screen.query_one(".status-line", Static).render())
        assert "no snapshot published yet" in status
        await pilot.press("question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        assert type(app.screen).__name__ == "IngestionScreen"
        await pilot.press("q")
    assert app.return_code == 0


async def test_ingesting_from_the_screen_shows_progress_and_the_new_run(
    container: Container, small_source: Path
) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 44), notifications=True) as pilot:
        await loads_done(pilot)
        await pilot.press("i")
        path_input = app.screen.query_one("#source-path", Input)
        assert path_input.has_focus
        path_input.value = str(small_source)
        await pilot.press("enter")
        assert not isinstance(app.focused, Input), "c and the number keys must work during a run"
        await loads_done(pilot)
        await pilot.pause()

        label = str(app.screen.query_one("#progress-label", Label).render())
        assert "run #1 published" in label, notifications(app)
        assert app.screen.query_one("#progress", ProgressBar).progress == 6
        runs = app.screen.query_one("#runs", DataTable)
        assert cells(runs, 0)[:2] == ["#1", "succeeded"]
        orders = container.metadata_store().get_run(1).row_counts["fct_orders"]  # type: ignore[union-attr]
        assert cells(runs, 0)[4] == f"{orders:,}"
        await loads_done(pilot)
        await pilot.pause()
        steps = app.screen.query_one("#steps", DataTable)
        assert [cells(steps, i)[1] for i in range(steps.row_count)] == [
            "validate",
            "stage",
            "core",
            "marts",
            "quality",
            "publish",
        ]
        validated = cells(steps, 0)[5]
        assert validated.startswith("9 files, ") and "9 headers match the contract" in validated


async def test_a_path_that_is_not_a_dataset_is_refused_on_screen(container: Container) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 44), notifications=True) as pilot:
        await pilot.press("i")
        app.screen.query_one("#source-path", Input).value = "/no/such/folder"
        await pilot.press("enter")
        await loads_done(pilot)
        await pilot.pause()
        reason = str(app.screen.query_one("#source-error", Static).render())
        assert reason == "/no/such/folder: not a folder or a .zip file."
        assert app.focused is app.screen.query_one("#source-path"), "the keys stay in the box"
        assert container.run_history().recent() == []


async def test_cancelling_a_running_ingestion_publishes_nothing(
    container: Container, small_source: Path
) -> None:
    app = WorkbenchApp(container)
    started = threading.Event()
    release = threading.Event()

    def pause_after_staging(event: StepCompleted) -> None:
        if event.step == "stage":
            started.set()
            release.wait(10)

    container.events().subscribe(StepCompleted, pause_after_staging)
    async with app.run_test(size=(160, 44)) as pilot:
        await pilot.press("i")
        app.screen.query_one("#source-path", Input).value = str(small_source)
        await pilot.press("enter")
        await asyncio.get_running_loop().run_in_executor(None, started.wait, 10)
        app.screen.query_one("#runs", DataTable).focus()
        await pilot.press("c")
        release.set()
        await loads_done(pilot)
        await pilot.pause()
        runs = app.screen.query_one("#runs", DataTable)
        assert cells(runs, 0)[1] == "cancelled"
    assert not container.settings().warehouse_path.exists()


async def test_a_newer_snapshot_is_offered_and_loaded_on_ctrl_r(
    container: Container, small_source: Path
) -> None:
    assert container.ingestion().ingest(small_source).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 44), notifications=True) as pilot:
        await loads_done(pilot)
        container.warehouse().table("fct_orders")  # the app has the first snapshot open
        assert container.ingestion().ingest(small_source).published  # e.g. a cron batch run
        app._check_snapshot()
        await pilot.pause()
        assert any("newer warehouse snapshot" in m for m in notifications(app))
        await pilot.press("ctrl+r")
        await loads_done(pilot)
        await pilot.pause()
        assert app.snapshot_generation == 1
        assert not container.warehouse().is_stale
        status = str(app.screen.query_one(".status-line", Static).render())
        assert "snapshot run #2" in status


async def test_escape_leaves_a_text_box_so_number_keys_switch_screens(
    container: Container,
) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 44)) as pilot:
        await pilot.press("i", "2")
        assert app.screen.query_one("#source-path", Input).value == "2"  # typed, as expected
        await pilot.press("escape", "2")
        await pilot.pause()
        assert app.current_mode == "quality"


async def test_the_command_palette_offers_every_screen(container: Container) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 44)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
    for name in ("Ingestion (1)", "Quality (2)", "Segments (3)", "KPIs (4)", "Explorer (5)"):
        assert f"Go to {name}" in titles


async def test_at_80_columns_the_status_line_keeps_what_matters_whole(
    container: Container, small_source: Path, tmp_path: Path
) -> None:
    """The whole status (snapshot, its counts, the last run, the warehouse) is wider than 80
    columns: the failed last run stays on the line, the counts give way, no part is cut."""
    assert container.ingestion().ingest(small_source).published
    bad = tmp_path / "bad"
    shutil.copytree(small_source, bad)
    (bad / "olist_orders_dataset.csv").write_text("not,the,header\n", encoding="utf-8")
    assert not container.ingestion().ingest(bad).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24)) as pilot:
        await loads_done(pilot)
        await pilot.pause()
        status = app.screen.query_one(".status-line", Static)
        (line,) = [text.strip() for text in lines(status)]
        assert line.startswith("snapshot run #1 as of")
        assert line.endswith("last run #2 failed")
        assert "…" not in line
        await pilot.resize_terminal(200, 24)
        await pilot.pause()
        (line,) = [text.strip() for text in lines(status)]
        assert " orders, " in line and "last run #2 failed" in line  # the counts come back


async def test_at_80_columns_a_failed_runs_whole_message_heads_its_steps(
    container: Container, small_source: Path, tmp_path: Path
) -> None:
    """The run history's message column is a few cells wide at 80 columns: the selected run's
    whole message is read above its steps, wrapped, with the run and its outcome."""
    assert container.ingestion().ingest(small_source).published
    bad = tmp_path / "bad"
    shutil.copytree(small_source, bad)
    (bad / "olist_orders_dataset.csv").write_text("not,the,header\n", encoding="utf-8")
    failed = container.ingestion().ingest(bad)
    assert not failed.published
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24)) as pilot:
        await loads_done(pilot)
        await pilot.pause()
        runs = app.screen.query_one("#runs", DataTable)
        message = cells(runs, 0)[6]
        assert message.endswith("…"), "cut in its column at 80 columns"
        title = app.screen.query_one("#steps-title", Label)
        said = title.render().plain
        assert said.startswith("Steps of run #2, failed: ")
        assert message.removesuffix("…") in said and "…" not in said
        assert title.region.height > 1 and title.region.right <= 80, "wrapped, not cut"
        await pilot.press("down")  # the published run: its outcome, no message
        await loads_done(pilot)
        await pilot.pause()
        assert title.render().plain == "Steps of run #1, succeeded"
