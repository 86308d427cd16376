"""Executive tiles: each KPI of a period with its change versus the period just before."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import polars as pl


@dataclass(frozen=True)
class TileKind:
    """How a KPI is shown and compared: money and counts by % change, rates in points."""

    name: str  # money, count, rate, score
    higher_is_better: bool = True


@dataclass(frozen=True)
class Tile:
    key: str  # the column of kpi_monthly it shows
    label: str
    kind: TileKind
    value: Any
    previous: Any = None
    compared: bool = False  # False: no previous period to compare with

    @property
    def text(self) -> str:
        return format_value(self.kind.name, self.value)

    @property
    def change(self) -> float | None:
        """Relative change (money, count) or difference (rate in points, score)."""
        if not self.compared or self.value is None or self.previous is None:
            return None
        if self.kind.name in ("money", "count"):
            return None if self.previous == 0 else float(self.value / self.previous) - 1
        scale = 100 if self.kind.name == "rate" else 1
        return scale * (float(self.value) - float(self.previous))

    @property
    def change_text(self) -> str:
        if not self.compared:
            return "no date range"
        change = self.change
        if change is None:
            return "nothing before"
        arrow = "▲" if change > 0 else "▼" if change < 0 else "="
        if self.kind.name in ("money", "count"):
            return f"{arrow} {change:+.1%} vs prev."
        unit = " pp" if self.kind.name == "rate" else ""
        return f"{arrow} {change:+.2f}{unit} vs prev."

    @property
    def trend(self) -> str:
        """good, bad or flat: whether the change is welcome for this KPI."""
        change = self.change
        if not change:
            return "flat"
        return "good" if (change > 0) == self.kind.higher_is_better else "bad"


MONEY, COUNT, SCORE = TileKind("money"), TileKind("count"), TileKind("score")
BAD_RATE = TileKind("rate", higher_is_better=False)

TILES: tuple[tuple[str, str, TileKind], ...] = (
    ("gmv", "GMV", MONEY),
    ("orders", "Orders", COUNT),
    ("aov", "AOV", MONEY),
    ("customers", "Customers", COUNT),
    ("new_customers", "New customers", COUNT),
    ("avg_review_score", "Mean review", SCORE),
    ("late_rate", "Late deliveries", BAD_RATE),
    ("canceled_rate", "Cancellations", BAD_RATE),
)


def tiles_of(total: dict[str, Any], previous: dict[str, Any] | None) -> tuple[Tile, ...]:
    """The tiles from the total row of kpi_monthly, and that of the previous period if any."""
    return tuple(
        Tile(
            key,
            label,
            kind,
            total[key],
            previous[key] if previous else None,
            compared=previous is not None,
        )
        for key, label, kind in TILES
    )


def tiles_frame(tiles: tuple[Tile, ...]) -> pl.DataFrame:
    """The tiles as a table: exact value, previous value, change and its text."""
    return pl.DataFrame(
        {
            "kpi": [tile.key for tile in tiles],
            "label": [tile.label for tile in tiles],
            "value": [_number(tile.value) for tile in tiles],
            "previous": [_number(tile.previous) for tile in tiles],
            "change": [tile.change for tile in tiles],
            "shown": [tile.text for tile in tiles],
            "change_shown": [tile.change_text for tile in tiles],
        },
        schema_overrides={"value": pl.Float64, "previous": pl.Float64, "change": pl.Float64},
    )


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


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
