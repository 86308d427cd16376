"""The executive KPI view at a fixed size, on the hand-made fixture, against an accepted SVG.

Run `pytest tests/tui/test_kpi_snapshot.py --snapshot-update` after an intended layout change,
and look at the new SVG before committing it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from shown import held, loads_done

from workbench.app import WorkbenchApp
from workbench.application.config import load_settings
from workbench.container import Container, build_container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
# A fixed data dir: the header and status line show its path, which must not vary between runs.
DATA_DIR = Path("/tmp/workbench-kpi-snapshot")


@pytest.fixture
def fixed_container() -> Iterator[Container]:
    with held(DATA_DIR):
        shutil.rmtree(DATA_DIR, ignore_errors=True)
        container = build_container(load_settings({"data_dir": DATA_DIR}, env={}, config_file=None))
        assert container.ingestion().ingest(FIXTURE).published
        yield container
        container.shutdown_resources()
        shutil.rmtree(DATA_DIR, ignore_errors=True)


def test_executive_view(snap_compare, fixed_container: Container) -> None:
    app = WorkbenchApp(fixed_container)
    app.animation_level = "none"

    async def open_kpis(pilot) -> None:
        await pilot.press("4")
        for _ in range(2):
            await loads_done(pilot)
            await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 32), run_before=open_kpis)
