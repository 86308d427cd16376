"""A snapshot restored while the UI runs (e.g. from cron or another shell) is offered for
loading, and ctrl+r loads it (issue 20)."""

from __future__ import annotations

from pathlib import Path

from shown import loads_done, notifications
from textual.widgets import Static

from workbench.app import WorkbenchApp
from workbench.container import Container


async def test_a_restored_snapshot_is_offered_and_loaded_on_ctrl_r(
    container: Container, small_source: Path
) -> None:
    assert container.ingestion().ingest(small_source).published
    assert container.ingestion().ingest(small_source).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 44), notifications=True) as pilot:
        await loads_done(pilot)
        container.warehouse().table("fct_orders")  # the app has run #2's snapshot open
        restored = container.snapshot_service().restore(1)
        assert restored.run_id == 3
        app._check_snapshot()
        await pilot.pause()
        assert any("newer warehouse snapshot" in m for m in notifications(app))
        await pilot.press("ctrl+r")
        await loads_done(pilot)
        await pilot.pause()
        status = str(app.screen.query_one(".status-line", Static).render())
        assert "snapshot run #3" in status
