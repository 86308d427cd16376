"""What a user sees on the screen, read from the widgets shown: notifications and footer keys."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.geometry import Region


def notifications(app: App[Any], severity: str | None = None) -> list[str]:
    """The text (title and message) of each notification on screen, of `severity` if given."""
    selector = "Toast" if severity is None else f"Toast.-{severity}"
    return [toast.render().plain for toast in app.screen.query(selector)]


def footer(app: App[Any]) -> str:
    """The footer's keys and their descriptions, as one line."""
    return " · ".join(key.render().plain for key in app.screen.query("FooterKey"))


def lines(widget: Any) -> list[str]:
    """The text of each line a widget shows now, as rendered at its current size."""
    width, height = widget.size
    return [strip.text for strip in widget.render_lines(Region(0, 0, width, height))]
