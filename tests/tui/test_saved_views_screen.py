"""Saved KPI views as a user drives them: ctrl+s names the view, the command palette lists it
and opening it restores the filters, the view and the grain."""

from __future__ import annotations

from pathlib import Path

from shown import loads_done
from textual.widgets import ContentSwitcher, Input, Static

from screens.widgets.kpi_chart import ChartPanel
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


async def settle(pilot) -> None:
    for _ in range(2):
        await loads_done(pilot)
        await pilot.pause()


def view_bar(app: WorkbenchApp) -> str:
    return str(app.screen.query_one("#kpi-view-bar", Static).render())


async def test_save_a_view_and_open_it_from_the_command_palette(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        app.screen.query_one("#kpi-state", Input).focus()
        await pilot.pause()
        await pilot.press(*"sp,rj", "enter")
        await settle(pilot)
        await pilot.press("p", "p")  # week
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press(*"south east weekly", "enter")
        await settle(pilot)
        assert [v.name for v in container.saved_views().list()] == ["south east weekly"]

        await pilot.press("u", "p")  # clear the filters, back to month
        await pilot.press("t")
        await settle(pilot)
        assert "state all" in view_bar(app) and "by" not in view_bar(app).split("│")[1]

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"south east")
        await loads_done(pilot)
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert app.screen.query_one(ContentSwitcher).current == "executive"
        assert "states SP, RJ" in view_bar(app) and "by week" in view_bar(app)
        chart = app.screen.query_one("#chart-gmv", ChartPanel).spec
        assert chart is not None and "per week" in chart.title


async def test_an_empty_name_is_refused_and_escape_saves_nothing(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query("#view-name"), "the dialog is gone"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press(" ", "enter")
        await pilot.pause()
        assert container.saved_views().list() == []
