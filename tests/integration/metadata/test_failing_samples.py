"""Failing rows kept per run and rule (migration 0011), on SQLite and the real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.entities.quality import FailingSample, RuleStatus, Severity
from domain.repositories.metadata_store import MetadataStore, QualityResultRecord
from infrastructure.metadata.postgres_store import PostgresMetadataStore
from infrastructure.metadata.sqlite_store import SqliteMetadataStore


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MetadataStore]:
    if request.param == "sqlite":
        opened: MetadataStore = SqliteMetadataStore(tmp_path / "meta.sqlite")
    else:
        opened = PostgresMetadataStore(request.getfixturevalue("pg_clean"))
    yield opened
    opened.close()


def _failed(run_id: int, sample: FailingSample | None) -> QualityResultRecord:
    return QualityResultRecord(
        run_id, "r.x", RuleStatus.FAIL, 2, Severity.ERROR, ("a",), 1.0, "", sample
    )


def test_migration_0011_is_recorded(store: MetadataStore) -> None:
    assert store.schema_version() >= 11


def test_each_run_keeps_its_own_failing_rows_and_a_recheck_replaces_them(
    store: MetadataStore,
) -> None:
    first, second = store.start_run("a", "", "h", 1), store.start_run("b", "", "h", 1)
    old = FailingSample(("order_id", "price"), (("o1", "1.50"), ("o2", None)))
    new = FailingSample(("order_id", "price"), (("o9", "<b>&amp;</b>"),))
    store.save_results([_failed(first, old)])
    store.save_results([_failed(second, new)])
    assert store.failing_sample(first, "r.x") == old  # a newer run leaves it as it was
    assert store.failing_sample(second, "r.x") == new

    store.save_results([_failed(second, None)])  # re-checked: the result's rows go with it
    assert store.failing_sample(second, "r.x") is None
    assert store.failing_sample(first, "r.x") == old
    assert store.failing_sample(first, "no.such.rule") is None
