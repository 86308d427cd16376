"""The KPI screen opens on figures the app loaded while idle, after its first frame: the filter
choices and the executive view for the snapshot in use. In hand when the screen composes, they
are shown as it opens, without a load of its own; still loading, the screen's load waits for
them rather than query again; loaded for another snapshot (or not at all), the screen loads as
before. Figures are those of tests/fixtures/olist_small/README.md."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from shown import loads_done, until
from textual.widgets import Static

from screens.widgets.kpi_chart import ChartPanel
from workbench.app import WorkbenchApp
from workbench.application.config import Settings
from workbench.application.kpi_filters import Filters
from workbench.application.kpis import SELLER_MIN_ORDERS, ExecutiveView, KpiService
from workbench.container import Container, build_container
from workbench.presentation.kpi_tiles import tile_text

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


def executive_calls(
    monkeypatch: pytest.MonkeyPatch, hold: threading.Event | None = None
) -> list[str]:
    """The thread of each `view("executive")` call, in order; with `hold`, the first such
    call waits until it is set."""
    made: list[str] = []
    real: Callable[..., Any] = KpiService.view

    def view(self: KpiService, name: str, *args: Any) -> Any:
        if name == "executive":
            made.append(threading.current_thread().name)
            if hold is not None and len(made) == 1:
                hold.wait(10)
        return real(self, name, *args)

    monkeypatch.setattr(KpiService, "view", view)
    return made


def orders_shown(container: Container) -> str:
    view = container.kpis().view("executive", Filters(), "month", SELLER_MIN_ORDERS)
    assert isinstance(view, ExecutiveView)
    (orders,) = [tile for tile in view.tiles if tile.key == "orders"]
    return tile_text(orders)


def tile(app: WorkbenchApp, key: str) -> str:
    return str(app.screen.query_one(f"#tile-{key}", Static).render())


def view_bar(app: WorkbenchApp) -> str:
    return str(app.screen.query_one("#kpi-view-bar", Static).render())


async def test_the_screen_opens_on_the_figures_loaded_while_the_app_was_idle(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    orders = orders_shown(container)
    made = executive_calls(monkeypatch)
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await loads_done(pilot)
        assert len(made) == 1, "loaded once the first frame was shown"

        await pilot.press("4")
        assert orders in tile(app, "orders"), "shown as the screen opens"
        assert "loading" not in view_bar(app)
        await loads_done(pilot)
        await pilot.pause()
        assert len(made) == 1, "the screen did not query it again"
        for selector in ("#chart-gmv", "#chart-late"):
            chart = app.screen.query_one(selector, ChartPanel)
            assert chart.drawings == 1, "drawn once, at the size it is shown at"


async def test_opening_while_they_load_waits_for_them_instead_of_querying_again(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    orders = orders_shown(container)
    release = threading.Event()
    made = executive_calls(monkeypatch, hold=release)
    app = WorkbenchApp(container)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: len(made) == 1, "the app loading the opening figures")
            await pilot.press("4")
            await until(pilot, lambda: "loading" in view_bar(app), "the view bar saying so")
            release.set()
            await loads_done(pilot)
            await pilot.pause()
            assert orders in tile(app, "orders")
            assert "loading" not in view_bar(app)
            assert len(made) == 1, "one query, the app's"
            chart = app.screen.query_one("#chart-gmv", ChartPanel)
            assert (chart.drawings, chart.drawn_ahead) == (1, 1), "drawn by the screen's worker"
    finally:
        release.set()


async def test_figures_loaded_for_another_snapshot_are_not_shown(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    made = executive_calls(monkeypatch)
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await loads_done(pilot)
        assert len(made) == 1
        app.snapshot_generation += 1  # whatever moved the snapshot on, nothing reloaded them

        await pilot.press("4")
        await loads_done(pilot)
        await pilot.pause()
        assert len(made) == 2, "the screen loaded the view for the snapshot in use"
        assert made[1] != "MainThread"


async def test_nothing_is_loaded_ahead_with_the_load_ahead_off(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    container = build_container(replace(settings, kpi_load_ahead=False))
    try:
        assert container.ingestion().ingest(FIXTURE).published
        made = executive_calls(monkeypatch)
        app = WorkbenchApp(container)
        async with app.run_test(size=(120, 40)) as pilot:
            await loads_done(pilot)
            assert made == [], "nothing before the screen is opened"
            await pilot.press("4")
            await loads_done(pilot)
            await pilot.pause()
            assert len(made) == 1
    finally:
        container.shutdown_resources()


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (119, 40), (120, 40), (160, 48)])
async def test_its_charts_were_drawn_while_the_app_was_idle_for_the_room_they_get(
    container: Container, size: tuple[int, int]
) -> None:
    """The idle load draws the executive charts for the room the screen gives them at the
    app's size (header, filter bar, view bar and tiles above, status line and footer below):
    the open does not draw them. Fails when the foresight no longer matches the stylesheet."""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=size) as pilot:
        await loads_done(pilot)
        await pilot.press("4")
        await loads_done(pilot)
        await pilot.pause()
        for selector in ("#chart-gmv", "#chart-late"):
            chart = app.screen.query_one(selector, ChartPanel)
            assert (chart.drawings, chart.drawn_ahead) == (1, 1), f"{selector} at {size}"


@pytest.mark.parametrize("change", ["theme", "size"])
async def test_charts_drawn_for_another_look_are_drawn_again_as_the_screen_opens(
    container: Container, change: str
) -> None:
    """Drawn while idle in a theme or for a size the app no longer has: never shown; the
    charts are drawn as the screen paints them, in the look they have."""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await loads_done(pilot)
        if change == "theme":
            app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        else:
            await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.press("4")
        await loads_done(pilot)
        await pilot.pause()
        for selector in ("#chart-gmv", "#chart-late"):
            chart = app.screen.query_one(selector, ChartPanel)
            assert (chart.drawings, chart.drawn_ahead) == (1, 0), f"{selector}: drawn again"
            look = chart.look()
            assert look is not None and look[1:] == (chart.size, None, app.theme)
