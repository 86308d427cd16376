"""The screens where layout decides what is readable, at 80×24 and 160×48, against accepted SVGs:
the Ingestion steps (numbers whole), KPI Executive (tiles, charts from zero), KPI Categories
(bars apart, whole columns of whole numbers, "+N columns →"), the Executive tiles with their
year-over-year change under a date range, and the Explorer's list of fuzzy search matches.

Run `pytest tests/tui/test_layout_snapshots.py --snapshot-update` after an intended layout
change, and look at the new SVGs before committing them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from shown import loads_done
from textual.widgets import Input

from domain.entities.ingestion_run import RunStatus, RunStep
from workbench.app import WorkbenchApp
from workbench.application.config import load_settings
from workbench.container import Container, build_container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
# A data dir of the same name in every run (the header and status line show its path), relative
# to a working directory of each test's own: a fixed absolute path was shared by every test run
# on the machine, and another run publishing there meanwhile made this one's app show "a newer
# snapshot" (a toast over the table, the status line), which is why Categories at 80×24 varied.
DATA_DIR = Path("workbench-layout-snapshots")
SIZES = [(80, 24), (160, 48)]
VIEWS = [("x", "executive"), ("c", "categories")]


@pytest.fixture
def fixed_container(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Container]:
    """The fixture published, then a full-size run recorded after it; times fixed in the store
    so that nothing on screen depends on the clock."""
    monkeypatch.chdir(tmp_path)
    container = build_container(load_settings({"data_dir": DATA_DIR}, env={}, config_file=None))
    assert container.ingestion().ingest(FIXTURE).published
    store = container.metadata_store()
    run = store.start_run(
        "/home/analyst/Downloads/brazilian-ecommerce.zip",
        "f",
        "h",
        1,
        container.settings().warehouse_id,  # listed with this warehouse's runs
    )
    for step in (
        RunStep("validate", 1, "ok", 9, 12.0, "9 files, 126,512,370 bytes, headers checked"),
        RunStep("stage", 2, "ok", 1_551_349, 967.0),
        RunStep("core", 3, "ok", 567_627, 1_162.0),
        RunStep("marts", 4, "ok", 312_406, 637.0),
        RunStep("quality", 5, "ok", 58, 453.0, "18 failing rules"),
        RunStep("publish", 6, "ok", 0, 3.0, str(DATA_DIR / "warehouse.duckdb")),
    ):
        store.record_step(run, step)
    store.finish_run(run, RunStatus.FAILED, error="stopped for the layout snapshot")
    with sqlite3.connect(DATA_DIR / "metadata.sqlite") as connection:
        connection.execute(
            "update ingestion_runs set started_at = '2018-10-17 09:00:00.000000', "
            "finished_at = '2018-10-17 09:00:04.000000'"
        )
        connection.execute("update run_steps set duration_ms = 100 where run_id != ?", (run,))
        connection.execute(  # where the repository sits must not show either
            "update ingestion_runs set source_path = 'tests/fixtures/olist_small' "
            "where run_id != ?",
            (run,),
        )
    yield container
    container.shutdown_resources()


async def _settle(pilot) -> None:
    """Loads done, tables fitted to their width, and the focus handed to the new table."""
    for _ in range(5):
        await loads_done(pilot)
        await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_ingestion_steps(snap_compare, fixed_container: Container, size: tuple[int, int]) -> None:
    app = WorkbenchApp(fixed_container)
    app.animation_level = "none"
    assert snap_compare(app, terminal_size=size, run_before=_settle)


@pytest.mark.parametrize(
    ("view", "size"),
    [pytest.param(v, s, id=f"{name}-{s[0]}x{s[1]}") for v, name in VIEWS for s in SIZES],
)
def test_kpi_view(
    snap_compare, fixed_container: Container, size: tuple[int, int], view: str
) -> None:
    app = WorkbenchApp(fixed_container)
    app.animation_level = "none"

    async def open_view(pilot) -> None:
        await pilot.press("4")
        await _settle(pilot)
        await pilot.press(view)
        await _settle(pilot)
        # The view's main part holds the focus (a focused chart draws a border, one cell less).
        main = "#tile-gmv" if view == "x" else "#table-categories DataTable"
        pilot.app.screen.query_one(main).focus()
        await _settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_view)


@pytest.mark.parametrize("size", SIZES)
def test_kpi_year_over_year_tiles(
    snap_compare, fixed_container: Container, size: tuple[int, int]
) -> None:
    app = WorkbenchApp(fixed_container)
    app.animation_level = "none"

    async def set_range(pilot) -> None:
        await pilot.press("4")
        await _settle(pilot)
        pilot.app.screen.query_one("#kpi-from", Input).value = "2018-01-01"
        pilot.app.screen.query_one("#kpi-to", Input).value = "2018-02-28"
        pilot.app.screen.query_one("#kpi-to", Input).focus()
        await pilot.press("enter")
        await _settle(pilot)
        pilot.app.screen.query_one("#tile-gmv").focus()
        await _settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=set_range)


@pytest.mark.parametrize("size", SIZES)
def test_explorer_fuzzy_search(
    snap_compare, fixed_container: Container, size: tuple[int, int]
) -> None:
    app = WorkbenchApp(fixed_container)
    app.animation_level = "none"

    async def search(pilot) -> None:
        await pilot.press("5")
        await _settle(pilot)
        field = pilot.app.screen.query_one("#explorer-id", Input)
        field.focus()
        field.value = "Sao Paolo"  # a typo: the fuzzy list still finds São Paulo
        await pilot.press("enter")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=search)
