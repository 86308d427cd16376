"""The first frame waits for nothing the first screen does not show: no DuckDB, polars, pyarrow,
numpy, plotext, psycopg or generator is imported before it, on a published warehouse (the status
line, which opens the warehouse, still loads right after it); nor the services of the other
screens, the ingestion service (until a run starts), the command line's other verbs (batch, KPI
report, quality page) or the palette's saved views. Once the app is idle after that frame, the
other screens' modules are imported (in a thread), so a screen's first open does not import them.

Run in a fresh interpreter: this test process has long imported all of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from workbench.app import LATER_SCREENS
from workbench.application.config import load_settings
from workbench.container import build_container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
DEFERRED = (
    "duckdb",
    "polars",
    "pyarrow",
    "numpy",
    "plotext",
    "textual_plotext",
    "psycopg",
    "infrastructure.generator",
    # the other screens' services, made by the container when first asked for
    "workbench.application.explorer",
    "workbench.application.kpis",
    "workbench.application.segments",
    "workbench.application.sql_console",
    "workbench.application.quality_document",
    "workbench.application.rule_suggestions",
    "workbench.application.saved_views",
    "workbench.application.shipping",
    "workbench.application.ingestion",
    "workbench.application.status",
    "domain.services.segmentation",
    "domain.services.pricing",
    # the command line's other verbs
    "workbench.batch",
    "workbench.kpi_report",
    "workbench.operations",
    "workbench.presentation.quality_html",
    "workbench.presentation.rule_suggestions",
    "screens.saved_views",
)

CHILD = """
import asyncio, json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[-1])
from shown import loads_done
import workbench.cli
from workbench.app import LATER_SCREENS, WorkbenchApp
from workbench.app import LATER_SCREENS
from workbench.application.config import load_settings
from workbench.container import build_container

container = build_container(load_settings({"data_dir": Path(sys.argv[1])}, env={}))
container.recovery().run()
seen = {}

class Watched(WorkbenchApp):
    def on_ready(self) -> None:
        seen["at_first_frame"] = sorted(m for m in sys.argv[2:] if m in sys.modules)
        later = [module for module, _ in LATER_SCREENS.values()]
        seen["screens_at_first_frame"] = sorted(m for m in later if m in sys.modules)
        super().on_ready()

async def run() -> None:
    app = Watched(container)
    async with app.run_test(size=(80, 24)) as pilot:
        while "at_first_frame" not in seen:
            await pilot.pause()
        await loads_done(app)  # tests/tui/shown.py, on the child's path
        await pilot.pause()
        seen["status"] = str(app.screen.query_one("StatusLine").render())
        seen["screens_when_idle"] = sorted(
            m for m, _ in LATER_SCREENS.values() if m in sys.modules
        )

asyncio.run(run())
container.shutdown_resources()
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What a fresh interpreter had imported at the app's first frame and once it was idle."""
    data_dir = tmp_path_factory.mktemp("first-paint") / "data"
    container = build_container(load_settings({"data_dir": data_dir}, env={}))
    try:
        assert container.ingestion().ingest(FIXTURE).published
    finally:
        container.shutdown_resources()
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), *DEFERRED, str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    found: dict[str, Any] = json.loads(child.stdout.splitlines()[-1])
    return found


def test_nothing_heavy_is_imported_before_the_first_frame(seen: dict[str, Any]) -> None:
    assert seen["at_first_frame"] == []
    assert seen["status"].startswith("snapshot run #1 as of ")  # the status line still loads


def test_the_other_screens_are_imported_once_the_app_is_idle(seen: dict[str, Any]) -> None:
    """Not before the first frame, but before a key opens them: a screen's first open is not
    its modules' import (~0.2 s for the KPIs) on the event loop."""
    assert seen["screens_at_first_frame"] == []
    assert seen["screens_when_idle"] == sorted(module for module, _ in LATER_SCREENS.values())
