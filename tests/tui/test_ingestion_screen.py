"""The Ingestion screen shows the runs recorded in the metadata store, as a user sees them."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from domain.entities.ingestion_run import RunStatus, RunStep
from workbench.app import WorkbenchApp
from workbench.container import Container


def cells(table: DataTable[object], row: int) -> list[str]:
    return [str(cell) for cell in table.get_row_at(row)]


async def test_run_history_and_steps_come_from_the_store(container: Container) -> None:
    store = container.metadata_store()
    old = store.start_run("/data/olist.zip", "f1", "h", 1)
    store.record_step(old, RunStep("validate", 1, "failed", 0, 3.0, "missing file"))
    store.finish_run(old, RunStatus.FAILED, error="olist_orders_dataset.csv is missing")
    new = store.start_run("/data/demo", "f2", "h", 1)
    store.record_step(new, RunStep("validate", 1, "ok", 9, 10.0))
    store.record_step(new, RunStep("stage", 2, "ok", 1234, 250.0))
    store.finish_run(new, RunStatus.SUCCEEDED, row_counts={"fct_orders": 1000})

    app = WorkbenchApp(container)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        runs = app.screen.query_one("#runs", DataTable)
        assert runs.row_count == 2
        assert cells(runs, 0)[:2] == [f"#{new}", "succeeded"]
        assert cells(runs, 0)[4] == "1,000"
        assert cells(runs, 1)[1] == "failed"
        assert cells(runs, 1)[6] == "olist_orders_dataset.csv is missing"

        steps = app.screen.query_one("#steps", DataTable)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert [cells(steps, i)[1] for i in range(steps.row_count)] == ["validate", "stage"]

        await pilot.press("down")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert [cells(steps, i)[5] for i in range(steps.row_count)] == ["missing file"]

        status = str(app.screen.query_one(".status-line", Static).render())
        assert f"snapshot run #{new}" in status
        assert "SQLite" in status


async def test_empty_store_says_how_to_start_and_help_opens(container: Container) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.app.workers.wait_for_complete()
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
