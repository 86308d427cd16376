"""Executive tiles: each KPI of a period with its change versus the period just before and
versus the same days a year earlier (year over year)."""

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
    year_ago: Any = None  # the figure over the same days a year earlier
    year_compared: bool = False  # False: no period, so no year-over-year comparison

    @property
    def change(self) -> float | None:
        """Relative change (money, count) or difference (rate in points, score) vs the period
        just before."""
        return self._change(self.previous) if self.compared else None

    @property
    def year_change(self) -> float | None:
        """The change versus the same days a year earlier, measured as `change` is."""
        return self._change(self.year_ago) if self.year_compared else None

    @property
    def shown_change(self) -> float | None:
        """The change rounded as shown: percent (money, count), points (rate), score units."""
        return self._shown(self.change)

    @property
    def shown_year_change(self) -> float | None:
        return self._shown(self.year_change)

    @property
    def trend(self) -> str:
        """good, bad or flat: whether the change (as shown) is welcome for this KPI."""
        return self._trend(self.shown_change)

    @property
    def year_trend(self) -> str:
        return self._trend(self.shown_year_change)

    def _change(self, reference: Any) -> float | None:
        if self.value is None or reference is None:
            return None
        if self.kind.name in ("money", "count"):
            return None if reference == 0 else float(self.value / reference) - 1
        scale = 100 if self.kind.name == "rate" else 1
        return scale * (float(self.value) - float(reference))

    def _shown(self, change: float | None) -> float | None:
        if change is None:
            return None
        shown = round(100 * change, 1) if self.kind.name in ("money", "count") else change
        return round(shown, 2) + 0.0  # + 0.0: no negative zero

    def _trend(self, shown: float | None) -> str:
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


def tiles_of(
    total: dict[str, Any], previous: dict[str, Any] | None, year_ago: dict[str, Any] | None = None
) -> tuple[Tile, ...]:
    """The tiles from the total row of kpi_monthly, and those of the previous period and of the
    same days a year earlier if any."""
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
            year_ago=year_ago[key] if year_ago else None,
            year_compared=year_ago is not None,
        )
        for key, label, kind in TILES
    )
