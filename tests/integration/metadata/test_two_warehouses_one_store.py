"""Two data dirs on one metadata store (a team's PostgreSQL, or one SQLite file) keep their
histories apart: each run records its warehouse, and "newer snapshot", the volume rules, the
quality trend and flips, the runs listing and the segment migration use only runs of the same
warehouse. Runs interleave (Alice #1, Bob #2, Alice #3) so any of them mixing warehouses fails."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from domain.entities.ingestion_run import RunStatus
from domain.errors import InvalidValue
from domain.repositories.metadata_store import SegmentSize
from infrastructure.metadata.queries import migrations
from infrastructure.metadata.sql_store import split_statements
from workbench.application.config import load_settings
from workbench.commands import list_runs
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


FLIPPING = "reviews.one_per_order"  # fails on the small source (11 orders with two reviews)


@pytest.fixture
def interleaved(
    two_data_dirs: tuple[Container, Container], small_source: Path
) -> tuple[Container, Container]:
    """Alice #1 (FLIPPING passes: threshold above its failures), Bob #2 and Alice #3 (it fails)."""
    alice, bob = two_data_dirs
    alice.quality().edit_rule(FLIPPING, threshold=1_000)
    assert alice.ingestion().ingest(small_source).run_id == 1
    alice.quality().edit_rule(FLIPPING, threshold=0)
    assert bob.ingestion().ingest(small_source).run_id == 2
    assert alice.ingestion().ingest(small_source).run_id == 3
    return alice, bob


def test_quality_trend_and_flips_follow_only_this_warehouses_runs(
    interleaved: tuple[Container, Container],
) -> None:
    alice, bob = interleaved
    assert alice.quality().report().run_ids == (1, 3)
    assert bob.quality().report().run_ids == (2,)
    # Alice's rule passed in her run 1 and fails in her run 3; Bob's run 2 (failing) in between
    # would hide that flip if her flips compared the store's last two checked runs.
    flips = alice.quality().flips()
    assert [(f.rule_id, f.previous_run, f.run) for f in flips] == [(FLIPPING, 1, 3)]
    assert bob.quality().flips() == ()  # one run of his own: nothing to flip from
    trend = next(r for r in alice.quality().report().rules if r.rule.rule_id == FLIPPING).trend
    assert len(trend) == 2 and trend[0] == "·"


def test_runs_lists_this_warehouses_runs_unless_asked_for_all(
    interleaved: tuple[Container, Container], capsys: pytest.CaptureFixture[str]
) -> None:
    alice, bob = interleaved
    assert [r.run_id for r in alice.run_history().recent()] == [3, 1]
    assert [r.run_id for r in bob.run_history().recent()] == [2]
    assert [r.run_id for r in bob.run_history().recent(every_warehouse=True)] == [3, 2, 1]

    assert list_runs(bob) == 0
    shown = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in shown[1:]] == ["#2"]
    assert "warehouse" not in shown[0]

    assert list_runs(bob, every_warehouse=True) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert "warehouse" in header
    owners = {alice.settings().warehouse_id: "alice", bob.settings().warehouse_id: "bob"}
    named = [(row.split()[0], next(o for w, o in owners.items() if w in row)) for row in rows]
    assert named == [("#3", "alice"), ("#2", "bob"), ("#1", "alice")]


def test_segment_migration_compares_only_this_warehouses_runs(
    interleaved: tuple[Container, Container],
) -> None:
    alice, bob = interleaved
    assert alice.segments().snapshot_runs() == [3, 1]
    assert bob.segments().snapshot_runs() == [2]
    migration = alice.segments().migration()
    assert migration is not None and (migration.previous_run, migration.current_run) == (1, 3)
    assert bob.segments().migration() is None  # no earlier run of his own to compare with
    with pytest.raises(InvalidValue, match="run #1 has no stored segment snapshot"):
        bob.segments().migration(previous_run=1, current_run=2)


def test_pruning_segment_assignments_keeps_each_warehouses_newest(
    two_data_dirs: tuple[Container, Container],
) -> None:
    alice, _ = two_data_dirs
    store = alice.metadata_store()
    owners = ["a", "b", "a", "a", "b"]
    runs = [store.start_run("src", "fp", "host", 1, warehouse_id=w) for w in owners]
    for run_id in runs:
        store.save_segment_snapshot(run_id, [SegmentSize("Champions", 1, "1.00")], [("c", "x")])
    assert store.prune_segment_assignments(keep=1, warehouse_id="a") == 2
    assert store.segment_snapshot_runs(warehouse_id="a") == [runs[3]]
    assert store.segment_snapshot_runs(warehouse_id="b") == [runs[4], runs[1]]
    assert store.segment_snapshot_runs() == [runs[4], runs[3], runs[1]]


@pytest.mark.parametrize("name", ["", "nightly-olist"])
def test_a_named_warehouse_keeps_its_history_when_its_data_dir_moves(
    tmp_path: Path, shared_store: dict[str, object], small_source: Path, name: str
) -> None:
    """Runs are this warehouse's by its identity: by default its host and file path, so a data
    dir moved (or a host renamed, as a container is at each start) begins a new history;
    `warehouse_name` keeps one across the move: its runs, its published run, its volume rules
    compared with the run before."""

    def container_at(data_dir: Path) -> Container:
        flags = {"data_dir": data_dir, "warehouse_name": name, **shared_store}
        return build_container(load_settings(flags, env={}, config_file=None))

    before = container_at(tmp_path / "old-place")
    try:
        assert before.ingestion().ingest(small_source).published
    finally:
        before.shutdown_resources()
    (tmp_path / "old-place").rename(tmp_path / "new-place")
    moved = container_at(tmp_path / "new-place")
    try:
        history = [run.run_id for run in moved.run_history().recent()]
        assert history == ([1] if name else [])
        second = moved.ingestion().ingest(small_source)
        assert second.published and second.run_id == 2
        messages = [result.message for result in moved.metadata_store().results_for_run(2)]
        compared = [message for message in messages if "compared with run #1" in message]
        assert bool(compared) == bool(name), messages
    finally:
        moved.shutdown_resources()
