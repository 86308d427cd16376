"""What a user sees on the screen, read from the widgets shown: notifications and footer keys."""

from __future__ import annotations

import asyncio
import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.geometry import Region
from textual.worker import WorkerCancelled

from screens.services import SnapshotScreen
from screens.widgets.keys_footer import KeysFooter


def notifications(app: App[Any], severity: str | None = None) -> list[str]:
    """The text (title and message) of each notification on screen, of `severity` if given."""
    selector = "Toast" if severity is None else f"Toast.-{severity}"
    return [toast.render().plain for toast in app.screen.query(selector)]


def footer(app: App[Any]) -> str:
    """The footer's keys and their descriptions, as one line (" q Quit  · ..."): the screens'
    KeysFooter, or the key widgets of Textual's Footer (a dialog's)."""
    ours = app.screen.query(KeysFooter)
    if ours:
        return " · ".join(entry.text() for entry in ours.first().shown())
    keys = app.screen.query("FooterKey")
    return " · ".join(key.render().plain for key in keys if key.display)


def lines(widget: Any) -> list[str]:
    """The text of each line a widget shows now, as rendered at its current size."""
    width, height = widget.size
    return [strip.text for strip in widget.render_lines(Region(0, 0, width, height))]


@contextmanager
def held(path: Path) -> Iterator[None]:
    """Hold `path` for this test alone: snapshot tests use a fixed data dir (its path shows on
    screen), and two test runs on one machine must take turns with it rather than share it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


async def loads_done(pilot_or_app: Any, besides: tuple[str, ...] = ()) -> None:
    """Every load's worker has ended (but those of the kinds `besides`: a run the test holds),
    and those they led to (a screen made ahead starts its loads): asked again until none is
    left (a load replaced by a newer one ends cancelled, which `wait_for_complete` reports by
    raising)."""
    app = pilot_or_app if isinstance(pilot_or_app, App) else pilot_or_app.app
    while True:
        waited = [worker for worker in app.workers if worker.group not in besides]
        if not waited:  # (an empty list would mean every worker to wait_for_complete)
            return
        with suppress(WorkerCancelled):
            await app.workers.wait_for_complete(waited)


PROMPTLY_S = 10.0


async def until(pilot: Any, condition: Callable[[], bool], what: str) -> None:
    """Let the app run until `condition` holds; fail if it does not within PROMPTLY_S."""
    for _ in range(int(PROMPTLY_S / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    pytest.fail(f"not within {PROMPTLY_S:g} s: {what}")


async def exits(app: App[Any], within_s: float = 30.0) -> None:
    """Wait for the app to exit (of itself, or by an exit asked for already); fail if it does
    not within `within_s`. Not by `pilot.pause`: while the app closes, Textual drops the
    callbacks a pause posts to the widgets not closed yet, and the pause waits 30 s for them
    (`WaitForScreenTimeout`) for an app that has exited cleanly."""

    async def stopped() -> None:
        while app.is_running:
            await asyncio.sleep(0.01)

    try:
        await asyncio.wait_for(stopped(), within_s)
    except TimeoutError:
        pytest.fail(f"the app did not exit within {within_s:g} s")


def counted_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The class name of each screen that loads its data, as it does (`load_snapshot`)."""
    loaded: list[str] = []
    load_snapshot = SnapshotScreen.load_snapshot

    def counted(screen: SnapshotScreen) -> None:
        loaded.append(type(screen).__name__)
        load_snapshot(screen)

    monkeypatch.setattr(SnapshotScreen, "load_snapshot", counted)
    return loaded
