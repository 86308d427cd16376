"""Executive tiles: a KPI's value, its change versus the previous period and year over year
(with a date range); enter drills down.

The focused tile is marked (bar on the left, bold); left/right move between the tiles. The
eight tiles are one focus stop (tab, and `g` on the KPI screen, pass them in one step): only the
grid's current tile may take the focus, and focusing another (arrow, click) makes it the current.
"""

from __future__ import annotations

from typing import Self

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.markup import escape
from textual.message import Message
from textual.widgets import Static

from workbench.application.kpi_tiles import Tile
from workbench.presentation.kpi_tiles import change_text, split_text, tile_text, year_change_text

TREND_COLORS = {"good": "$success", "bad": "$error", "flat": "$text-muted"}
# A tile's least height: its label and value (its changes, with a date range, make it higher).
# The KPI screen foresees the tiles' height to draw its charts ahead (`kpi_opening_charts`).
TILE_MIN_HEIGHT = 2


def tile_markup(tile: Tile, room: int | None) -> str:
    """What a tile shows: its label, its value in `room` cells, its changes."""
    text = f"[dim]{escape(tile.label)}[/]\n[b]{escape(tile_text(tile, room))}[/]"
    changes = ((change_text(tile), tile.trend), (year_change_text(tile), tile.year_trend))
    for shown, trend in changes:  # none without a date range: the view bar says so once
        if shown:
            text += f"\n[{TREND_COLORS[trend]}]{escape(shown)}[/]"
    return text


class TileWidget(Static, can_focus=True):
    DEFAULT_CLASSES = "kpi-tile"
    DEFAULT_CSS = f"""
    TileWidget {{
        min-height: {TILE_MIN_HEIGHT};
    }}
    TileWidget:focus {{
        outline-left: thick $accent;
        text-style: bold;
    }}
    """
    BINDINGS = [
        Binding("enter", "choose", "Orders", id="kpi.tile_orders"),
        Binding("left", "move(-1)", "Previous tile", show=False),
        Binding("right", "move(1)", "Next tile", show=False),
    ]

    class Chosen(Message):
        def __init__(self, tile: Tile) -> None:
            super().__init__()
            self.tile = tile

    def __init__(self, key: str, label: str, *, current: bool = False) -> None:
        super().__init__(f"[dim]{escape(label)}[/]\n…", id=f"tile-{key}")
        self.tile: Tile | None = None
        self._markup = ""  # what it shows of `tile`
        self.current = current  # the one tile of the grid that takes the focus

    def allow_focus(self) -> bool:
        return self.current

    def focus(self, scroll_visible: bool = True) -> Self:
        for tile in self.parent.query_children(TileWidget) if self.parent else ():
            tile.current = tile is self
        return super().focus(scroll_visible)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self.focus()

    def show(self, tile: Tile, room: int | None = None) -> None:
        """Show `tile`; `room`: the cells its value has when the tile has no size yet."""
        self.tile = tile
        room = self.content_size.width or room  # the value in full when it fits, else 14.95M
        markup = tile_markup(tile, room)
        if markup != self._markup:  # (the same again, at its first resize: no layout)
            self._markup = markup
            self.update(markup)
        self.tooltip = split_text(tile) or None

    def on_resize(self) -> None:
        if self.tile is not None:
            self.show(self.tile)

    def action_move(self, step: int) -> None:
        """Focus the tile `step` places away (wrapping around)."""
        tiles = [*self.parent.query_children(TileWidget)] if self.parent else [self]
        tiles[(tiles.index(self) + step) % len(tiles)].focus()

    def action_choose(self) -> None:
        if self.tile is not None:
            self.post_message(self.Chosen(self.tile))


class TilesGrid(Grid):
    """The eight executive tiles, four or eight to a row depending on the width."""

    DEFAULT_CLASSES = "kpi-tiles"

    def __init__(self, tiles: tuple[tuple[str, str], ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._tiles = tiles

    def compose(self) -> ComposeResult:
        for index, (key, label) in enumerate(self._tiles):
            yield TileWidget(key, label, current=index == 0)

    def show(self, tiles: tuple[Tile, ...]) -> None:
        room = None
        if not self.size.width:
            # The figures came before the first layout (a screen just opened): each value gets
            # the room of the narrowest tile the app's width gives, so the tiles show it at
            # the height they keep (a full value wrapped, then shortened at the first resize,
            # would lay the screen out twice and draw its charts twice).
            columns = self.styles.grid_size_columns or 1
            gutters = self.styles.grid_gutter_horizontal * (columns - 1)
            room = max((self.app.size.width - gutters) // columns - 1 - 2, 1)  # padding 0 1
        for tile in tiles:
            self.query_one(f"#tile-{tile.key}", TileWidget).show(tile, room)
