"""How the repositories reach the warehouse: named .sql files run through the warehouse reader.

The reader (`infrastructure.analytics.warehouse_reader.WarehouseReader`) opens its connection per
call, so repositories follow a snapshot reload without being rebuilt. Rows come back as tuples in
the column order of each query: an aggregate needs a few hundred values at most, and building a
Polars frame for them cost more than the query itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Protocol

from infrastructure.sql_files import identifier, render, sql_file

Row = tuple[Any, ...]


class SqlWarehouse(Protocol):
    """Anything that runs a SQL statement with named `$params` and returns its rows as tuples."""

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]: ...


class FactKey(StrEnum):
    """The column an aggregate's facts are looked up by: always one equality on one column, so
    DuckDB filters while scanning. The facts are stored in order_id order (one order reads one
    row group); a person's orders are spread over the file, so they are found by customer_key,
    an integer that is several times faster to compare than a 32-character id, and their items,
    payments and reviews by the orders' ids as well (only the row groups holding them are read)."""

    ORDER = "order_id"
    PERSON = "customer_key"


def query_text(name: str) -> str:
    """The text of repositories/queries/<name>.sql."""
    return sql_file("infrastructure.repositories", f"queries/{name}.sql")


def run_query(warehouse: SqlWarehouse, name: str, **params: Any) -> list[Row]:
    """Run queries/<name>.sql with the given named parameters."""
    return warehouse.rows(query_text(name), params)


def run_fact_query(
    warehouse: SqlWarehouse,
    name: str,
    key: FactKey,
    value: object,
    params: Mapping[str, Any] | None = None,
) -> list[Row]:
    """Run queries/<name>.sql, whose filter reads `where $key_column = $key`, for one key value
    (and the query's other named `params`)."""
    column = identifier(key.value, [k.value for k in FactKey], "fact key column")
    sql = render(query_text(name), key_column=column)
    return warehouse.rows(sql, {**(params or {}), "key": value})


def search_ids(warehouse: SqlWarehouse, query: str, prefix: str, limit: int) -> list[str]:
    """Ids completing `prefix` (ascending) from the named completion query; none for no prefix."""
    if not prefix or limit < 1:
        return []
    return [str(row[0]) for row in run_query(warehouse, query, prefix=prefix, limit=limit)]
