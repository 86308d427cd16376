"""The operations records of the metadata store (migration 0009): snapshot checksums taken at
publish, and every alert delivery attempt. Both dialects run the same named queries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.entities.operations import AlertAttempt, SnapshotChecksum
from domain.repositories.metadata_store import MetadataStore
from infrastructure.metadata.queries import named_queries
from infrastructure.metadata.sql_store import SqlMetadataStore


def _now() -> str:
    return datetime.now().isoformat(sep=" ", timespec="microseconds")


def _ts(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


class OperationsLog:
    """Checksums and alert deliveries, kept in the metadata store beside the runs."""

    def __init__(self, store: MetadataStore) -> None:
        if not isinstance(store, SqlMetadataStore):
            raise TypeError(f"the operations log needs a SQL metadata store, not {store!r}")
        self._store = store

    def _run(self, query: str, **params: Any) -> list[tuple[Any, ...]]:
        with self._store._session() as session:
            return session.run(named_queries("operations.sql")[query], params)

    def record_checksum(self, checksum: SnapshotChecksum, warehouse_id: str) -> None:
        self._run(
            "record_checksum",
            run_id=checksum.run_id,
            warehouse_id=warehouse_id,
            sha256=checksum.sha256,
            size_bytes=checksum.size_bytes,
            recorded_at=_now(),
        )

    def checksums(self, warehouse_id: str = "") -> dict[int, SnapshotChecksum]:
        rows = self._run("checksums", warehouse_id=warehouse_id)
        return {
            int(run_id): SnapshotChecksum(int(run_id), sha, int(size), _ts(at))
            for run_id, sha, size, at in rows
        }

    def record_delivery(self, attempt: AlertAttempt) -> None:
        self._run(
            "record_delivery",
            alert_key=attempt.alert_key,
            kind=attempt.kind,
            severity=attempt.severity,
            run_id=attempt.run_id,
            warehouse_id=attempt.warehouse_id,
            summary=attempt.summary,
            notifier=attempt.notifier,
            attempt=attempt.attempt,
            ok=attempt.ok,
            detail=attempt.detail,
            attempted_at=_now(),
        )

    def deliveries(self, limit: int = 50, warehouse_id: str = "") -> list[AlertAttempt]:
        rows = self._run("deliveries", limit=limit, warehouse_id=warehouse_id)
        return [
            AlertAttempt(
                key,
                kind,
                severity,
                None if run_id is None else int(run_id),
                summary,
                notifier,
                int(attempt),
                bool(ok),
                detail,
                _ts(at),
            )
            for _, key, kind, severity, run_id, summary, notifier, attempt, ok, detail, at in rows
        ]
