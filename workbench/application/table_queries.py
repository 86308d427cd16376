"""The query behind a table on screen: the statement the service that loaded the table ran, and
the values it bound, so the SQL console can open it with those values written in as literals.

A table the service built in Python from several queries (a pivot, a join with the domain's
rules, an order's domain objects) has no one statement behind it: it has a reason instead, which
the screen tells the analyst.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TableQuery:
    """The statement behind a table: its name (the query file), its SQL with `$name`
    placeholders and the values bound to them."""

    name: str
    sql: str
    params: Mapping[str, Any] = field(default_factory=dict)


class NoQueryBehind(Exception):
    """The table was not read by one statement; the message says why (what it was built from)."""


def query_behind(
    queries: Mapping[str, TableQuery], table: str, reasons: Mapping[str, str]
) -> TableQuery:
    """The query behind `table` among `queries`, else NoQueryBehind with its reason."""
    if table in queries:
        return queries[table]
    raise NoQueryBehind(reasons.get(table, "it is not read from the warehouse by one query"))
