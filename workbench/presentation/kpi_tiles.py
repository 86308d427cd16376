"""How a KPI tile reads: its value (R$, %, counts, score) and its change in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.application.kpi_tiles import Tile
from workbench.presentation.formats import change, fits, format_value

# The tile kinds in the words of formats.py (a tile's "score" is the mean review).
KIND_OF_TILE = {"score": "score"}

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl


def tile_text(tile: Tile, room: int | None = None) -> str:
    """The tile's value as shown: in full, or shortened (R$ 14.95M) if it does not fit `room`."""
    kind = KIND_OF_TILE.get(tile.kind.name, tile.kind.name)
    if room is None:
        return format_value(kind, tile.value)
    return fits(kind, tile.value, room)


def change_text(tile: Tile) -> str:
    """The change versus the previous period, e.g. "▲ 45.4%", "▼ 2.33 pp", "no change"; empty
    without a date range (the KPI screen's view bar says once why nothing is compared)."""
    if not tile.compared:
        return ""
    if tile.shown_change is None:
        return "nothing before"
    return change(tile.kind.name, tile.shown_change)


def year_change_text(tile: Tile) -> str:
    """The change versus the same days a year earlier, e.g. "yoy ▲ 3.1%", "yoy —" when there
    is nothing to compare with; empty without a date range."""
    if not tile.year_compared:
        return ""
    if tile.shown_year_change is None:
        return "yoy —"
    return f"yoy {change(tile.kind.name, tile.shown_year_change)}"


def split_text(tile: Tile, orders: pl.DataFrame | None = None) -> str:
    """What a rate's numerator is made of, e.g. "625 canceled, 609 unavailable": counted among
    the drilled `orders` by their status, or as the tile holds them without orders."""
    if orders is None:
        counts = dict(tile.parts)
    else:
        statuses = orders["order_status"].to_list()
        counts = {part: statuses.count(part) for part, _ in tile.parts}
    return ", ".join(f"{format_value('count', counts[part])} {part}" for part, _ in tile.parts)
