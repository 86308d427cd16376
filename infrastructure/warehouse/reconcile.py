"""Source-to-warehouse reconciliation checks, run by the critical quality rule of that kind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from infrastructure.sql_files import sql_file

if TYPE_CHECKING:
    import polars as pl

    from infrastructure.analytics.warehouse_reader import WarehouseReader


def reconciliation_sql() -> str:
    """The checks of reconcile.sql: one row (name, unit, expected, actual) per check."""
    return sql_file("infrastructure.warehouse", "reconcile.sql")


class PublishedReconciliation:
    """The same checks as the gate's, on the published warehouse (its staging keeps every
    source row), for the report: each figure to the cent, passing or not."""

    def __init__(self, warehouse: WarehouseReader) -> None:
        self._warehouse = warehouse

    def __call__(self) -> pl.DataFrame:
        return self._warehouse.sql(reconciliation_sql())
