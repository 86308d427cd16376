"""The Sellers view's trend chart as a user meets it: beside the health distribution, the
declining sellers' median health per month against the others', drawn on screen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from shown import lines, loads_done

from screens.widgets.kpi_chart import ChartPanel
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


async def settle(pilot) -> None:
    for _ in range(2):
        await loads_done(pilot)
        await pilot.pause()


async def test_sellers_show_their_health_per_month(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("l", "m", "backspace", "backspace", "1", "enter")  # every seller
        await settle(pilot)
        trend = app.screen.query_one("#chart-sellers-2", ChartPanel)
        shown = "\n".join(lines(trend))
        assert "Median health per month: declining sellers vs the others" in shown
        assert "2018-02" in shown and "others" in shown
        # the fixture's last 6 months (to 2018-03-02) hold orders from January 2018 on
        assert trend.spec is not None
        assert trend.spec.keys == (date(2018, 1, 1), date(2018, 2, 1), date(2018, 3, 1))
        distribution = "\n".join(lines(app.screen.query_one("#chart-sellers-1", ChartPanel)))
        assert "Sellers by health score" in distribution
