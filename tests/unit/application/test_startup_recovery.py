"""The recovery step of the publish protocol, and the status line it keeps truthful."""

from __future__ import annotations

import os
import socket
from datetime import datetime

from fakes import FakeMetadataStore
from ingestion_fakes import FakeSnapshots

from domain.entities.ingestion_run import IngestionRun, RunStatus
from domain.events.dispatcher import EventDispatcher
from domain.events.pipeline import RunFailed
from workbench.application.recovery import DIED_RUNNING, StartupRecovery
from workbench.application.status import LoadedSnapshot, StatusInfo

HERE = socket.gethostname()
DEAD = 2**22 + 12345  # above Linux's default pid_max: never alive
MINE, THEIRS = f"{HERE}:/alice/warehouse.duckdb", f"{HERE}:/bob/warehouse.duckdb"


def recovery(
    store: FakeMetadataStore, stamp: dict[str, str], busy: bool = False
) -> StartupRecovery:
    snapshots = FakeSnapshots()
    snapshots.stamp = stamp
    snapshots.busy = busy  # a live run of this data dir holds its ingestion lock
    return StartupRecovery(store, snapshots, lambda alive: 0, MINE)


def publishing(store: FakeMetadataStore, pid: int = DEAD, warehouse: str = MINE) -> int:
    run_id = store.start_run("/data/olist", "f", HERE, pid, warehouse)
    store.mark_publishing(run_id, "/alice/warehouse.duckdb", datetime(2018, 9, 3), {"o": 1})
    return run_id


def test_a_dead_run_whose_snapshot_is_in_the_file_is_recorded_published() -> None:
    store = FakeMetadataStore()
    run = publishing(store)

    recovered = recovery(store, {"run_id": str(run), "warehouse_id": MINE}).run()

    assert recovered.published == (run,)
    settled = store.get_run(run)
    assert settled is not None and settled.status is RunStatus.SUCCEEDED
    assert settled.row_counts == {"o": 1} and settled.warehouse_path == "/alice/warehouse.duckdb"


def test_a_dead_run_killed_before_its_swap_is_interrupted_with_a_sentence() -> None:
    store = FakeMetadataStore()
    earlier = store.add_run(RunStatus.SUCCEEDED, warehouse_id=MINE)
    run = publishing(store)
    rec = recovery(store, {"run_id": str(earlier), "warehouse_id": MINE})

    assert rec.run().interrupted == (run,)

    settled = store.get_run(run)
    assert settled is not None and settled.status is RunStatus.INTERRUPTED
    assert settled.error == (
        "The process stopped while publishing, before its snapshot was swapped in; "
        f"the published warehouse is still run #{earlier}'s."
    )


def test_runs_of_live_processes_and_of_other_warehouses_are_left_alone() -> None:
    store = FakeMetadataStore()
    live = publishing(store, pid=os.getpid())
    other = publishing(store, warehouse=THEIRS)

    recovered = recovery(store, {"run_id": str(other), "warehouse_id": THEIRS}, busy=True).run()

    assert recovered.published == recovered.interrupted == ()
    assert {store.runs[r].status for r in (live, other)} == {RunStatus.PUBLISHING}


def test_a_dead_run_whose_pid_was_reused_is_settled_while_nobody_holds_the_lock() -> None:
    store = FakeMetadataStore()
    reused = store.start_run("/data/olist", "f", HERE, os.getpid(), MINE)  # pid alive again
    other = store.start_run("/data/olist", "f", HERE, os.getpid(), THEIRS)

    recovered = recovery(store, {}).run()

    assert recovered.interrupted == (reused,)
    assert (store.runs[reused].status, store.runs[other].status) == (
        RunStatus.INTERRUPTED,
        RunStatus.RUNNING,
    )


def run(run_id: int) -> IngestionRun:
    return IngestionRun(run_id, RunStatus.SUCCEEDED, "/data", datetime(2024, 1, 1))


def status(loaded: int, published: int) -> str:
    snapshot = LoadedSnapshot(loaded, None, 1, 1, 1)
    return StatusInfo("w.duckdb", "SQLite", snapshot, run(published), run(published)).describe()


def test_only_a_later_published_run_is_a_newer_snapshot() -> None:
    assert "newer snapshot #5 published" in status(loaded=4, published=5)
    assert "newer" not in status(loaded=5, published=5)
    assert "newer" not in status(loaded=6, published=5)  # the file is ahead of the record


def test_a_narrow_status_keeps_the_newer_snapshot_and_leaves_out_whole_parts() -> None:
    snapshot = LoadedSnapshot(4, None, 99_441, 112_791, 96_096)
    info = StatusInfo("/data/warehouse.duckdb", "SQLite /data/m.sqlite", snapshot, run(5), run(5))
    whole = info.describe()
    assert whole.startswith("snapshot run #4 as of ?")
    assert "99,441 orders" in whole and "newer snapshot #5" in whole and "SQLite" in whole
    narrow = info.describe(80)
    assert narrow == (
        "snapshot run #4 as of ? · newer snapshot #5 published: ctrl+r loads it"
    )  # the counts (48 cells) do not fit beside it: left out, not cut
    assert info.describe(len(whole)) == whole
    assert info.describe(10) == "snapshot …"  # the first part is cut only when alone too wide


def test_each_run_it_settles_as_interrupted_is_announced_once_as_a_failed_run() -> None:
    store = FakeMetadataStore()
    earlier = store.add_run(RunStatus.SUCCEEDED, warehouse_id=MINE)
    died_publishing = publishing(store)
    died_running = store.start_run("/data/olist", "f", HERE, DEAD, MINE)
    events = EventDispatcher()
    heard: list[RunFailed] = []
    events.subscribe(RunFailed, heard.append)
    stamp = {"run_id": str(earlier), "warehouse_id": MINE}
    snapshots = FakeSnapshots()
    snapshots.stamp = stamp
    rec = StartupRecovery(store, snapshots, lambda alive: 0, MINE, events)

    rec.run()
    rec.run()  # a later start: nothing left to settle, nothing said again

    assert [(e.aggregate_id, e.status) for e in heard] == [
        (str(died_publishing), RunStatus.INTERRUPTED),
        (str(died_running), RunStatus.INTERRUPTED),
    ]
    assert heard[0].message.startswith("The process stopped while publishing")
    assert heard[1].message == DIED_RUNNING
