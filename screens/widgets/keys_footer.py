"""The footer of every screen: help (`?`) and quit (`q`) come first, so a narrow terminal that
cannot show every key still shows the two a user needs to find the others and to leave."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

FIRST_KEYS = ("question_mark", "q")


class KeysFooter(Footer):
    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        first = [
            widget
            for key in FIRST_KEYS
            for widget in widgets
            if getattr(widget, "key", None) == key  # a FooterKey
        ]
        yield from first
        yield from (widget for widget in widgets if widget not in first)
