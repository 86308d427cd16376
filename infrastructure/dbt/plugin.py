"""The dbt-duckdb plugin of the dbt project (profiles.yml names it): it gives every connection
dbt opens what the builder sets up before its models run, from the same code."""

from __future__ import annotations

from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin

from domain.value_objects.purchase_window import DEFAULT_TOLERANCE_DAYS
from infrastructure.warehouse.reference_data import create_reference_tables, set_reference_variables


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        days = plugin_config.get("purchase_tolerance_days", DEFAULT_TOLERANCE_DAYS)
        self._purchase_tolerance_days = int(days)

    def configure_connection(self, conn: Any) -> None:
        """Once per run, on the warehouse file: the reference table the models join."""
        create_reference_tables(conn)
        set_reference_variables(conn, self._purchase_tolerance_days)

    def configure_cursor(self, cursor: Any) -> None:
        """On each cursor (a DuckDB connection of its own): the variables and temp rule macros."""
        set_reference_variables(cursor, self._purchase_tolerance_days)
