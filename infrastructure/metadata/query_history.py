"""The SQL console's history and saved queries, in the metadata store (SQLite or PostgreSQL).

The tables come from migration 0008; the statements are those of query_history.sql, run in the
store's own transactions, so the history is shared by everyone on the same PostgreSQL store.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.repositories.query_history import QueryRecord, SavedQuery
from infrastructure.metadata.queries import named_queries
from infrastructure.metadata.sql_store import SqlMetadataStore


def _iso(value: datetime) -> str:
    return value.isoformat(sep=" ", timespec="microseconds")


def _ts(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


class SqlQueryHistory:
    def __init__(self, store: SqlMetadataStore) -> None:
        self._store = store

    def _all(self, query: str, /, **params: Any) -> list[tuple[Any, ...]]:
        with self._store._session() as session:  # the store's own transaction
            return session.run(named_queries("query_history.sql")[query], params)

    def record(self, entry: QueryRecord) -> int:
        rows = self._all(
            "record_query",
            sql_text=entry.sql,
            ran_at=_iso(entry.ran_at),
            ran_by=entry.ran_by,
            duration_ms=entry.duration_ms,
            row_count=entry.rows,
            error=entry.error,
            warehouse_id=entry.warehouse_id,
        )
        return int(rows[0][0])

    def search(self, text: str, limit: int, warehouse_id: str = "") -> list[QueryRecord]:
        return [
            QueryRecord(
                sql=sql_text,
                ran_at=_ts(ran_at),
                ran_by=ran_by,
                duration_ms=float(duration_ms),
                rows=None if row_count is None else int(row_count),
                error=error,
                warehouse_id=warehouse,
                query_id=int(query_id),
            )
            for query_id, sql_text, ran_at, ran_by, duration_ms, row_count, error, warehouse in (
                self._all("search_queries", text=text, limit=limit, warehouse_id=warehouse_id)
            )
        ]

    def save(self, query: SavedQuery) -> None:
        self._all(
            "save_query",
            name=query.name,
            sql_text=query.sql,
            saved_by=query.saved_by,
            saved_at=_iso(query.saved_at),
        )

    def saved(self) -> list[SavedQuery]:
        return [
            SavedQuery(name, sql_text, saved_by, _ts(saved_at))
            for name, sql_text, saved_by, saved_at in self._all("list_saved_queries")
        ]

    def delete(self, name: str) -> bool:
        return bool(self._all("delete_saved_query", name=name))
