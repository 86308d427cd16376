"""Source-to-warehouse reconciliation: the critical check; any difference blocks publishing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import duckdb

from infrastructure.sql_files import quote_identifier, sql_file


@dataclass(frozen=True)
class ReconciliationCheck:
    name: str
    unit: str  # "rows" or "BRL"
    expected: Decimal  # from staging, i.e. exactly what the source files hold
    actual: Decimal  # in the warehouse facts

    @property
    def passed(self) -> bool:
        return self.expected == self.actual


@dataclass(frozen=True)
class ReconciliationResult:
    checks: tuple[ReconciliationCheck, ...]
    row_counts: Mapping[str, int]  # every table of the warehouse

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    @property
    def failures(self) -> tuple[ReconciliationCheck, ...]:
        return tuple(check for check in self.checks if not check.passed)


def reconciliation_sql() -> str:
    """The checks of reconcile.sql: one row (name, unit, expected, actual) per check."""
    return sql_file("infrastructure.warehouse", "reconcile.sql")


def reconcile(con: duckdb.DuckDBPyConnection) -> ReconciliationResult:
    """Compare row counts and money totals (to the cent) between staging and the facts."""
    sql = reconciliation_sql()
    checks = tuple(
        ReconciliationCheck(name, unit, _amount(expected, unit), _amount(actual, unit))
        for name, unit, expected, actual in con.execute(sql).fetchall()
    )
    return ReconciliationResult(checks, table_row_counts(con))


def _amount(value: Decimal, unit: str) -> Decimal:
    return Decimal(int(value)) if unit == "rows" else value


def table_row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Exact row count of every permanent table in the current database, by name."""
    names = con.execute(
        "SELECT table_name FROM duckdb_tables() "
        "WHERE NOT temporary AND database_name = current_database() ORDER BY table_name"
    ).fetchall()
    counts: dict[str, int] = {}
    for (name,) in names:
        # The names come from the database's own catalogue.
        row = con.execute(f"SELECT count(*) FROM {quote_identifier(name)}").fetchone()
        counts[name] = int(row[0]) if row else 0
    return counts
