"""The footer of every screen: help (`?`) and quit (`q`) come first, so a narrow terminal that
cannot show every key still shows the two a user needs to find the others and to leave.

Textual's Footer recomposes itself (every key removed, built, styled and laid out again) each
time the bindings are refreshed, which the screens do on every load (the cancel key shows only
while one runs) and on every focus change. This footer keeps what it shows as a list of
entries: when the bindings are refreshed and the entries are the same, nothing happens; keys
shown in place of others keep their widgets, which are told what to show; keys beyond those
are shown by spare keys kept hidden (a key no longer shown becomes one); only when none is
left is a key mounted. Mounting a key (or recomposing) takes a layout and a frame of its own
after the frame that shows what changed the keys.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from screens.widgets.layout_ahead import settle

FIRST_KEYS = ("question_mark", "q")
SPARE_KEYS = 8  # hidden keys composed with the footer: a table and a map add 7 keys


class Entry(NamedTuple):
    """One key as the footer shows it."""

    key: str
    key_display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    classes: str = ""


BLANK = Entry("", "", "", "", False, "")  # what a hidden spare key says: nothing, disabled


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._entries: list[Entry] = []  # what the keys mounted show, in their order
        self._keys: list[FooterKey] = []  # shown, in order
        self._spares: list[FooterKey] = []  # hidden, shown in place of a new key
        self._recomposing = False
        self._update_pending = False
        self.composed = 0  # how many times the keys were composed (once per screen)
        self.restyled = 0  # how many keys changed look, enabled or not (tests read it)

    def entries(self) -> list[Entry]:
        """The keys to show now, as Footer shows them (first binding of each action), with
        the first keys first and the command palette's key (docked right) last."""
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

    def _key(self, entry: Entry) -> FooterKey:
        key = FooterKey(
            entry.key,
            entry.key_display,
            entry.description,
            entry.action,
            disabled=not entry.enabled,
            tooltip=entry.tooltip,
            classes=entry.classes,
        )
        if not entry.classes:  # as Footer does: the palette's key keeps its own style
            key.set_reactive(FooterKey.compact, self.compact)
            key.set_class(self.compact, "-compact", update=False)
        return key

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self._recomposing = False
        self.composed += 1
        self._entries = self.entries()
        self._keys = [self._key(entry) for entry in self._entries]
        self._spares = [self._spare() for _ in range(SPARE_KEYS)]
        yield from self._keys
        yield from self._spares

    def reserve(self, keys: int) -> None:
        """Room for `keys` keys without mounting one when they are shown: spare keys mounted
        (hidden) now. A screen calls it while a load runs whose answer moves the focus to
        where more keys are shown (the Explorer's id box has 4, a table 18): a key mounted
        with the answer took a layout and a frame of its own after the answer's."""
        missing = keys - len(self._keys) - len(self._spares)
        if missing > 0 and self.is_mounted and self._keys:
            spares = [self._spare() for _ in range(missing)]
            self._spares.extend(spares)
            self.mount_all(spares)

    def _spare(self) -> FooterKey:
        key = self._key(BLANK)
        key.display = False
        return key

    def _watch_compact(self, compact: bool) -> None:
        for key in [*self._keys, *self._spares]:
            if not key.has_class("-command-palette"):
                key.compact = compact

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if not self.is_attached or screen is not self.screen:
            return
        if not self._keys:  # the first keys: as Footer does, after the first frame, once
            if not self._recomposing:
                self._recomposing = True
                self.call_after_refresh(self.recompose)
            return
        if not self._update_pending:
            # One update after a burst of refreshes, once the messages in hand are handled:
            # in the frame that shows what changed the keys (after the next refresh, it took a
            # frame of its own, and its layout one more).
            self._update_pending = True
            self.call_later(self._update_keys)

    def _update_keys(self) -> None:
        self._update_pending = False
        if not self.is_attached or self._recomposing:
            return  # a recompose under way shows the keys of its time
        old, new = self._entries, self.entries()
        if new == old:
            return
        same = 0  # the common start, then the common end, of the old and new keys
        while same < min(len(old), len(new)) and old[same] == new[same]:
            same += 1
        end = 0
        while end < min(len(old), len(new)) - same and old[-1 - end] == new[-1 - end]:
            end += 1
        gone, added = old[same : len(old) - end], new[same : len(new) - end]
        if not self._keys:
            self._recomposing = True
            self.call_after_refresh(self.recompose)
            return
        slots = self._keys[same : same + len(gone)]
        # A key in the place of another shows it: the widget is kept, only what it says
        # changes (a new key is mounted and styled, which cost more than the whole frame).
        kept: list[FooterKey] = []
        for key, entry in zip(slots, added, strict=False):
            if entry.classes or key.has_class("-command-palette"):
                break  # the palette's key keeps a style of its own: not reused
            kept.append(key)
        for key, entry in zip(kept, added, strict=False):
            self._retarget(key, entry)
        for key in slots[len(kept) :]:
            if key.has_class("-command-palette"):
                key.remove()  # styled apart: shows nothing else
                continue
            self._retarget(key, BLANK)  # a click before the next layout does nothing
            key.display = False
            self._spares.append(key)
        following = self._keys[same + len(gone) :]
        shown, mounted = self._place(added[len(kept) :], following[0] if following else None)
        self._keys[same : same + len(gone)] = kept + shown
        if mounted:
            if following:
                self.mount_all(mounted, before=following[0])
            else:
                self.mount_all(mounted)
            # A mount takes a frame of its own anyway: spares for the next time, in the same.
            spares = [self._spare() for _ in range(SPARE_KEYS - len(self._spares))]
            self._spares.extend(spares)
            self.mount_all(spares)
        self._entries = new
        if not mounted and self.size.width:
            # The keys shown now, and the footer, get the sizes the next layout gives them:
            # without them, every key that says something else asks for a layout of its own
            # (a frame after the one that shows it).
            settle(self, self.size)

    def _place(
        self, entries: list[Entry], before: FooterKey | None
    ) -> tuple[list[FooterKey], list[FooterKey]]:
        """Keys for `entries`, placed before `before` (else last): spare keys told what to
        show, then new keys (returned apart too: to be mounted)."""
        shown: list[FooterKey] = []
        mounted: list[FooterKey] = []
        for entry in entries:
            if self._spares and not entry.classes:
                key = self._spares.pop()
                self._retarget(key, entry)
                key.display = True
                if before is not None:
                    self.move_child(key, before=before)
                else:
                    self.move_child(key, after=self.children[-1])
            else:
                key = self._key(entry)
                mounted.append(key)
            shown.append(key)
        return shown, mounted

    def _retarget(self, key: FooterKey, entry: Entry) -> None:
        """`key` shows `entry` (what `_key` would have built for it)."""
        key.key, key.key_display = entry.key, entry.key_display
        key.description, key.action = entry.description, entry.action
        key._disabled = not entry.enabled  # what a click on it checks
        # A key hidden (a spare) keeps its look: a class changed is a restyle of the key, and
        # one the next key shown in it would undo (the focus moving between a box and a
        # table hid and showed 14 keys: 28 restyles, about 20 ms).
        if entry is not BLANK and key.has_class("-disabled") == entry.enabled:
            key.set_class(not entry.enabled, "-disabled")
            self.restyled += 1
        key.tooltip = entry.tooltip or None
        key.refresh(layout=True)
