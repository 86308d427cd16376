"""How the repositories reach the warehouse: named .sql files run through the warehouse reader.

The reader (`infrastructure.analytics.warehouse_reader.WarehouseReader`) opens its connection per
call, so repositories follow a snapshot reload without being rebuilt.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any, Protocol

import polars as pl


class SqlWarehouse(Protocol):
    """Anything that runs a SQL statement with named `$params` and returns a Polars frame."""

    def sql(self, sql: str, params: Mapping[str, Any] | None = None) -> pl.DataFrame: ...


@cache
def query_text(name: str) -> str:
    return resources.files(__package__).joinpath("queries", f"{name}.sql").read_text("utf-8")


def run_query(warehouse: SqlWarehouse, name: str, **params: Any) -> pl.DataFrame:
    """Run queries/<name>.sql with the given named parameters."""
    return warehouse.sql(query_text(name), params)


def search_ids(warehouse: SqlWarehouse, query: str, prefix: str, limit: int) -> list[str]:
    """Ids completing `prefix` (ascending) from the named completion query; none for no prefix."""
    if not prefix or limit < 1:
        return []
    frame = run_query(warehouse, query, prefix=prefix, limit=limit)
    return [str(value) for value in frame["id"]]
