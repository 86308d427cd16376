"""Bound parameters written into a statement as DuckDB literals, for the SQL console's "query
behind this table": the analyst gets the statement a screen ran, with its filters as values to
read and change.

A literal reads back as the value bound would have: the same value and the same type (a Python
float is a DOUBLE, not the DECIMAL `0.1` would be; a date a DATE; a list a list). Only the
project's own statements and the values its services bound get here, never a user's text as SQL.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from infrastructure.sql_files import Sql, placeholders, render


def inlined(sql: str, params: Mapping[str, Any]) -> str:
    """`sql` with each `$name` placeholder (outside quotes and comments) replaced by the literal
    of `params[name]`; parameters the statement does not use are ignored."""
    missing = placeholders(sql) - set(params)
    if missing:
        raise KeyError(f"no value for the placeholders {sorted(missing)}")
    return render(sql, **{name: Sql(literal(params[name])) for name in placeholders(sql)})


def literal(value: Any) -> str:
    """One value as a DuckDB literal of the type DuckDB binds it as."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return _integer(value)
    if isinstance(value, float):
        return _double(value)
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, datetime):  # before date: a datetime is a date too
        kind = "TIMESTAMP" if value.tzinfo is None else "TIMESTAMPTZ"
        return f"{kind} {_string(value.isoformat(sep=' '))}"
    if isinstance(value, date):
        return f"DATE {_string(value.isoformat())}"
    if isinstance(value, time):
        return f"TIME {_string(value.isoformat())}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    raise TypeError(f"no DuckDB literal for a {type(value).__name__} parameter: {value!r}")


def _integer(value: int) -> str:
    """DuckDB reads -2147483648 as -(2147483648), a BIGINT; bound, it is an INTEGER."""
    for kind, bits in (("INTEGER", 32), ("BIGINT", 64)):
        if value == -(2 ** (bits - 1)):
            return f"CAST({value} AS {kind})"
    return str(value)


def _string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _double(value: float) -> str:
    if math.isnan(value):
        return "'nan'::DOUBLE"
    if math.isinf(value):
        return "'inf'::DOUBLE" if value > 0 else "'-inf'::DOUBLE"
    return f"{value!r}::DOUBLE"


def _decimal(value: Decimal) -> str:
    """A DECIMAL of the width and scale DuckDB binds a Decimal with (its digits as written;
    a fraction with leading zeros, 0.05, one more than its scale)."""
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # NaN or infinity: no DECIMAL holds them
        raise TypeError(f"no DuckDB literal for the decimal {value}")
    scale = max(-exponent, 0)
    if exponent >= 0:
        width = len(digits) + exponent
    else:
        width = len(digits) if len(digits) >= scale else scale + 1
    return f"{value:f}::DECIMAL({width}, {scale})"
