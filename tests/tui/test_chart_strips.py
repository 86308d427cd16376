"""Every chart and the map of the KPI screen, as drawn for the fixture's figures, is made into
the lines Textual itself would paint, run by run (`text_strips`): in every view, at 80x24 and
160x48, in a dark and a light theme, with a chart's cursor shown. Figures are those of
tests/fixtures/olist_small/README.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from shown import loads_done
from test_text_strips import made_by_runs, textual_strips

from screens.widgets.kpi_chart import ChartPanel
from screens.widgets.kpi_view_bar import VIEW_KEYS
from screens.widgets.text_strips import TextStrips, text_strips
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


async def settle(pilot) -> None:
    for _ in range(2):
        await loads_done(pilot)
        await pilot.pause()


def check_shown(app: WorkbenchApp) -> int:
    """Each chart and map shown: its lines made run by run, equal to Textual's; how many."""
    checked = 0
    for widget in app.screen.query("*"):  # (a chart's CSS type is its first base's)
        if not isinstance(widget, TextStrips):
            continue
        look = widget.look()
        if look is None or not widget.region.width:
            continue
        text = widget.text_for(look)
        assert made_by_runs(widget, text, widget.size), widget.id
        made = text_strips(widget, text, widget.size, widget.visual_style)
        assert made == textual_strips(widget, text, widget.size), widget.id
        checked += 1
    return checked


@pytest.mark.parametrize(
    ("size", "theme"),
    [((80, 24), "textual-dark"), ((160, 48), "textual-dark"), ((120, 40), "textual-light")],
)
async def test_charts_and_map_made_run_by_run_as_textual_makes_them(
    container: Container, size: tuple[int, int], theme: str
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=size) as pilot:
        app.theme = theme
        await pilot.press("4")
        await settle(pilot)
        checked = 0
        for key in VIEW_KEYS.values():
            await pilot.press(key)
            await settle(pilot)
            checked += check_shown(app)
        assert checked >= 14, "every view's charts and the map"

        await pilot.press("x")
        await settle(pilot)
        chart = app.screen.query_one("#chart-gmv", ChartPanel)
        chart.focus()
        await pilot.press("left")
        await settle(pilot)
        look = chart.look()
        assert look is not None and look[2] is not None, "the cursor is drawn"
        assert check_shown(app) >= 2
