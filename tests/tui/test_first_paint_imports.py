"""The first frame waits for nothing the first screen does not show: no DuckDB, polars, pyarrow,
numpy, plotext, psycopg or generator is imported before it, on a published warehouse (the status
line, which opens the warehouse, still loads right after it).

Run in a fresh interpreter: this test process has long imported all of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
)

CHILD = """
import asyncio, json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[-1])
from shown import loads_done
import workbench.cli
from workbench.app import WorkbenchApp
from workbench.application.config import load_settings
from workbench.container import build_container

container = build_container(load_settings({"data_dir": Path(sys.argv[1])}, env={}))
container.recovery().run()
seen = {}

class Watched(WorkbenchApp):
    def on_ready(self) -> None:
        seen["at_first_frame"] = sorted(m for m in sys.argv[2:] if m in sys.modules)

async def run() -> None:
    app = Watched(container)
    async with app.run_test(size=(80, 24)) as pilot:
        while "at_first_frame" not in seen:
            await pilot.pause()
        await loads_done(app)  # tests/tui/shown.py, on the child's path
        await pilot.pause()
        seen["status"] = str(app.screen.query_one("StatusLine").render())

asyncio.run(run())
container.shutdown_resources()
print(json.dumps(seen))
"""


def test_nothing_heavy_is_imported_before_the_first_frame(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
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
    seen = json.loads(child.stdout.splitlines()[-1])
    assert seen["at_first_frame"] == []
    assert seen["status"].startswith("snapshot run #1 as of ")  # the status line still loads
