"""How every number, date and yes/no on screen reads: the one place that decides it.

A measure has one format everywhere (tiles, tables, grids, drill-downs, charts' readouts):
money `R$ 1,234.56`, counts `1,234`, rates `6.7 %`, review scores `4.16`, days `12.3`,
timestamps `2018-08-23 19:01`, booleans as words that fit the column (`late` / `on time`).
Tables are formatted column-wise by Polars expressions; a single value goes through the same
expressions, so a tile and a table can never disagree. `compact` shortens a number that does
not fit its room (`1.55M`): never a cut number.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from domain.value_objects.money import BRL, currency_sign

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl


# Decimals and the unit after the number, per kind of measure.
# "percent" is a rate already multiplied by 100 (a chart's late %).
DECIMALS = {"money": 2, "count": 0, "rate": 1, "percent": 1, "score": 2, "days": 1, "number": 2}
PREFIX = {"money": f"{currency_sign(BRL)} "}  # the warehouse holds reais
SUFFIX = {"rate": " %", "percent": " %"}
NUMBER_KINDS = frozenset(DECIMALS)

# Booleans read as words that fit their meaning: column -> (when true, when false).
BOOLEAN_WORDS: dict[str, tuple[str, str]] = {
    "is_late": ("late", "on time"),
    "payment_mismatch": ("mismatch", "matches"),
    "has_no_items": ("no items", "has items"),
    "has_no_payments": ("no payments", "has payments"),
    "is_delivered_with_date": ("delivered", "not delivered"),
    "is_first_order": ("first order", "repeat"),
    "is_translated": ("translated", "untranslated"),
    "is_canceled": ("canceled", "not canceled"),
    "is_unavailable": ("unavailable", "available"),
    "is_not_fulfilled": ("not fulfilled", "fulfilled"),
    "enabled": ("enabled", "disabled"),
    "passed": ("passed", "failed"),
}
YES_NO = ("yes", "no")

# Column names that say which measure a number is (the dtype says the rest).
_RATE = re.compile(r"(_rate|_share|_pct|^m\d+)$")
_SCORE = re.compile(r"(review|score)")
_DAYS = re.compile(r"(days|_days_)")
_MONEY = re.compile(r"(gmv|revenue|price|freight|value|aov|paid|total|amount|monetary|spend)")

NULL_TEXT = "—"


def column_kind(name: str, dtype: pl.DataType) -> str:
    """The kind of what a column holds: money, count, rate, score, days, number, date,
    timestamp, boolean or text."""
    import polars as pl

    if dtype == pl.Boolean:
        return "boolean"
    if isinstance(dtype, pl.Datetime):
        return "timestamp"
    if dtype == pl.Date:
        return "date"
    if isinstance(dtype, pl.Decimal):
        # Money is DECIMAL(18, 2) and its sums keep the 2 decimals; a decimal of none is a sum
        # of integers (DuckDB's sum of BIGINT is a HUGEINT, a Decimal(38, 0) in polars): a count.
        return "count" if dtype.scale == 0 else "money"
    if dtype.is_integer():
        if _SCORE.search(name) and name != "reviewed_orders":
            return "score_int"
        return "count"
    if dtype.is_float():
        if _RATE.search(name):
            return "rate"
        if _SCORE.search(name) and "health" not in name:
            return "score"
        if _DAYS.search(name):
            return "days"
        if _MONEY.search(name):
            return "money"
        return "number"
    return "text"


def format_expr(expr: pl.Expr, kind: str, name: str = "") -> pl.Expr:
    """A String expression showing `expr` as `kind` reads (nulls stay null)."""
    import polars as pl

    if kind == "boolean":
        yes, no = BOOLEAN_WORDS.get(name, YES_NO)
        return pl.when(expr).then(pl.lit(yes)).when(~expr).then(pl.lit(no))
    if kind == "timestamp":
        return expr.dt.strftime("%Y-%m-%d %H:%M")
    if kind == "date":
        return expr.dt.strftime("%Y-%m-%d")
    if kind == "score_int":
        return expr.cast(pl.String)
    if kind not in NUMBER_KINDS:
        return expr.cast(pl.String)
    value = expr.cast(pl.Float64) * (100 if kind == "rate" else 1)
    return _signed(value, DECIMALS[kind], PREFIX.get(kind, ""), SUFFIX.get(kind, ""))


def _signed(value: pl.Expr, decimals: int, prefix: str, suffix: str) -> pl.Expr:
    """`value` with `decimals` fixed decimals and thousands separators, between prefix and
    suffix; the minus sign after the prefix (R$ -12.50), none on a value that rounds to 0.
    A value no 64-bit integer holds once scaled (1e17, inf, NaN: a threshold a teammate stored,
    say) is shown as the float reads (1e17) instead of stopping the whole table."""
    import polars as pl

    scaled = (value.abs() * 10**decimals).round(0).cast(pl.Int64, strict=False)
    text = _grouped(scaled // 10**decimals)
    if decimals:
        fraction = (scaled % 10**decimals).cast(pl.String).str.zfill(decimals)
        text = pl.concat_str(text, pl.lit("."), fraction)
    sign = pl.when((value < 0) & (scaled > 0)).then(pl.lit("-")).otherwise(pl.lit(""))
    shown = pl.concat_str(pl.lit(prefix), sign, text, pl.lit(suffix))
    return (
        pl.when(scaled.is_null() & value.is_not_null())
        .then(pl.concat_str(pl.lit(prefix), value.cast(pl.String), pl.lit(suffix)))
        .otherwise(shown)
    )


COMPACT_KINDS = frozenset({"money", "count", "number"})
# From which size a unit is used, what it divides by, and its decimals.
_UNITS = ((1e4, 1e3, "k", 1), (1e6, 1e6, "M", 2), (1e9, 1e9, "B", 2))


def compact_expr(expr: pl.Expr, kind: str) -> pl.Expr:
    """A number shortened to fit a narrow room: R$ 14.95M, 1.55M, 17.8k (other kinds in full)."""
    import polars as pl

    shown = format_expr(expr, kind)
    if kind not in COMPACT_KINDS:
        return shown
    value = expr.cast(pl.Float64)
    for start, divisor, unit, decimals in _UNITS:
        short = _signed(value / divisor, decimals, PREFIX.get(kind, ""), unit)
        shown = pl.when(value.abs() >= start).then(short).otherwise(shown)
    return shown


def _grouped(integer: pl.Expr) -> pl.Expr:
    """A non-negative integer with thousands separators: 1551349 -> "1,551,349"."""
    import polars as pl

    digits = integer.cast(pl.String).str.reverse()
    return digits.str.extract_all(r"\d{1,3}").list.join(",").str.reverse()


def format_value(kind: str, value: Any, name: str = "") -> str:
    """One value as `kind` reads: the very expressions tables use, on a one-row frame."""
    try:
        return _value_text(kind, value, name, False)
    except TypeError:  # a value that cannot be a cache key (a list): evaluated as it is
        return _one(value, kind, lambda column: format_expr(column, kind, name))


# A value's text depends only on its kind, its name, the value and its type (typed: 1, 1.0
# and True are told apart, as the expressions tell them apart): remembered, as a chart's ticks
# and a tile's figures are read again on every drawing, at a polars query each.
@functools.lru_cache(maxsize=4096, typed=True)
def _value_text(kind: str, value: Any, name: str, short: bool) -> str:
    if short:
        return _one(value, kind, lambda column: compact_expr(column, kind))
    return _one(value, kind, lambda column: format_expr(column, kind, name))


def _one(value: Any, kind: str, shown: Callable[[pl.Expr], pl.Expr]) -> str:
    import polars as pl

    if value is None:
        return NULL_TEXT
    series = pl.Series("v", [value])
    if kind in NUMBER_KINDS and not (series.dtype.is_numeric()):
        series = series.cast(pl.Float64)
    text = pl.DataFrame([series]).select(shown(pl.col("v"))).item()
    return NULL_TEXT if text is None else str(text)


def format_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Every column of `frame` as text, each in its measure's format (nulls stay null)."""
    import polars as pl

    return frame.select(
        format_expr(pl.col(name), column_kind(name, dtype), name).alias(name)
        for name, dtype in frame.schema.items()
    )


def compact(kind: str, value: Any) -> str:
    """One value shortened as tables shorten it (see compact_expr)."""
    try:
        return _value_text(kind, value, "", True)
    except TypeError:
        return _one(value, kind, lambda column: compact_expr(column, kind))


def compact_together(kind: str, values: Sequence[float]) -> list[str]:
    """Values read side by side (a legend's class edges) shortened to one unit, the one the
    largest gets alone: R$ 4.2k, R$ 9.4k, R$ 24.4k, not R$ 4,238.01, R$ 9,406.16, R$ 24.4k; with
    more decimals where two different values would read alike. A value smaller than one of
    that unit keeps its own form (900, not 0.00M)."""
    own = [compact(kind, value) for value in values]
    top = max((abs(value) for value in values), default=0.0)
    units = [unit for unit in _UNITS if top >= unit[0]]
    if kind not in COMPACT_KINDS or not units:
        return own
    _, divisor, unit, decimals = units[-1]
    prefix = PREFIX.get(kind, "")
    shown = own
    for places in range(decimals, decimals + 3):
        shown = [
            f"{prefix}{value / divisor:,.{places}f}{unit}" if abs(value) >= divisor else text
            for value, text in zip(values, own, strict=True)
        ]
        if len(set(shown)) == len(set(values)):
            break
    return shown


def fits(kind: str, value: Any, width: int) -> str:
    """The value in full when it fits `width` cells, else compact."""
    full = format_value(kind, value)
    return full if len(full) <= width else compact(kind, value)


# How a change reads: relative (in %) for money and counts, in points for a rate, as is for a score.
CHANGE_DECIMALS = {"money": 1, "count": 1, "rate": 2}
CHANGE_SUFFIX = {"money": "%", "count": "%", "rate": " pp"}


def change(kind: str, shown: float) -> str:
    """A tile's change of a `kind` value: "▲ 45.4%", "▼ 2.33 pp", "▲ 0.12", or "no change"."""
    if shown == 0:
        return "no change"
    arrow = "▲" if shown > 0 else "▼"
    decimals, suffix = CHANGE_DECIMALS.get(kind, 2), CHANGE_SUFFIX.get(kind, "")
    amount = _one(abs(shown), "number", lambda column: _signed(column, decimals, "", suffix))
    return f"{arrow} {amount}"


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`1 order`, `2 orders`, `1,234 orders` (counts with separators)."""
    word = noun if count == 1 else (many or f"{noun}s")
    return f"{format_value('count', count)} {word}"
