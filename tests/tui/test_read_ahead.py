"""Once its first frame is shown, the app has the OS read the published warehouse file into its
page cache in the background: a first lookup of a file the OS no longer held (a reboot, other
work since it was written) read it from the disk (the Explorer's top customer at scale 10: ~200
ms against ~90, `benchmarks/screens.py --evict`)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from shown import loads_done, until

from workbench.app import IMPORTS_AHEAD, WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


async def test_the_warehouse_file_is_read_into_the_page_cache_after_the_first_frame(
    container: Container, page_cache: Any
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    warehouse = container.settings().warehouse_path
    page_cache.evict(warehouse)
    assert page_cache.resident(warehouse) == 0.0
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        # The read starts last in the worker that imports and makes the later screens once
        # the first frame's loads are done: waited for whole (under a loaded CI machine that
        # chain took longer than `until`'s 10 s, and a `loads_done` asked before the first
        # frame finds no worker yet and returns at once).
        await until(pilot, lambda: bool(app.workers), "the first frame's workers")
        ahead = [worker for worker in app.workers if worker.group == IMPORTS_AHEAD]
        assert ahead, "the later screens are imported and made ahead"
        await asyncio.wait_for(app.workers.wait_for_complete(ahead), 120)
        await loads_done(pilot)
        await until(
            pilot,
            lambda: page_cache.resident(warehouse) == 1.0,
            "every page of the warehouse file in the page cache",
        )
