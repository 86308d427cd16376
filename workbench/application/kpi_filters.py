"""The dashboards' filters and drill-downs, as values bound into the kpi_* queries as parameters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from domain.errors import InvalidValue
from domain.value_objects.brazil import UF_CODES
from domain.value_objects.date_range import DateRange
from workbench.application.kpi_tiles import Tile

# Purchase days a filter may name: wide for any export, narrow enough that the comparison period
# just before a range (as long as the range) is still a date.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def parse_day(text: str | date | None, what: str) -> date | None:
    """A YYYY-MM-DD day, or None for an empty value; InvalidValue names what was wrong."""
    if text is None:
        return None
    if isinstance(text, date):
        day = text
    elif not text.strip():
        return None
    else:
        try:
            day = date.fromisoformat(text.strip())
        except ValueError:
            raise InvalidValue(
                f"{what} {text.strip()!r} is not a day: write it as YYYY-MM-DD"
            ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidValue(
            f"{what} {day.isoformat()} is out of range: give a day from {FIRST_DAY} to {LAST_DAY}"
        )
    return day


GRAINS = ("day", "week", "month")  # of the executive series; a week starts on Monday

Choice = str | Iterable[str] | None  # one value, values separated by commas, or several of them


def split_values(given: Choice) -> tuple[str, ...]:
    """The distinct non-empty values, in order, of "SP,RJ", ["SP", "RJ"] or ["SP,RJ", "MG"]."""
    if given is None:
        return ()
    texts = [given] if isinstance(given, str) else list(given)
    values = (value.strip() for text in texts for value in text.split(","))
    return tuple(dict.fromkeys(value for value in values if value))


def parse_states(given: Choice) -> tuple[str, ...]:
    """Brazilian UF codes (any case); () for none, which means every state."""
    codes = []
    for value in split_values(given):
        code = value.upper()
        if code not in UF_CODES:
            raise InvalidValue(f"{value!r} is not a Brazilian state: use a UF code such as SP")
        codes.append(code)
    return tuple(dict.fromkeys(codes))


def parse_grain(text: str | None) -> str:
    """day, week or month (the default)."""
    grain = (text or "month").strip().lower()
    if grain not in GRAINS:
        raise InvalidValue(f"grain {text!r} is not one of {', '.join(GRAINS)}")
    return grain


def year_before(day: date) -> date:
    """The same calendar day a year earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Filters:
    """Purchase days, customer states and categories the dashboards look at; None or () means
    everything. An order passes with any of the states and an item of any of the categories."""

    period: DateRange | None = None
    states: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()

    def params(self) -> dict[str, Any]:
        """The four filter parameters every kpi_* query takes (NULL = no filter)."""
        return {
            "date_from": self.period.start if self.period else None,
            "date_to": self.period.end if self.period else None,
            "states": list(self.states) or None,
            "categories": list(self.categories) or None,
        }

    def previous(self) -> Filters | None:
        """The same filters over the period of equal length just before; None without a period."""
        if self.period is None:
            return None
        end = self.period.start - timedelta(days=1)
        return replace(self, period=DateRange(end - timedelta(days=self.period.days - 1), end))

    def year_ago(self) -> Filters | None:
        """The same filters over the same days a year earlier; None without a period."""
        if self.period is None:
            return None
        return replace(
            self, period=DateRange(year_before(self.period.start), year_before(self.period.end))
        )

    def describe(self) -> str:
        period = f"{self.period.start} → {self.period.end}" if self.period else "all dates"
        return " · ".join(
            (period, _values("state", self.states), _values("category", self.categories))
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
        states = (self.state,) if self.state else base.states
        categories = (self.category,) if self.category else base.categories
        return Filters(period, states, categories)

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


def _values(what: str, values: tuple[str, ...]) -> str:
    if not values:
        return f"{what} all"
    plural = "categories" if what == "category" else f"{what}s"
    return f"{what if len(values) == 1 else plural} {', '.join(values)}"


def period_range(start: date, grain: str) -> DateRange:
    """The days of the day, week (from Monday `start`) or month starting at `start`."""
    if grain == "day":
        return DateRange(start, start)
    if grain == "week":
        return DateRange(start, start + timedelta(days=6))
    return month_range(start)


def month_range(month: date) -> DateRange:
    """The days of the calendar month holding `month`."""
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return DateRange(first, following - timedelta(days=1))


def _intersection(one: DateRange, other: DateRange) -> DateRange:
    if not one.overlaps(other):
        raise InvalidValue(f"{other.start} → {other.end} lies outside {one.start} → {one.end}")
    return DateRange(max(one.start, other.start), min(one.end, other.end))
