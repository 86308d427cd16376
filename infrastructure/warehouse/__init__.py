"""DuckDB warehouse: SQL models built from a source in dependency order."""

from infrastructure.warehouse.builder import (
    BuildCancelled,
    BuildResult,
    WarehouseBuilder,
    connect,
)

__all__ = [
    "BuildCancelled",
    "BuildResult",
    "WarehouseBuilder",
    "connect",
]
