"""Run profiles and source columns in the metadata store (SQLite or PostgreSQL), as JSON per run.

The tables come from migration 0010; one row per run keeps a profile of hundreds of measurements
one round trip to write and read, on a team's PostgreSQL as on the embedded SQLite.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from domain.entities.monitor import SourceColumn
from domain.repositories.run_profiles import RunProfiles
from infrastructure.metadata.queries import named_queries
from infrastructure.metadata.sql_store import SqlMetadataStore


def _metrics(text: Any) -> dict[str, float]:
    """A stored profile; empty for text that is not one (a hand-edited row harms no run)."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return {}
    if not isinstance(value, dict):
        return {}
    return {
        str(k): float(v)
        for k, v in value.items()
        if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
    }


def _columns(text: Any) -> tuple[SourceColumn, ...]:
    try:
        rows = json.loads(text)
        return tuple(SourceColumn(str(f), int(p), str(n), str(t)) for f, p, n, t in rows)
    except (TypeError, ValueError):
        return ()


class SqlRunProfiles(RunProfiles):
    def __init__(self, store: SqlMetadataStore) -> None:
        self._store = store

    def _all(self, query: str, /, **params: Any) -> list[tuple[Any, ...]]:
        with self._store._session() as session:  # the store's own transaction
            return session.run(named_queries("run_profiles.sql")[query], params)

    def save_profile(self, run_id: int, metrics: Mapping[str, float]) -> None:
        finite = {k: v for k, v in metrics.items() if math.isfinite(v)}
        self._all("save_profile", run_id=run_id, metrics=json.dumps(finite, sort_keys=True))

    def save_source_columns(self, run_id: int, columns: Sequence[SourceColumn]) -> None:
        rows = [[c.file_name, c.position, c.name, c.type] for c in columns]
        self._all("save_source_columns", run_id=run_id, columns=json.dumps(rows))

    def profile(self, run_id: int) -> dict[str, float]:
        rows = self._all("profile", run_id=run_id)
        return _metrics(rows[0][0]) if rows else {}

    def published_history(self, run_id: int, runs: int) -> list[dict[str, float]]:
        return [
            _metrics(text) for (text,) in self._all("published_history", run_id=run_id, runs=runs)
        ]

    def source_columns(self, run_id: int) -> tuple[SourceColumn, ...]:
        rows = self._all("source_columns", run_id=run_id)
        return _columns(rows[0][0]) if rows else ()
