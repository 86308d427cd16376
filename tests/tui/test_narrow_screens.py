"""80×24 loses nothing that matters: numbers are never cut, whatever the table or chart."""

from __future__ import annotations

import re
from pathlib import Path

from shown import lines, loads_done
from textual.widgets import DataTable, Input

from domain.entities.ingestion_run import RunStatus, RunStep
from screens.widgets.frame_table import FrameTable
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
LONG_PATH = "/tmp/home-analyst/.local/share/olist-workbench/warehouse.duckdb"


def _record_big_run(container: Container) -> None:
    store = container.metadata_store()
    run = store.start_run(
        "/home/analyst/Downloads/brazilian-ecommerce.zip",
        "f",
        "h",
        1,
        container.settings().warehouse_id,  # listed with this warehouse's runs
    )
    store.record_step(run, RunStep("validate", 1, "ok", 9, 12.0, "9 files"))
    store.record_step(run, RunStep("stage", 2, "ok", 1_551_349, 967.0))
    store.record_step(run, RunStep("core", 3, "ok", 567_627, 1_162.0))
    store.record_step(run, RunStep("publish", 6, "ok", 0, 3.0, LONG_PATH))
    store.finish_run(run, RunStatus.SUCCEEDED, row_counts={"fct_orders": 99_441})


async def test_steps_table_at_80_columns_shows_every_number_whole(container: Container) -> None:
    _record_big_run(container)
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24)) as pilot:
        await loads_done(pilot)
        await pilot.pause()
        await pilot.pause()
        steps = "\n".join(lines(app.screen.query_one("#steps", DataTable)))
        assert "1,551,349" in steps or "1.55M" in steps
        assert "567,627" in steps or "568k" in steps
        assert "1,162" in steps
        runs = "\n".join(lines(app.screen.query_one("#runs", DataTable)))
        assert "99,441" in runs
        assert "succeeded" in runs


async def test_an_orders_dates_show_whole_at_80_columns(container: Container) -> None:
    """Moments are timestamps, not text: a narrow table never shortens them ("2017-02-0…")."""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await loads_done(pilot)
        field = app.screen.query_one("#explorer-id", Input)
        field.focus()
        field.value = f"ad{'0' * 28}02"  # O2: delivered, two reviews
        await pilot.press("enter")
        for _ in range(3):
            await loads_done(pilot)
            await pilot.pause()
        reviews = "\n".join(lines(app.screen.query_one("#explorer-reviews", FrameTable).table))
        assert "…" not in reviews.split("\n")[0]  # every header whole
        for row in reviews.split("\n")[1:3]:
            assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", row), row
