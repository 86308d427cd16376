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
    base: int | None = None  # a rate's denominator: delivered orders (late), orders (canceled)

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
    def shown_change(self) -> float | None:
        """The change rounded as shown: percent (money, count), points (rate), score units."""
        change = self.change
        if change is None:
            return None
        shown = round(100 * change, 1) if self.kind.name in ("money", "count") else change
        return round(shown, 2) + 0.0  # + 0.0: no negative zero

    @property
    def change_text(self) -> str:
        """The change versus the previous period, e.g. "▲ 45.4%", "▼ 2.33 pp", "no change"."""
        if not self.compared:
            return "no date range"
        shown = self.shown_change
        if shown is None:
            return "nothing before"
        if shown == 0:
            return "no change"
        arrow = "▲" if shown > 0 else "▼"
        if self.kind.name in ("money", "count"):
            return f"{arrow} {abs(shown):.1f}%"
        unit = " pp" if self.kind.name == "rate" else ""
        return f"{arrow} {abs(shown):.2f}{unit}"

    @property
    def trend(self) -> str:
        """good, bad or flat: whether the change (as shown) is welcome for this KPI."""
        shown = self.shown_change
        if not shown:
            return "flat"
        return "good" if (shown > 0) == self.kind.higher_is_better else "bad"


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
RATE_BASES = {"late_rate": "delivered_orders", "canceled_rate": "orders"}
CHANGE_COLUMNS = {"money": "change_pct", "count": "change_pct", "rate": "change_pp"}


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
            base=total[RATE_BASES[key]] if key in RATE_BASES else None,
        )
        for key, label, kind in TILES
    )


def tiles_frame(tiles: tuple[Tile, ...]) -> pl.DataFrame:
    """The tiles as a table: exact value, previous value and the change in its own unit.

    change_pct: percent change (money, counts); change_pp: difference in percentage points
    (rates); change_abs: difference in score points (mean review). One of them per row.
    """
    changes: dict[str, list[float | None]] = {"change_pct": [], "change_pp": [], "change_abs": []}
    for tile in tiles:
        column = CHANGE_COLUMNS.get(tile.kind.name, "change_abs")
        change = tile.change
        if change is not None and column == "change_pct":
            change *= 100
        for name, values in changes.items():
            values.append(change if name == column else None)
    return pl.DataFrame(
        {
            "kpi": [tile.key for tile in tiles],
            "label": [tile.label for tile in tiles],
            "value": [_number(tile.value) for tile in tiles],
            "previous": [_number(tile.previous) for tile in tiles],
            **changes,
            "shown": [tile.text for tile in tiles],
            "change_shown": [tile.change_text for tile in tiles],
        },
        schema_overrides={
            "value": pl.Float64,
            "previous": pl.Float64,
            **dict.fromkeys(changes, pl.Float64),
        },
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
