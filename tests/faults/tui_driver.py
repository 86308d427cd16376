"""The TUI in a process of its own, for the fault tests: the real app (its signal handler, its
container from the WORKBENCH_ environment) run headless by Textual's test driver, which starts
an ingestion of argv[1] as a user would (`i`, the path, enter). The process then waits for the
app to quit by itself and exits with the app's return code, as `workbench` does."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from textual.widgets import Input

from workbench.app import WorkbenchApp
from workbench.application.config import load_settings
from workbench.container import build_container


async def run(source: Path) -> int:
    environment = {k: v for k, v in os.environ.items() if k.startswith("WORKBENCH_")}
    container = build_container(load_settings({}, env=environment, config_file=None))
    try:
        container.recovery().run()
        app = WorkbenchApp(container)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("i")
            app.screen.query_one("#source-path", Input).value = str(source)
            await pilot.press("enter")
            while app.is_running:  # until the app quits by itself (the test signals it)
                await asyncio.sleep(0.01)
        return app.return_code or 0
    finally:
        container.shutdown_resources()


if __name__ == "__main__":
    sys.exit(asyncio.run(run(Path(sys.argv[1]))))
