"""Source-to-warehouse reconciliation checks, run by the critical quality rule of that kind."""

from __future__ import annotations

from infrastructure.sql_files import sql_file


def reconciliation_sql() -> str:
    """The checks of reconcile.sql: one row (name, unit, expected, actual) per check."""
    return sql_file("infrastructure.warehouse", "reconcile.sql")
