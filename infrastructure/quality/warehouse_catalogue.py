"""The identifiers a rule may name: tables and columns that exist in the checked warehouse.

Rules come from the metadata store, so their model and column names are untrusted text: each one is
looked up here and only the warehouse's own spelling, double-quoted, ever reaches the SQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.entities.quality import RuleCheckFailed
from infrastructure.sql_files import Sql, UnknownIdentifier, identifier


class RuleDefinitionError(RuleCheckFailed):
    """A stored rule names something the warehouse lacks, or misses a parameter."""


@dataclass(frozen=True)
class WarehouseCatalogue:
    columns_by_table: dict[str, dict[str, str]]  # lower-case name -> {lower-case column: column}
    table_names: dict[str, str]  # lower-case name -> name
    estimated_rows: dict[str, int]  # lower-case name -> rows (0 for views)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, int]]) -> WarehouseCatalogue:
        """Build from (table_name, column_name, rows) rows, as catalogue.sql returns them."""
        columns: dict[str, dict[str, str]] = {}
        names: dict[str, str] = {}
        sizes: dict[str, int] = {}
        for table, column, rows_estimate in rows:
            names[table.lower()] = table
            sizes[table.lower()] = rows_estimate
            columns.setdefault(table.lower(), {})[column.lower()] = column
        return cls(columns, names, sizes)

    def size(self, name: str) -> int:
        """Estimated rows of a table (0 when unknown): bigger checks are started first."""
        return self.estimated_rows.get(name.lower(), 0)

    def name(self, table: object) -> str:
        """The warehouse's own spelling of an existing table or view."""
        if not isinstance(table, str) or table.lower() not in self.table_names:
            raise RuleDefinitionError(f"the warehouse has no table or view {table!r}")
        return self.table_names[table.lower()]

    def table(self, name: object) -> Sql:
        """The quoted name of an existing table or view."""
        try:
            return identifier(name, self.table_names.values(), "table or view")
        except UnknownIdentifier:
            raise RuleDefinitionError(f"the warehouse has no table or view {name!r}") from None

    def column(self, table: str, name: object) -> Sql:
        """The quoted name of an existing column of `table`."""
        known = self.columns_by_table[self.name(table).lower()]
        try:
            return identifier(name, known.values(), f"column of {table}")
        except UnknownIdentifier:
            raise RuleDefinitionError(f"{table} has no column {name!r}") from None
