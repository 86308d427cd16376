"""Two data dirs on one metadata store (a team's PostgreSQL, or one SQLite file) keep their
histories apart: each run records its warehouse, and "newer snapshot" and the volume rules
compare only runs of the same warehouse."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from domain.entities.ingestion_run import RunStatus
from infrastructure.metadata.queries import migrations
from infrastructure.metadata.sql_store import split_statements
from workbench.application.config import load_settings
from workbench.container import Container, build_container


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared_store(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, object]:
    if request.param == "sqlite":
        return {"sqlite_path": tmp_path / "team.sqlite"}
    dsn = request.getfixturevalue("pg_clean")
    reseed_rules(dsn)
    return {"metadata_dsn": dsn}


def reseed_rules(dsn: str) -> None:
    """pg_clean empties the seeded rules too: put the migrations' rules back."""
    with psycopg.connect(dsn, autocommit=True) as connection:
        if not connection.execute("SELECT to_regclass('quality_rules')").fetchone()[0]:
            return  # a fresh database: the store's migrations seed them
        for migration in migrations("postgres"):
            if migration.version >= 2 and "quality_rules" in migration.sql:
                for statement in split_statements(migration.sql):
                    connection.execute(statement)


@pytest.fixture
def two_data_dirs(
    tmp_path: Path, shared_store: dict[str, object]
) -> Iterator[tuple[Container, Container]]:
    containers = tuple(
        build_container(
            load_settings({"data_dir": tmp_path / name, **shared_store}, env={}, config_file=None)
        )
        for name in ("alice", "bob")
    )
    try:
        yield containers[0], containers[1]
    finally:
        for container in containers:
            container.shutdown_resources()


def test_each_data_dir_sees_only_its_own_runs(
    two_data_dirs: tuple[Container, Container], small_source: Path
) -> None:
    alice, bob = two_data_dirs
    first = alice.ingestion().ingest(small_source)
    bobs = bob.ingestion().ingest(small_source)
    third = alice.ingestion().ingest(small_source)
    assert (first.run_id, bobs.run_id, third.run_id) == (1, 2, 3)
    assert all(o.status is RunStatus.SUCCEEDED for o in (first, bobs, third))

    # Bob's status line does not call Alice's later run a newer snapshot of his warehouse.
    bob_status = bob.status().current()
    assert bob_status.published is not None and bob_status.published.run_id == 2
    assert "newer" not in bob_status.describe() and "#3" not in bob_status.describe()
    alice_status = alice.status().current().describe()
    assert alice_status.startswith("snapshot run #3 ") and "newer" not in alice_status

    # Alice's volume rules compared run 3 with her run 1, never with Bob's run 2.
    store = alice.metadata_store()
    alices = [r.message for r in store.results_for_run(3)]
    assert any("compared with run #1" in m for m in alices)
    assert not any("run #2" in m for m in alices)
    bobs_messages = [r.message for r in store.results_for_run(2)]
    assert any("no previous published run" in m for m in bobs_messages)
    assert not any("compared with run" in m for m in bobs_messages)
    # Re-checking Bob's published warehouse records for his run, not for Alice's later one.
    assert bob.quality().recheck().run_id == 2
    recorded = {run.run_id: run.warehouse_id for run in store.list_runs()}
    assert recorded[1] == recorded[3] == alice.settings().warehouse_id
    assert recorded[2] == bob.settings().warehouse_id != recorded[1]
