"""Where the keyboard goes next: the eight KPI tiles are one stop, the export dialog's default
is Export and a cancel says so. Figures are those of tests/fixtures/olist_small/README.md."""

from __future__ import annotations

from pathlib import Path

from shown import loads_done, notifications

from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


async def settle(pilot) -> None:
    for _ in range(2):
        await loads_done(pilot)
        await pilot.pause()


def focused_id(app: WorkbenchApp) -> str | None:
    return app.focused.id if app.focused is not None else None


async def test_g_and_tab_pass_the_eight_tiles_in_one_step(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert focused_id(app) == "tile-gmv"
        await pilot.press("g")
        assert focused_id(app) == "chart-gmv", "g leaves the tiles at once"
        await pilot.press("g", "g")
        assert focused_id(app) == "tile-gmv", "and comes back to them"
        await pilot.press("right", "right")
        assert focused_id(app) == "tile-aov"
        await pilot.press("tab")
        assert focused_id(app) == "chart-gmv", "tab too leaves the tiles at once"
        await pilot.press("shift+tab")
        assert focused_id(app) == "tile-aov", "back on the tile last used"
        await pilot.press("g", "g", "g")
        assert focused_id(app) == "tile-aov"


async def test_export_is_the_default_and_a_cancel_says_nothing_was_written(
    container: Container,
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    exports = container.settings().data_dir / "exports"
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.press("4", "c")
        await settle(pilot)
        assert app.focused is not None and app.focused.parent.id == "table-categories"
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("tab", "tab", "enter")
        await settle(pilot)
        assert (exports / "kpi_categories.csv").is_file()
        assert any("Exported" in m and "kpi_categories.csv" in m for m in notifications(app))

        for cancel in (("escape",), ("tab", "enter")):
            await pilot.press("e", *cancel)
            await settle(pilot)
            said = [m for m in notifications(app) if "cancelled" in m]
            assert said and "nothing was written" in said[-1], cancel
            app.clear_notifications()
