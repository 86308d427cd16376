"""The SQL console's history and saved queries, as the metadata store keeps them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class QueryRecord:
    """One query run from the console or `workbench sql`: rows when it answered, else error."""

    sql: str
    ran_at: datetime
    ran_by: str
    duration_ms: float
    rows: int | None
    error: str
    warehouse_id: str = ""
    query_id: int = 0

    @property
    def outcome(self) -> str:
        if self.error:
            return f"error: {self.error}"
        return f"{self.rows:,} rows" if self.rows is not None else "cancelled"


@dataclass(frozen=True)
class SavedQuery:
    """A named query, shared by everyone on the same metadata store."""

    name: str
    sql: str
    saved_by: str
    saved_at: datetime
