"""DuckDB warehouse: SQL models built from a source in dependency order, and reconciliation."""

from infrastructure.warehouse.builder import (
    BUILD_STEPS,
    BuildCancelled,
    BuildResult,
    StepCallback,
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
    "BUILD_STEPS",
    "BuildCancelled",
    "BuildResult",
    "ReconciliationCheck",
    "ReconciliationResult",
    "StepCallback",
    "WarehouseBuilder",
    "connect",
    "reconcile",
    "table_row_counts",
]
