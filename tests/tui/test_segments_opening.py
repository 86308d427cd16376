"""The Segments screen opens on figures the app loaded while idle, after its first frame: the
segment summary and the R × F grid for the snapshot in use. In hand when the screen mounts,
they are in its first layout and frame, without a load of its own; loaded for another
snapshot, the screen loads as before. The migration is still read ahead, once the figures are
painted. Figures are those of tests/fixtures/olist_small/README.md."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from shown import PROMPTLY_S, footer, lines, loads_done, until
from textual.widgets import Label

from screens.widgets.frame_table import FrameTable
from screens.widgets.heat_grid import HeatGrid
from workbench.app import WorkbenchApp
from workbench.application.segments import SegmentService
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


def held_after_first(
    monkeypatch: pytest.MonkeyPatch, name: str, release: threading.Event
) -> list[str]:
    """The thread of each call of SegmentService.`name`; every call after the first waits
    for `release` (a screen's own load of it would show nothing until then)."""
    made: list[str] = []
    real: Callable[..., Any] = getattr(SegmentService, name)

    def call(self: SegmentService, *args: Any, **kwargs: Any) -> Any:
        made.append(threading.current_thread().name)
        if len(made) > 1:
            release.wait(PROMPTLY_S)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(SegmentService, name, call)
    return made


async def test_the_screen_opens_on_the_figures_loaded_while_the_app_was_idle(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    release = threading.Event()
    summaries = held_after_first(monkeypatch, "summary", release)
    grids = held_after_first(monkeypatch, "grid", release)
    app = WorkbenchApp(container)
    try:
        async with app.run_test(size=(150, 44)) as pilot:
            await loads_done(pilot)
            assert (len(summaries), len(grids)) == (1, 1), "loaded once the first frame was shown"
            assert "MainThread" not in summaries + grids

            await pilot.press("3")  # the screen's own loads, if any, would wait for `release`
            screen = app.screen
            assert "10 customers scored" in lines(screen.query_one("#segments-note"))[0]
            table = screen.query_one("#segment-summary", FrameTable)
            assert table.frame.height > 0
            assert table.fitted_ahead == 1, "fitted by the app's worker, not on the loop"
            assert screen.query_one(HeatGrid).frame.height == 5, "R 5 to R 1"
            assert "Cancel load" not in footer(app), "nothing of the figures left to load"
            release.set()
            await loads_done(pilot)
            await pilot.pause()
            assert (len(summaries), len(grids)) == (1, 1), "the screen did not query them again"

            await pilot.press("m")  # read ahead once the figures were painted
            await loads_done(pilot)
            summary = str(screen.query_one("#migration-summary", Label).render())
            assert "two runs" in summary
    finally:
        release.set()


async def test_figures_loaded_for_another_snapshot_are_not_shown(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    release = threading.Event()
    release.set()
    summaries = held_after_first(monkeypatch, "summary", release)
    app = WorkbenchApp(container)
    async with app.run_test(size=(150, 44)) as pilot:
        await loads_done(pilot)
        assert len(summaries) == 1
        app.snapshot_generation += 1  # whatever moved the snapshot on, nothing reloaded them

        await pilot.press("3")
        await until(
            pilot,
            lambda: "scored" in lines(app.screen.query_one("#segments-note"))[0],
            "the figures the screen loaded",
        )
        assert len(summaries) == 2, "the screen loaded them for the snapshot in use"
        assert summaries[1] != "MainThread"
