"""The later screens made while the app is idle: composed, styled and filled before their key.

Opening Quality, Segments or the KPIs the first time composed and styled their widgets (~50 of
them) on the event loop after the key: about half of the key's answer on this project's 2-core
machine. Made once the app is idle after its first frame (its loads done, the screens' modules
imported ahead), mounted but not shown, a screen is in the state of one the user opened and
left: its loads answer into it while hidden, and its key switches to it, lays it out and
paints it. The screens are made one at a time with a pause before each, so a key pressed
meanwhile waits for one screen's making at most (~50-80 ms, once, in the app's first seconds).

A screen says whether it is made ahead (`made_ahead`): mounting it starts its loads, which a
setting may have turned off (the KPIs' `kpi_load_ahead`). Nothing is made ahead once the user
has opened the screen, or while the app is on its way out.

Textual (8) has no public way to mount a screen without showing it: `make_ahead` registers it
as `App.push_screen` and `App.switch_mode` do first (`App._register`), and waits for its mount
(`AwaitMount`, public); `switch_mode` then takes the running screen as it takes an installed
one. The tests of the screens' opens (`tests/tui/test_made_ahead.py`) fail if that changes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.widget import AwaitMount

from screens.services import SnapshotScreen

PAUSE_SECONDS = 0.2  # before each screen made: keys pressed meanwhile are answered first


class ScreensAhead:
    """The app's screens made ahead, each taken once by its mode's first switch."""

    def __init__(self, app: App[Any], leaving: Callable[[], bool]) -> None:
        self._app = app
        self._leaving = leaving
        self._made: dict[str, Screen[Any]] = {}
        self._mounting: Screen[Any] | None = None  # the screen being made now
        self._exit_when_made: Callable[[], None] | None = None
        self._opened: set[str] = set()

    def defer_exit(self, exit_app: Callable[[], None]) -> bool:
        """The app is asked to exit: no more screens are made, and while one is being made,
        `exit_app` is called once it is mounted (True; False: call it now). Textual mounts no
        widget once the app is exiting: a screen composed then had none of its parts when its
        mount handlers ran (a traceback on quit)."""
        self._leaving = lambda: True
        if self._mounting is None:
            return False
        self._exit_when_made = exit_app
        return True

    async def remove_unshown(self) -> None:
        """The app is closing: the screens made and never shown are removed first, each
        screen before its widgets. In no mode's stack, Textual would close them among its
        remaining nodes, widgets before their screen, while the screen may still be handling
        a load's answer (a query for a widget gone)."""
        made, self._made = list(self._made.values()), {}
        for screen in made:
            await screen.remove()

    def take(self, mode: str) -> Screen[Any] | None:
        """The screen made ahead for `mode`, once (its first switch); None if none was."""
        self._opened.add(mode)
        return self._made.pop(mode, None)

    def load_if_stale(self) -> None:
        """The screens made and not shown yet load the snapshot now in use (a run has just
        published one), as their opening answers were loaded ahead before; a screen shown
        already loads it when shown again."""
        for screen in self._made.values():
            if isinstance(screen, SnapshotScreen) and screen.is_mounted:
                screen.load_if_stale()

    async def make_ahead(
        self,
        screens: Iterable[tuple[str, type[Screen[Any]]]],
        make: Callable[[type[Screen[Any]]], Screen[Any]],
    ) -> None:
        """Each mode's screen that wants it made (`make(screen_class)`) and mounted, hidden,
        unless its mode was opened already."""
        for mode, screen_class in screens:
            if not made_ahead(screen_class, self._app):
                continue
            await asyncio.sleep(PAUSE_SECONDS)
            if mode in self._opened or self._leaving():
                continue
            screen = self._made[mode] = make(screen_class)
            self._mounting = screen
            try:
                await AwaitMount(screen, self._app._register(self._app, screen))
            finally:  # (the exit asked for meanwhile happens whatever the mount did)
                self._mounting = None
                exit_app, self._exit_when_made = self._exit_when_made, None
                if exit_app is not None:
                    exit_app()
            if exit_app is not None:
                return


def made_ahead(screen_class: type[Screen[Any]], app: App[Any]) -> bool:
    """Whether the screen wants to be made ahead in `app` (a snapshot screen's
    `made_ahead(app)`; no for any other)."""
    return issubclass(screen_class, SnapshotScreen) and screen_class.made_ahead(app)
