"""Views loaded ahead: once the view shown is painted, the KPI screen loads the others in the
background, so a view turned to afterwards is shown without a query of its own; quietly (no
cancel key, no notice); a view the user turns to while it loads ahead waits for that load (and
can be cancelled); a filter change loads every view again, for the new filters.

The service is the real one over the fixture; the tests record its `view` calls (which view,
under which filters) and can hold one view's call until they release it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from shown import footer, loads_done, notifications, until
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, Input, Static

from domain.cancellation import token_in_scope
from domain.errors import Cancelled
from screens.widgets.frame_table import FrameTable
from workbench.app import WorkbenchApp
from workbench.application.config import Settings
from workbench.application.kpis import VIEWS, KpiService
from workbench.container import Container, build_container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


@dataclass
class Calls:
    """The views the service was asked for, in order, with the states filtered on."""

    made: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    hold: str | None = None  # a view whose next call waits until `release` is set (or a cancel)
    release: threading.Event = field(default_factory=threading.Event)

    def views(self, states: tuple[str, ...] = ()) -> list[str]:
        return [view for view, filtered in self.made if filtered == states]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[Calls]:
    recorded = Calls()
    real: Callable[..., Any] = KpiService.view

    def view(self: KpiService, name: str, filters: Any, *args: Any) -> Any:
        recorded.made.append((name, tuple(filters.states)))
        if name == recorded.hold:
            recorded.hold = None  # that call only
            token = token_in_scope()
            while not recorded.release.wait(0.02):
                if token.cancelled:
                    raise Cancelled("cancelled while held")
        return real(self, name, filters, *args)

    monkeypatch.setattr(KpiService, "view", view)
    yield recorded
    recorded.release.set()


def app_with(settings: Settings, **changed: Any) -> tuple[WorkbenchApp, Container]:
    container = build_container(replace(settings, **changed))
    assert container.ingestion().ingest(FIXTURE).published
    return WorkbenchApp(container), container


def view_bar(app: WorkbenchApp) -> str:
    return str(app.screen.query_one("#kpi-view-bar", Static).render())


def table_rows(app: WorkbenchApp, view: str) -> int:
    return app.screen.query_one(f"#table-{view}", FrameTable).frame.height


async def open_kpis(pilot: Pilot[None]) -> None:
    await pilot.press("4")
    await loads_done(pilot)
    await pilot.pause()
    await loads_done(pilot)


async def test_every_view_is_loaded_once_ahead_and_shown_without_a_query(
    settings: Settings, calls: Calls
) -> None:
    app, container = app_with(settings)
    try:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await open_kpis(pilot)
            assert calls.views() == list(VIEWS), "the view shown, then the others in key order"

            await pilot.press("c")
            assert app.screen.query_one(ContentSwitcher).current == "categories"
            await pilot.pause()
            assert table_rows(app, "categories") > 0, "shown at once: it was loaded ahead"
            await pilot.press("t")  # another view loaded ahead
            await pilot.pause()
            assert table_rows(app, "states") > 0
            await loads_done(pilot)
            assert calls.views() == list(VIEWS), "no view was queried again"
            assert "loading" not in view_bar(app)
            assert not notifications(app)
    finally:
        container.shutdown_resources()


async def test_a_filter_loads_the_views_again_for_it_and_off_means_on_demand(
    settings: Settings, calls: Calls
) -> None:
    app, container = app_with(settings)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await open_kpis(pilot)
            await pilot.press("c")
            box = app.screen.query_one("#kpi-state", Input)
            box.focus()
            box.value = "SP"
            await pilot.press("enter")
            await loads_done(pilot)
            await pilot.pause()
            await loads_done(pilot)
            assert calls.views(("SP",))[0] == "categories", "the view shown first"
            assert sorted(calls.views(("SP",))) == sorted(VIEWS), "then each other view, once"
    finally:
        container.shutdown_resources()

    calls.made.clear()
    app, container = app_with(settings, data_dir=settings.data_dir / "off", kpi_load_ahead=False)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await open_kpis(pilot)
            assert calls.views() == ["executive"], "kpi_load_ahead = false: nothing ahead"
            await pilot.press("c")
            await loads_done(pilot)
            await pilot.pause()
            assert table_rows(app, "categories") > 0
            assert calls.views() == ["executive", "categories"]
    finally:
        container.shutdown_resources()


async def test_turning_to_a_view_loading_ahead_waits_for_it_and_can_cancel_it(
    settings: Settings, calls: Calls
) -> None:
    calls.hold = "categories"  # the first view loaded ahead: held until released
    app, container = app_with(settings)
    try:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.press("4")
            await until(pilot, lambda: calls.views() == ["executive", "categories"], "ahead")
            await pilot.pause()
            assert "Cancel load" not in footer(app), "a load ahead offers no cancel key"

            await pilot.press("c")  # the user turns to it: it is the view's load now
            await pilot.pause()
            assert "loading" in view_bar(app)
            assert "esc Cancel load" in footer(app)
            await pilot.press("escape")  # and can stop it, and is told
            await until(pilot, lambda: any("Stopped" in n for n in notifications(app)), "told")
            await until(pilot, lambda: "loading" not in view_bar(app), "the bar says so")
            assert table_rows(app, "categories") == 0

            calls.release.set()
            await pilot.press("r")  # reload: the view loads for the user
            await until(pilot, lambda: table_rows(app, "categories") > 0, "it is shown")
            assert calls.views().count("categories") == 2
    finally:
        calls.release.set()
        container.shutdown_resources()


async def test_the_view_the_user_asks_for_stops_the_load_ahead_quietly(
    settings: Settings, calls: Calls
) -> None:
    calls.hold = "categories"
    app, container = app_with(settings)
    try:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.press("4")
            await until(pilot, lambda: calls.views() == ["executive", "categories"], "ahead")
            await pilot.press("h")  # cohorts: not the view loading ahead
            await until(pilot, lambda: table_rows(app, "cohorts") > 0, "cohorts is shown")
            await pilot.pause()
            assert not notifications(app), "the load ahead it stopped says nothing"
            calls.release.set()
            await loads_done(pilot)
            await pilot.pause()
            await loads_done(pilot)
            # categories was stopped, then loaded ahead again once cohorts was shown
            assert calls.views().count("categories") == 2
            assert calls.views().count("cohorts") == 1
    finally:
        container.shutdown_resources()


async def test_a_view_waited_for_loads_again_when_what_it_was_loaded_for_changes(
    settings: Settings, calls: Calls
) -> None:
    calls.hold = "categories"
    app, container = app_with(settings)
    try:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.press("4")
            await until(pilot, lambda: calls.views() == ["executive", "categories"], "ahead")
            await pilot.press("c")  # waits for the load ahead...
            await pilot.pause()
            assert "loading" in view_bar(app)
            await pilot.press("p")  # ...which was for the month grain: stopped, loaded again
            await until(pilot, lambda: table_rows(app, "categories") > 0, "it is shown")
            await until(pilot, lambda: "loading" not in view_bar(app), "the bar says so")
            assert calls.views().count("categories") == 2
            assert not notifications(app, "error") and not any(
                "Stopped" in note for note in notifications(app)
            ), "stopped by the screen, not the user: nothing to say"
    finally:
        calls.release.set()
        container.shutdown_resources()


async def test_a_dialog_over_the_screen_stops_loading_ahead_and_closing_it_resumes(
    settings: Settings, calls: Calls
) -> None:
    calls.hold = "categories"
    app, container = app_with(settings)
    try:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.press("4")
            await until(pilot, lambda: calls.views() == ["executive", "categories"], "ahead")
            await pilot.press("d")  # the definitions, over the screen: the load ahead stops
            await loads_done(pilot)  # (the held call ends only by being stopped)
            await pilot.press("escape")
            # (each view's pane is mounted before its load ahead: no load runs meanwhile)
            every = lambda: sorted(set(calls.views())) == sorted(VIEWS)  # noqa: E731
            await until(pilot, every, "every view, once back")
            await loads_done(pilot)
            assert calls.views().count("categories") == 2, "stopped, then loaded again"
            assert not notifications(app)
    finally:
        calls.release.set()
        container.shutdown_resources()


@pytest.mark.parametrize("before, key", [("n", "o"), ("o", "n"), ("c", "t")])
async def test_a_view_loaded_ahead_is_shown_in_one_layout(
    settings: Settings, calls: Calls, before: str, key: str
) -> None:
    """Its pane was filled, hidden, as its load ahead arrived, with the sizes its layout will
    give it: the layout that shows it is the only one (each more took a frame of its own)."""
    app, container = app_with(settings)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await open_kpis(pilot)
            await pilot.press(before)  # a view with the same keys in the footer
            await pilot.pause(0.3)
            screen = app.screen
            layouts: list[object] = []
            screen.screen_layout_refresh_signal.subscribe(screen, layouts.append)
            await pilot.press(key)
            await pilot.pause(0.3)
            view = {"o": "products", "n": "customers", "t": "states"}[key]
            assert screen.query_one(ContentSwitcher).current == view
            assert table_rows(app, view) > 0
            assert len(layouts) == 1, f"laid out once, not {len(layouts)}"
    finally:
        container.shutdown_resources()
