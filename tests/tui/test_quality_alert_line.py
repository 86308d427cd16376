"""The Quality screen shows the last alert delivery attempt recorded in the store (issue 20)."""

from __future__ import annotations

from typing import Any

from shown import loads_done
from textual.widgets import Label

from domain.entities.operations import AlertAttempt
from infrastructure.metadata.operations_log import OperationsLog
from screens.quality import QualityScreen
from workbench.app import WorkbenchApp
from workbench.container import Container


async def summary(app: WorkbenchApp, pilot: Any) -> str:
    await pilot.press("2")
    await loads_done(pilot)
    await pilot.pause()
    assert isinstance(app.screen, QualityScreen)
    return str(app.screen.query_one("#quality-summary", Label).render())


async def test_the_last_alert_attempt_shows_in_the_summary(container: Container) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 48)) as pilot:
        assert "alert" not in await summary(app, pilot)  # none recorded: the line as before

    OperationsLog(container.metadata_store()).record_delivery(
        AlertAttempt(
            "k",
            "run_blocked",
            "critical",
            3,
            "run #3 blocked",
            "webhook h",
            3,
            False,
            "HTTP 500",
            warehouse_id=container.settings().warehouse_id,
        )
    )
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 48)) as pilot:
        assert "last alert NOT SENT" in await summary(app, pilot)
