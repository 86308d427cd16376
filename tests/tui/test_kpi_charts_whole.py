"""Every KPI chart is shown whole at 80x24, its x labels too: the half-width charts' row was a
row shorter than a chart's least height, and the screen cut their labels away (Sellers,
Delivery, Products, Customers showed tick marks with nothing under them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from shown import lines, loads_done

from screens.widgets.kpi_chart import ChartPanel
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


@pytest.mark.parametrize("view_key", ["x", "l", "v", "o", "n"])
async def test_each_chart_shows_its_x_labels_at_80x24(container: Container, view_key: str) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", view_key)
        for _ in range(2):
            await loads_done(pilot)
            await pilot.pause()
        charts = [chart for chart in app.screen.query(ChartPanel) if chart.region.height]
        assert charts, "the view shows charts"
        for chart in charts:
            drawn = lines(chart)
            assert drawn[-1].strip(), f"{chart.id}: its last row holds the x labels"
            bottom = chart.region.bottom - 1
            for x in (chart.region.x + 1, chart.region.right - 2):
                shown_there, _ = app.screen.get_widget_at(x, bottom)
                assert shown_there is chart, f"{chart.id}: its labels' row is on the screen"
