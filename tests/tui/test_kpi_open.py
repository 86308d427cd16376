"""Opening the KPI screen styles its widgets once: each widget is styled as it is mounted, and
the first switch to the screen sent two resumes, each restyling all ~140 of them again (80-90
ms of the loop each). A screen left and resumed is restyled (the theme may have changed
meanwhile). Figures are those of tests/fixtures/olist_small/README.md."""

from __future__ import annotations

from pathlib import Path

from shown import footer, loads_done
from textual.color import Color
from textual.widgets import Static

from screens.widgets.kpi_panes import KpiPane
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


async def settle(pilot) -> None:
    for _ in range(2):
        await loads_done(pilot)
        await pilot.pause()


def panel_colour(app: WorkbenchApp) -> Color:
    return Color.parse(app.theme_variables["panel"])


async def test_the_kpi_screen_is_styled_once_on_opening_and_again_after_leaving(
    container: Container,
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert "Filters" in footer(app)
        panes = list(app.screen.query(KpiPane))
        assert [pane.styled for pane in panes] == [1] * 9, "styled once, as mounted"
        view_bar = app.screen.query_one("#kpi-view-bar", Static)
        assert view_bar.styles.background == panel_colour(app)
        assert "GMV" in str(app.screen.query_one("#tile-gmv").render())

        await pilot.press("1")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert all(pane.styled > 1 for pane in panes), "restyled on its return"

        await pilot.press("1")  # away, where the theme changes
        await settle(pilot)
        before = panel_colour(app)
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        assert panel_colour(app) != before
        await pilot.press("4")
        await settle(pilot)
        assert view_bar.styles.background == panel_colour(app), "in the theme now in force"
