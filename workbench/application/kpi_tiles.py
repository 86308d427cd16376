"""Executive tiles: each KPI of a period with its change versus the period just before."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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
    base: int | None = None  # a rate's denominator: delivered orders (late), orders (not fulfilled)
    parts: tuple[tuple[str, int], ...] = ()  # what the numerator is made of, e.g. canceled

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
    ("not_fulfilled_rate", "Not fulfilled", BAD_RATE),
)
RATE_BASES = {"late_rate": "delivered_orders", "not_fulfilled_rate": "orders"}
# The parts a rate's numerator adds up from, by their kpi_monthly count columns: not fulfilled
# orders are the canceled plus the unavailable ones, shown split wherever they are counted.
RATE_PARTS = {
    "not_fulfilled_rate": (("canceled", "canceled_orders"), ("unavailable", "unavailable_orders"))
}


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
            parts=tuple((part, total[column]) for part, column in RATE_PARTS.get(key, ())),
        )
        for key, label, kind in TILES
    )
