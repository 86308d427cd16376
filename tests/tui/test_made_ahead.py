"""The screens whose first open composed most (Quality, Segments, the KPIs) are made while the
app is idle after its first frame (`screens.made_ahead`): mounted hidden, their loads done, their
key lays them out and paints them. Made at one width and opened at another, a screen shows the
layout of the width in force; a key pressed before they are made opens the screen as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from shown import counted_loads, exits, footer, lines, loads_done, until
from textual.screen import Screen

import workbench.app as app_module
from screens.kpis import KpiScreen
from screens.quality import QualityScreen
from screens.segments import SegmentsScreen
from screens.widgets.frame_table import FrameTable
from screens.widgets.status_line import StatusLine
from workbench.app import WorkbenchApp, _sized
from workbench.application.segments import SegmentService
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
AHEAD = ["KpiScreen", "QualityScreen", "SegmentsScreen"]


async def test_the_later_screens_are_made_and_loaded_before_their_keys(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    loaded = counted_loads(monkeypatch)
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await loads_done(pilot)
        assert sorted(loaded) == AHEAD, "made and loaded while the first screen is shown"
        assert app.current_mode == "ingestion"
        opened = (("2", QualityScreen, "Re-check"), ("3", SegmentsScreen, "Definitions"))
        for key, screen_class, keys in (*opened, ("4", KpiScreen, "Filters")):
            await pilot.press(key)
            await loads_done(pilot)
            await pilot.pause()
            assert isinstance(app.screen, screen_class)
            assert keys in footer(app), f"screen {key}'s keys are shown"
        assert sorted(loaded) == AHEAD, "opening them loaded nothing again"
        await pilot.press("2")
        await pilot.pause()
        rules = app.screen.query_one("#quality-rules", FrameTable)
        first = rules.frame["rule"][0]
        assert any(first in line for line in lines(rules.table)), "its rules are shown"


async def test_a_key_pressed_before_its_screen_is_made_opens_it_once(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    loaded = counted_loads(monkeypatch)
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")  # at once: the screens are made once the first loads are done
        await loads_done(pilot)
        assert isinstance(app.screen, QualityScreen)
        assert sorted(loaded) == AHEAD, "Quality made by its key, the others ahead"
        await pilot.press("1")
        await pilot.press("2")
        await loads_done(pilot)
        assert sorted(loaded) == AHEAD


async def test_a_screen_made_at_one_width_has_the_layout_of_the_width_it_opens_at(
    container: Container,
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 48)) as pilot:
        await loads_done(pilot)
        await pilot.resize_terminal(80, 24)
        await pilot.press("3")
        await loads_done(pilot)
        screen = app.screen
        assert isinstance(screen, SegmentsScreen)
        assert screen.has_class("-narrow") and not screen.has_class("-wide")
        # as the switch takes it, before Textual's resize of it: the breakpoint of the width
        # in force only (made at 160 columns it had the wide one)
        screen.set_class(True, "-wide")
        assert _sized(screen).classes >= {"-narrow"} and not screen.has_class("-wide")


async def test_a_screen_made_ahead_loads_a_snapshot_published_before_its_key(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As their opening answers were loaded again for a newer snapshot: opening them after a
    run does not wait for their loads."""
    assert container.ingestion().ingest(FIXTURE).published
    loaded = counted_loads(monkeypatch)
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await loads_done(pilot)
        assert sorted(loaded) == AHEAD
        assert container.ingestion().ingest(FIXTURE).published
        app.action_reload_snapshot()  # as the Ingestion screen does when its run publishes
        await loads_done(pilot)
        assert sorted(loaded) == sorted(AHEAD * 2), "loaded again, before their keys"
        for key in ("2", "3", "4"):
            await pilot.press(key)
            await loads_done(pilot)
        assert sorted(loaded) == sorted(AHEAD * 2), "not again as they open"


async def test_a_screen_made_ahead_reads_ahead_only_once_shown(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Segments reads its migration tab's figures ahead once its figures are painted (seconds
    of both cores on a big warehouse): made ahead, hidden, it waits until it is shown."""
    assert container.ingestion().ingest(FIXTURE).published
    assert container.ingestion().ingest(FIXTURE).published
    read: list[object] = []
    migration = SegmentService.migration

    def counted(service: SegmentService, *args: Any, **kwargs: Any) -> Any:
        read.append(args)
        return migration(service, *args, **kwargs)

    monkeypatch.setattr(SegmentService, "migration", counted)
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await loads_done(pilot)
        await pilot.pause()
        assert read == [], "not while hidden"
        await pilot.press("3")
        await loads_done(pilot)
        await pilot.pause()
        await loads_done(pilot)
        assert len(read) == 1, "once shown"


@pytest.mark.parametrize("screen", ["QualityScreen", "SegmentsScreen", "KpiScreen"])
@pytest.mark.parametrize("after", [None, 0.01])
async def test_quitting_while_a_screen_is_made_ahead_exits_cleanly(
    container: Container, monkeypatch: pytest.MonkeyPatch, screen: str, after: float | None
) -> None:
    """Textual mounts no widget once the app exits: a screen still being made then had none
    of its parts when its mount handlers ran (a traceback on quit). The exit waits for it."""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    made = app_module._made

    def quit_as_made(screen_class: type[Screen[Any]]) -> Screen[Any]:
        shown = made(screen_class)
        if screen_class.__name__ == screen:
            app.call_next(app.exit) if after is None else app.set_timer(after, app.exit)
        return shown

    monkeypatch.setattr(app_module, "_made", quit_as_made)
    async with app.run_test(size=(120, 40)):
        await exits(app)
    assert app.return_code == 0


async def test_quitting_while_screens_made_ahead_load_a_new_snapshot_exits_cleanly(
    container: Container,
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await loads_done(pilot)
        assert container.ingestion().ingest(FIXTURE).published
        app.action_reload_snapshot()
        app.exit()
        await exits(app)
    assert app.return_code == 0


async def test_a_screen_made_ahead_shows_the_status_as_it_is_when_opened(
    container: Container,
) -> None:
    """The app refreshes the status line of the screen shown: one made ahead and opened
    later says what happened meanwhile (here: a newer snapshot published elsewhere)."""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(200, 40)) as pilot:
        await loads_done(pilot)
        assert container.ingestion().ingest(FIXTURE).published  # not loaded by this app

        def told() -> bool:
            return "newer snapshot #2" in str(app.screen.query_one(StatusLine).render())

        await until(pilot, told, "the Ingestion screen's status line tells")
        await pilot.press("2")
        await loads_done(pilot)
        await pilot.pause()
        assert isinstance(app.screen, QualityScreen) and told(), "and Quality's, opened after"
