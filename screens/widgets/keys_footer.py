"""The footer of every screen: help (`?`) and quit (`q`) come first, so a narrow terminal that
cannot show every key still shows the two a user needs to find the others and to leave.

Textual's Footer is a container of one widget per key (28 or so on a screen, with the palette's
key docked right), built after the screen's first frame and rebuilt (every key removed, built,
styled and laid out again) each time the bindings are refreshed, which the screens do on every
load (the cancel key shows only while one runs) and on every focus change: about 25-30 ms of
the event loop on each screen's opening, and a layout and a frame of their own after the first.
This footer is one widget that draws the same line: the keys as Textual's `FooterKey` draws
them (" key description ", in the same component styles), the palette's key at the right edge
after its border, the keys that do not fit cut at it (the one cut ends in "…"). When the
bindings are refreshed it works out the keys to show and repaints only when they changed: no
widget is mounted, styled or laid out for it. A key is clicked as a `FooterKey` is (the key is
simulated; a disabled one rings the bell), the pointer highlights the key under it and shows
its tooltip, and the wheel scrolls the keys sideways when they do not all fit.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

FIRST_KEYS = ("question_mark", "q")
BORDER = "▏"  # Textual's "vkey" border on the left of the palette's key
SCROLL_STEP = 4  # cells the wheel moves the keys by


class Entry(NamedTuple):
    """One key as the footer shows it."""

    key: str
    key_display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    classes: str = ""  # "-command-palette" for the palette's key (at the right edge)

    @property
    def palette(self) -> bool:
        return "-command-palette" in self.classes

    def text(self) -> str:
        """What the key shows (as `FooterKey` renders it; the palette's key is compact)."""
        if not self.description:
            return self.key_display
        if self.palette:
            return f"{self.key_display} {self.description}"
        return f" {self.key_display} {self.description} "


class Placed(NamedTuple):
    """A key and the cells it takes in the footer (x from its left edge, before clipping)."""

    entry: Entry
    x: int
    width: int


class KeysFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer-key--key",
        "footer-key--description",
        "keys-footer--item",
        "keys-footer--hover",
        "keys-footer--border",
    }
    # Footer's and FooterKey's rules (Textual 8.2), for one widget: the key and its description
    # in FooterKey's component styles, over a key's own background (or the hover's).
    DEFAULT_CSS = """
    KeysFooter {
        color: $footer-foreground;
        background: $footer-background;
        dock: bottom;
        height: 1;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keys-footer--item {
            background: $footer-item-background;
        }
        .keys-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .keys-footer--border {
            color: $foreground 20%;
            background: $footer-item-background;
        }
    }
    """

    show_command_palette = reactive(True)
    hovered: reactive[int | None] = reactive(None)  # the index of the key under the pointer

    def __init__(self) -> None:
        super().__init__()
        self._entries: list[Entry] = []  # the keys shown, in their order
        self._scroll = 0  # cells the keys are moved left by (the wheel)
        self.updated = 0  # how many times the keys shown changed (tests read it)

    # -- what it shows ---------------------------------------------------------------------------
    def entries(self) -> list[Entry]:
        """The keys to show now, as Footer shows them (first binding of each action), with
        the first keys first and the command palette's key (at the right edge) last."""
        active = self.screen.active_bindings
        by_action: dict[str, Entry] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = Entry(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    enabled,
                    tooltip,
                )
        shown = list(by_action.values())
        first = [entry for key in FIRST_KEYS for entry in shown if entry.key == key]
        entries = first + [entry for entry in shown if entry not in first]
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _, binding, enabled, _ = palette
                entries.append(
                    Entry(
                        binding.key,
                        self.app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        enabled,
                        binding.tooltip or binding.description,
                        "-command-palette",
                    )
                )
        return entries

    def shown(self) -> list[Entry]:
        """The keys the footer shows (those cut at its right edge included)."""
        return list(self._entries)

    def placed(self) -> list[Placed]:
        """Each key shown and where it is: the keys from the left (moved by the wheel), the
        palette's key at the right edge, after its border."""
        width = self.size.width
        keys = [entry for entry in self._entries if not entry.palette]
        palette = [entry for entry in self._entries if entry.palette]
        placed: list[Placed] = []
        if palette:
            entry = palette[0]
            cells = 1 + len(entry.text()) + 1  # the border, the key, its right padding
            placed.append(Placed(entry, width - cells, cells))
        x = -self._scroll
        for entry in keys:
            cells = len(entry.text())
            placed.insert(len(placed) - len(palette), Placed(entry, x, cells))
            x += cells
        return placed

    def key_region(self, key: str) -> Region | None:
        """Where `key` is on the screen, as far as it is shown (None: not in the footer)."""
        for place in self.placed():
            if place.entry.key == key:
                own = Region(place.x, 0, place.width, 1).intersection(self._keys_room(place))
                return own.translate(self.content_region.offset)
        return None

    def _keys_room(self, place: Placed) -> Region:
        """The cells a key may take: the palette's key its own, the others what it leaves."""
        width = self.size.width
        if place.entry.palette:
            return Region(0, 0, width, 1)
        palette = next((p for p in self.placed() if p.entry.palette), None)
        return Region(0, 0, width if palette is None else max(palette.x, 0), 1)

    # -- drawing ---------------------------------------------------------------------------------
    def render(self) -> Text:
        width = self.size.width
        base = self.rich_style
        item = base + self.get_component_rich_style("keys-footer--item", partial=True)
        hover = base + self.get_component_rich_style("keys-footer--hover", partial=True)
        key_style = self.get_component_rich_style("footer-key--key", partial=True)
        description_style = self.get_component_rich_style("footer-key--description", partial=True)
        border_style = self.get_component_rich_style("keys-footer--border")
        line = Text(no_wrap=True, overflow="crop", end="")
        cells: list[tuple[str, Style]] = []  # the keys' row, cell by cell styles run-length
        placed = self.placed()
        palette = next((p for p in placed if p.entry.palette), None)
        room = width if palette is None else max(palette.x, 0)
        for index, place in enumerate(placed):
            entry = place.entry
            if entry.palette:
                continue
            own = hover if index == self.hovered else item
            if not entry.enabled:
                own += Style(dim=True)
            if entry.description:
                cells.append((f" {entry.key_display} ", own + key_style))
                cells.append((f"{entry.description} ", own + description_style))
            else:
                cells.append((entry.key_display, own + key_style))
        start = self._scroll
        taken = 0
        for text, style in cells:  # cut to the keys' room, moved by the wheel
            if start >= len(text):
                start -= len(text)
                continue
            text, start = text[start:], 0
            cut = text[: max(room - taken, 0)]
            if cut and len(cut) < len(text):  # the last key shown in part: "…", not "Rel"
                cut = cut[:-1] + "…"
            text = cut
            if text:
                line.append(text, style)
                taken += len(text)
        if taken < room:
            line.append(" " * (room - taken), base)
        if palette is not None:
            entry = palette.entry
            own = hover if placed.index(palette) == self.hovered else item
            if not entry.enabled:
                own += Style(dim=True)
            line.append(BORDER, border_style)
            line.append(entry.key_display, own + key_style)
            if entry.description:
                line.append(f" {entry.description}", own + description_style)
            line.append(" ", own)
        return line

    # -- keeping up with the bindings ------------------------------------------------------------
    def on_mount(self) -> None:
        # The keys come with the screen's first bindings refresh (as Footer's do): before it,
        # the screen's checks of its actions may look for widgets not mounted yet.
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not screen.app.app_focus:
            return
        if not self.is_attached or screen is not self.screen:
            return
        self._update_keys()

    def _update_keys(self) -> None:
        entries = self.entries()
        if entries == self._entries:
            return
        self._entries = entries
        self._scroll = min(self._scroll, self._max_scroll())
        self.hovered = None
        self.updated += 1
        self.refresh()

    def _watch_show_command_palette(self) -> None:
        if self._entries:  # (the keys come with the first bindings refresh)
            self._update_keys()

    # -- the pointer -----------------------------------------------------------------------------
    def _at(self, x: int) -> int | None:
        """The index (in `placed()`) of the key shown at cell `x`."""
        for index, place in enumerate(self.placed()):
            room = self._keys_room(place)
            if place.x <= x < place.x + place.width and room.x <= x < room.right:
                return index
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._at(event.x)
        if index != self.hovered:
            self.hovered = index
            self.tooltip = self.placed()[index].entry.tooltip or None if index is not None else None

    def on_leave(self, event: events.Leave) -> None:
        self.hovered = None
        self.tooltip = None

    def watch_hovered(self) -> None:
        self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._at(event.x)
        if index is None:
            return
        entry = self.placed()[index].entry
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()

    def _max_scroll(self) -> int:
        keys = sum(len(entry.text()) for entry in self._entries if not entry.palette)
        palette = next((p for p in self.placed() if p.entry.palette), None)
        room = self.size.width if palette is None else max(palette.x, 0)
        return max(keys - room, 0)

    def _on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._scroll_by(SCROLL_STEP, event)

    def _on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._scroll_by(-SCROLL_STEP, event)

    def _scroll_by(self, cells: int, event: events.MouseEvent) -> None:
        scroll = min(max(self._scroll + cells, 0), self._max_scroll())
        if scroll != self._scroll:
            self._scroll = scroll
            self.hovered = None
            self.refresh()
            event.stop()
            event.prevent_default()
