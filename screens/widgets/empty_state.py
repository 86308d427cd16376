"""The calm line a screen shows while no warehouse snapshot has been published yet."""

from __future__ import annotations

from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from domain.errors import WarehouseNotPublished
from screens.services import NEEDS_SNAPSHOT, services

NO_SNAPSHOT = "No snapshot published yet: ingest on screen 1, or run `workbench --demo`."


def empty_state_text(node: DOMNode, missing: WarehouseNotPublished) -> str:
    """The standard line when nothing was published; otherwise the reader's own words."""
    if not services(node).settings().warehouse_path.exists():
        return NO_SNAPSHOT
    return str(missing)


class EmptyState(Static):
    """Shown (by the screen class `-no-snapshot`) in place of a screen's figures."""

    DEFAULT_CLASSES = "empty-state"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(NO_SNAPSHOT, id=id, markup=False)


def show_no_snapshot(screen: Screen[object], missing: WarehouseNotPublished) -> None:
    """Put `screen` in its "no snapshot" state: its EmptyState shows in place of its figures
    (a screen without one says it once, as information)."""
    text = empty_state_text(screen, missing)
    states = screen.query(EmptyState)
    if not states:
        screen.notify(text, title="No snapshot", markup=False)
    for state in states:
        state.update(text)
    screen.add_class("-no-snapshot")
    for part in screen.query(f".{NEEDS_SNAPSHOT}"):  # hidden by CSS; disabled: no focus, keys
        part.disabled = True
    screen.refresh_bindings()  # a screen may offer fewer keys without a snapshot
