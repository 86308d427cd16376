"""How a KPI tile reads: its value (R$, %, counts, score) and its change in words."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from workbench.application.kpi_tiles import Tile

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl


def tile_text(tile: Tile) -> str:
    """The tile's value as shown."""
    return format_value(tile.kind.name, tile.value)


def change_text(tile: Tile) -> str:
    """The change versus the previous period, e.g. "▲ 45.4%", "▼ 2.33 pp", "no change"."""
    if not tile.compared:
        return "no date range"
    if tile.shown_change is None:
        return "nothing before"
    return _change(tile, tile.shown_change)


def year_change_text(tile: Tile) -> str:
    """The change versus the same days a year earlier, e.g. "yoy ▲ 3.1%", "yoy —" when there
    is nothing to compare with; empty without a date range."""
    if not tile.year_compared:
        return ""
    if tile.shown_year_change is None:
        return "yoy —"
    return f"yoy {_change(tile, tile.shown_year_change)}"


def _change(tile: Tile, shown: float) -> str:
    if shown == 0:
        return "no change"
    arrow = "▲" if shown > 0 else "▼"
    if tile.kind.name in ("money", "count"):
        return f"{arrow} {abs(shown):.1f}%"
    unit = " pp" if tile.kind.name == "rate" else ""
    return f"{arrow} {abs(shown):.2f}{unit}"


def split_text(tile: Tile, orders: pl.DataFrame | None = None) -> str:
    """What a rate's numerator is made of, e.g. "625 canceled, 609 unavailable": counted among
    the drilled `orders` by their status, or as the tile holds them without orders."""
    if orders is None:
        counts = dict(tile.parts)
    else:
        statuses = orders["order_status"].to_list()
        counts = {part: statuses.count(part) for part, _ in tile.parts}
    return ", ".join(f"{counts[part]:,} {part}" for part, _ in tile.parts)


def format_value(kind: str, value: Any) -> str:
    """A KPI value as shown on a tile: R$ with centavos (millions abbreviated), %, counts."""
    if value is None:
        return "—"
    if kind == "money":
        amount = Decimal(value)
        if abs(amount) >= 1_000_000:
            return f"R$ {amount / 1_000_000:,.2f} M"
        return f"R$ {amount:,.2f}"
    if kind == "count":
        return f"{int(value):,}"
    if kind == "rate":
        return f"{100 * float(value):.1f} %"
    return f"{float(value):.2f}"
