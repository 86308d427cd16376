"""The SQL console's history and saved queries on SQLite and on the real PostgreSQL
(migration 0008): recorded, searched newest first, shared by name."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from domain.repositories.query_history import QueryRecord, SavedQuery
from infrastructure.metadata.postgres_store import PostgresMetadataStore
from infrastructure.metadata.query_history import SqlQueryHistory
from infrastructure.metadata.sql_store import SqlMetadataStore
from infrastructure.metadata.sqlite_store import SqliteMetadataStore


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlMetadataStore]:
    if request.param == "sqlite":
        opened: SqlMetadataStore = SqliteMetadataStore(tmp_path / "meta.sqlite")
    else:
        opened = PostgresMetadataStore(request.getfixturevalue("pg_clean"))
    yield opened
    opened.close()


def test_migration_0008_applied(store: SqlMetadataStore) -> None:
    assert store.schema_version() >= 8


def test_history_recorded_and_searched(store: SqlMetadataStore) -> None:
    history = SqlQueryHistory(store)
    when = datetime(2026, 12, 5, 1, 2, 3, 456789)
    history.record(QueryRecord("select 1", when, "ana", 1.5, 1, "", "w1"))
    history.record(
        QueryRecord("SELECT nope FROM fct_orders", when, "bo", 2.0, None, "Binder Error", "w1")
    )
    history.record(QueryRecord("select 100% -- odd", when, "ana", 0.5, 3, "", "w2"))
    found = history.search("FCT_orders", 10)
    assert [(q.sql, q.ran_by, q.rows, q.error) for q in found] == [
        ("SELECT nope FROM fct_orders", "bo", None, "Binder Error")
    ]
    assert found[0].ran_at == when and found[0].duration_ms == 2.0
    assert history.search("select", 10)[0].sql == "select 100% -- odd"  # newest
    assert [q.sql for q in history.search("", 10, "w1")] == [
        "SELECT nope FROM fct_orders",
        "select 1",
    ]
    assert len(history.search("", 2)) == 2


def test_saved_queries_by_name(store: SqlMetadataStore) -> None:
    history = SqlQueryHistory(store)
    when = datetime(2026, 12, 5, 1, 0)
    history.save(SavedQuery("late by state", "select 1", "ana", when))
    history.save(SavedQuery("late by state", "select 2", "bo", when))  # replaced
    history.save(SavedQuery("aov", "select 3", "ana", when))
    assert [(q.name, q.sql, q.saved_by) for q in history.saved()] == [
        ("aov", "select 3", "ana"),
        ("late by state", "select 2", "bo"),
    ]
    assert history.delete("aov") and not history.delete("aov")
