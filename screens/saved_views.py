"""Saved KPI views: the dialog naming the view to save, and the command palette's provider
listing the saved views (on PostgreSQL, the whole team's)."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from screens.services import services
from workbench.application.saved_views import SavedView


class SaveViewDialog(ModalScreen[str | None]):
    """Asks for the name to save the KPI view under; enter saves, escape cancels."""

    DEFAULT_CSS = """
    SaveViewDialog { align: center middle; }
    SaveViewDialog > Vertical {
        width: 64; height: auto; padding: 1 2; border: thick $accent; background: $surface;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, what: str, name: str = "") -> None:
        super().__init__()
        self._what = what
        self._name = name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("[b]Save this view as[/b] (a name of your own replaces it)")
            yield Label(self._what, classes="dim")
            yield Input(self._name, placeholder="name, e.g. south-east weekly", id="view-name")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SavedViewsProvider(Provider):
    """`Open saved view: NAME` for every saved view, read when the palette opens."""

    async def startup(self) -> None:
        saved = services(self.screen).saved_views()
        try:
            self._views: list[SavedView] = await asyncio.to_thread(saved.list)
        except Exception:  # the store is unreachable: the palette still works without them
            self._views = []

    def _open(self, name: str) -> None:
        opener = getattr(self.app, "open_saved_view", None)
        if opener is not None:
            opener(name)

    async def discover(self) -> Hits:
        for view in self._views:
            yield DiscoveryHit(
                f"Open saved view: {view.name}", partial(self._open, view.name), help=_help(view)
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for view in self._views:
            text = f"Open saved view: {view.name}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(self._open, view.name),
                    help=_help(view),
                )


def _help(view: SavedView) -> str:
    by = f" · saved by {view.saved_by}" if view.saved_by else ""
    return view.describe() + by
