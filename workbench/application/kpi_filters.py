"""The dashboards' filters and drill-downs, as values bound into the kpi_* queries as parameters."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from domain.errors import InvalidValue
from domain.value_objects.brazil import UF_CODES
from domain.value_objects.date_range import DateRange
from workbench.application.kpi_tiles import Tile


def parse_day(text: str | date | None, what: str) -> date | None:
    """A YYYY-MM-DD day, or None for an empty value; InvalidValue names what was wrong."""
    if text is None or isinstance(text, date):
        return text
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue(
            f"{what} {text.strip()!r} is not a day: write it as YYYY-MM-DD"
        ) from None


def parse_state(text: str | None) -> str | None:
    """A Brazilian UF code (any case), or None for an empty value."""
    if text is None or not text.strip():
        return None
    code = text.strip().upper()
    if code not in UF_CODES:
        raise InvalidValue(f"{text.strip()!r} is not a Brazilian state: use a UF code such as SP")
    return code


@dataclass(frozen=True)
class Filters:
    """Purchase days, customer state and category the dashboards look at; None = everything."""

    period: DateRange | None = None
    state: str | None = None
    category: str | None = None

    def params(self) -> dict[str, Any]:
        """The four filter parameters every kpi_* query takes (NULL = no filter)."""
        return {
            "date_from": self.period.start if self.period else None,
            "date_to": self.period.end if self.period else None,
            "state": self.state,
            "category": self.category,
        }

    def previous(self) -> Filters | None:
        """The same filters over the period of equal length just before; None without a period."""
        if self.period is None:
            return None
        end = self.period.start - timedelta(days=1)
        return replace(self, period=DateRange(end - timedelta(days=self.period.days - 1), end))

    def describe(self) -> str:
        period = f"{self.period.start} → {self.period.end}" if self.period else "all dates"
        return " · ".join(
            (period, f"state {self.state or 'all'}", f"category {self.category or 'all'}")
        )

    @property
    def is_empty(self) -> bool:
        return self == Filters()


@dataclass(frozen=True)
class Drill:
    """What a tile, row or bar narrows the filtered orders to, to list the orders behind it.

    `subset` is one of sales, canceled, not_fulfilled (canceled + unavailable), delivered, late,
    on_time, reviewed, new; `days` a delivery-days bucket [from, to) (to None: open); `any_date`
    drops the period (cohorts);
    `tile` the executive tile drilled from, whose figure the orders must add up to.
    """

    title: str
    period: DateRange | None = None
    state: str | None = None
    category: str | None = None
    seller_id: str | None = None
    seller_state: str | None = None
    cohort_month: date | None = None
    days: tuple[int, int | None] | None = None
    subset: str | None = None
    any_date: bool = False
    tile: Tile | None = field(default=None, compare=False)

    def filters(self, base: Filters) -> Filters:
        """The base filters narrowed by this drill-down."""
        period = None if self.any_date else base.period
        if self.period is not None:
            period = self.period if period is None else _intersection(period, self.period)
        return Filters(period, self.state or base.state, self.category or base.category)

    def params(self) -> dict[str, Any]:
        """The narrowing parameters of the kpi_drill_orders query."""
        return {
            "seller_id": self.seller_id,
            "seller_state": self.seller_state,
            "cohort_month": self.cohort_month,
            "days_from": self.days[0] if self.days else None,
            "days_to": self.days[1] if self.days else None,
            "subset": self.subset,
        }


def month_range(month: date) -> DateRange:
    """The days of the calendar month holding `month`."""
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return DateRange(first, following - timedelta(days=1))


def _intersection(one: DateRange, other: DateRange) -> DateRange:
    if not one.overlaps(other):
        raise InvalidValue(f"{other.start} → {other.end} lies outside {one.start} → {one.end}")
    return DateRange(max(one.start, other.start), min(one.end, other.end))
