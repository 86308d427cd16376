"""Segment snapshots stored on publish and the migration matrix, on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from domain.errors import InvalidValue
from domain.events.dispatcher import EventDispatcher
from infrastructure.analytics.snapshot_reader import open_snapshot
from infrastructure.metadata.sqlite_store import SqliteMetadataStore
from workbench.application.config import load_settings
from workbench.application.segment_figures import segment_summary
from workbench.application.segment_migration import GONE, NEW, migration_counts
from workbench.application.segment_snapshots import SegmentSnapshotRecorder
from workbench.container import Container, build_container

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"
U2_CANCELED_ORDER = "ad000000000000000000000000000005,cd000000000000000000000000000005,canceled,"


def person(number: int) -> str:
    return ("3e" if number == 3 else "ee") + f"{number:030d}"


@pytest.fixture
def changed_source(tmp_path: Path) -> Path:
    """The fixture with U2's canceled order O5 delivered after all: U2 now has two orders."""
    copy = tmp_path / "changed"
    shutil.copytree(FIXTURE, copy, ignore=shutil.ignore_patterns("*.md"))
    orders = copy / "olist_orders_dataset.csv"
    data = orders.read_bytes()
    assert data.count(U2_CANCELED_ORDER.encode()) == 1
    orders.write_bytes(
        data.replace(
            U2_CANCELED_ORDER.encode(), U2_CANCELED_ORDER.replace("canceled", "delivered").encode()
        )
    )
    return copy


@pytest.fixture(params=["sqlite", "postgres"])
def container(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Container]:
    flags: dict[str, object] = {"data_dir": tmp_path / "data"}
    if request.param == "postgres":
        flags["metadata_dsn"] = request.getfixturevalue("pg_clean")
    built = build_container(load_settings(flags, env={}, config_file=None))
    yield built
    built.shutdown_resources()


def mart_segments(warehouse: Path) -> dict[str, str]:
    with duckdb.connect() as con:
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(warehouse)])
        return dict(
            con.sql("SELECT customer_unique_id, segment FROM w.mart_customer_rfm").fetchall()
        )


def test_each_publish_stores_its_segments_and_the_migration_counts_moves(
    container: Container, changed_source: Path
) -> None:
    first = container.ingestion().ingest(FIXTURE)
    store = container.metadata_store()
    assert store.segment_assignments(first.run_id) == mart_segments(
        container.settings().warehouse_path
    )
    sizes = {
        size.segment: (size.customers, size.revenue) for size in store.segment_sizes(first.run_id)
    }
    assert sizes["Lost"] == (2, "208.25")
    assert sum(customers for customers, _ in sizes.values()) == 10
    assert container.segments().migration() is None  # nothing to compare with yet

    second = container.ingestion().ingest(changed_source)
    container.warehouse().reload()
    before, after = (
        store.segment_assignments(first.run_id),
        store.segment_assignments(second.run_id),
    )
    assert before[person(2)] == "Lost" and after[person(2)] != "Lost"

    kept = store.segment_migration(first.run_id, second.run_id)  # counted on publish
    assert kept == {pair: n for pair, n in migration_counts(before, after).items() if n}
    migration = container.segments().migration()
    assert migration is not None
    assert (migration.previous_run, migration.current_run) == (first.run_id, second.run_id)
    matrix = {row["from \\ to"]: row for row in migration.matrix.iter_rows(named=True)}
    for customer, segment in before.items():
        assert matrix[segment][after[customer]] >= 1
    moves = sum(1 for customer in before if before[customer] != after[customer])
    assert migration.moved == moves > 0
    assert migration.stayed == 10 - moves
    assert (migration.new, migration.gone) == (0, 0)
    assert matrix[NEW][GONE] == 0
    assert container.segments().migration(previous_run=second.run_id, current_run=first.run_id)
    assert store.segment_migration(second.run_id, first.run_id) == {  # kept once compared
        pair: n for pair, n in migration_counts(after, before).items() if n
    }
    with pytest.raises(InvalidValue, match="no stored segment snapshot"):
        container.segments().migration(previous_run=999)


def test_only_the_newest_assignments_are_kept(tmp_path: Path) -> None:
    store = SqliteMetadataStore(tmp_path / "meta.sqlite")
    events = EventDispatcher()
    recorder = SegmentSnapshotRecorder(store, events, open_snapshot, keep=2)
    settings = load_settings({"data_dir": tmp_path / "data"}, env={}, config_file=None)
    container = build_container(settings)
    try:
        container.ingestion().ingest(FIXTURE)
        warehouse = settings.warehouse_path
        runs = [store.start_run("x", "", "h", 1) for _ in range(3)]
        for run_id in runs:
            recorder.record(run_id, warehouse)
        assert store.segment_snapshot_runs() == runs[:0:-1]
        assert store.segment_assignments(runs[0]) == {}
        assert store.segment_sizes(runs[0])  # sizes of every run stay
    finally:
        container.shutdown_resources()
        store.close()


def test_the_stored_sizes_are_the_summary_the_segmentation_screen_shows(tmp_path: Path) -> None:
    """The recorder reads plain rows; the screen's summary (a frame) lists the same segments with
    customers, with the same revenue to the cent."""
    settings = load_settings({"data_dir": tmp_path / "data"}, env={}, config_file=None)
    container = build_container(settings)
    try:
        run = container.ingestion().ingest(FIXTURE)
        with open_snapshot(settings.warehouse_path) as queries:
            summary = segment_summary(queries)
        shown = [
            (row["segment"], row["customers"], f"{row['revenue']:.2f}")
            for row in summary.iter_rows(named=True)
            if row["customers"] > 0
        ]
        stored = container.metadata_store().segment_sizes(run.run_id)
        assert sorted((s.segment, s.customers, s.revenue) for s in stored) == sorted(shown)
        assert len(shown) > 2
    finally:
        container.shutdown_resources()


INGEST_IN_A_FRESH_PROCESS = """
import sys
from pathlib import Path
from workbench.application.config import load_settings
from workbench.container import build_container

container = build_container(load_settings({"data_dir": Path(sys.argv[1])}, env={}))
assert container.ingestion().ingest(Path(sys.argv[2])).published
container.shutdown_resources()
print(sorted(name for name in ("polars", "pyarrow", "numpy") if name in sys.modules))
"""


def test_an_ingest_loads_neither_polars_nor_arrow(tmp_path: Path) -> None:
    """Importing them costs ~0.4 s of CPU, a tenth of an ingest at scale 1: nothing the ingest
    does (build, gate, publish, segment snapshot) needs a frame. Counting the migration from
    the run before (the second ingest) loads numpy alone (~0.17 s)."""
    data = str(tmp_path / "data")
    for ingest, loaded in ((1, "[]"), (2, "['numpy']")):
        done = subprocess.run(
            [sys.executable, "-c", INGEST_IN_A_FRESH_PROCESS, data, str(FIXTURE)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout.strip().splitlines()[-1] == loaded, f"ingest {ingest}"
