"""An empty data dir: every screen says calmly that no snapshot is published yet (no "…" under
empty frames, no red Error toasts), and shows its figures once one is published and loaded."""

from __future__ import annotations

from pathlib import Path

from shown import footer, loads_done, notifications
from textual.widget import Widget

from screens.widgets.empty_state import NO_SNAPSHOT, EmptyState
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


async def settle(pilot) -> None:
    for _ in range(2):
        await loads_done(pilot)
        await pilot.pause()


def shown(app: WorkbenchApp, selector: str) -> bool:
    widget = app.screen.query_one(selector, Widget)
    return widget.region.area > 0


async def test_every_screen_says_no_snapshot_without_error_toasts(container: Container) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        for key in "23451":
            await pilot.press("escape", key)  # escape: the Explorer's id field has the keys
            await settle(pilot)
            assert not notifications(app, "error"), key
        await pilot.press("4")
        await settle(pilot)
        empty = app.screen.query_one(EmptyState)
        assert shown(app, "#kpi-empty") and str(empty.render()) == NO_SNAPSHOT
        assert not shown(app, "#tile-gmv") and not shown(app, "#chart-gmv"), "no … forever"
        keys = footer(app)
        assert "Reload" in keys and "Orders" not in keys and "Filters" not in keys
        await pilot.press("r", "c", "r")
        await settle(pilot)
        assert not notifications(app, "error") and shown(app, "#kpi-empty")

        assert container.ingestion().ingest(FIXTURE).published  # e.g. `workbench ingest`
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert not shown(app, "#kpi-empty")
        assert "R$" in str(app.screen.query_one("#tile-gmv", Widget).render())
        await pilot.press("c")
        await settle(pilot)
        assert shown(app, "#table-categories"), "the views' keys work again"
