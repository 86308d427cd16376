"""Monitors on the Quality screen as a user drives them: listed with the rules, their drill-down
says what they measured, and `l` edits their learned settings (stored, validated)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shown import loads_done, notifications
from textual.widgets import Input

from screens.monitor_settings import MonitorSettingsDialog
from screens.widgets.field_error import FieldError
from screens.widgets.frame_table import FrameTable
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
MONITOR = "monitor.distribution.payment_type"


async def toasts(app: WorkbenchApp, pilot: Any) -> list[str]:
    """The notifications on screen, once the toasts have mounted (a few refreshes)."""
    for _ in range(50):
        shown = notifications(app)
        if shown:
            return shown
        await pilot.pause(0.02)
    return []


async def test_a_monitor_is_listed_drilled_and_its_settings_edited(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("2")
        await loads_done(pilot)
        await pilot.pause()
        screen = app.screen
        rules = screen.query_one("#quality-rules", FrameTable)
        assert MONITOR in rules.frame["rule"].to_list()
        rules.table.focus()

        rules.table.move_cursor(row=rules.frame["rule"].to_list().index("orders.key.unique"))
        await pilot.press("l")
        assert any("Select a monitor first" in n for n in await toasts(app, pilot))

        rules.table.move_cursor(row=rules.frame["rule"].to_list().index(MONITOR), column=0)
        await pilot.press("enter")
        await loads_done(pilot)
        await pilot.pause()
        rows = screen.query_one("#quality-rows", FrameTable).frame
        assert rows["finding"].to_list() == ["not enough history (0 of 5 runs)"]

        await pilot.press("escape", "l")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MonitorSettingsDialog)
        sensitivity = dialog.query_one("#monitor-sensitivity", Input)
        assert sensitivity.value == "3.0"
        sensitivity.value = "-1"
        await pilot.click("#monitor-save")
        await pilot.pause()
        error = dialog.query_one(FieldError)
        assert error.display and "sensitivity" in str(error.render())
        assert app.screen is dialog  # refused: nothing stored, the dialog stays

        sensitivity.value = "4"
        dialog.query_one("#monitor-min-change", Input).value = "0.25"
        # Saved from the keyboard (enter in a field saves): a click here raced the layout, as
        # the refusal's line goes away and the Save button moves back up (1 run in 2, loaded).
        sensitivity.focus()
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(500):  # the save runs in a worker; it says so when stored
            if any(n.startswith("Rule saved") for n in notifications(app)):
                break
            await pilot.pause(0.02)
        stored = container.quality().rule(MONITOR).params
        assert (stored["sensitivity"], stored["min_change"], stored["column"]) == (
            4.0,
            0.25,
            "payment_type",
        )
        assert any("sensitivity 4, both, min change 0.25" in n for n in await toasts(app, pilot))
