"""DuckDB warehouse: SQL models built from a source in dependency order, and reconciliation."""

from infrastructure.warehouse.builder import (
    BuildCancelled,
    BuildResult,
    WarehouseBuilder,
    connect,
)
from infrastructure.warehouse.reconcile import (
    ReconciliationCheck,
    ReconciliationResult,
    reconcile,
    table_row_counts,
)

__all__ = [
    "BuildCancelled",
    "BuildResult",
    "ReconciliationCheck",
    "ReconciliationResult",
    "WarehouseBuilder",
    "connect",
    "reconcile",
    "table_row_counts",
]
