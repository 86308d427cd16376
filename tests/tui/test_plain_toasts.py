"""Text from a shared store shows as typed in a toast, never as markup."""

from __future__ import annotations

from shown import notifications

from workbench.app import WorkbenchApp
from workbench.container import Container


async def test_markup_in_a_toast_shows_as_typed(container: Container) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.screen.notify("rule bad.m[/]x [bold]y[/bold] failed", title="[i]flipped[/i]")
        await pilot.pause()
        await pilot.pause(0.2)
        shown = " ".join(notifications(app))
        assert "bad.m[/]x [bold]y[/bold] failed" in shown
