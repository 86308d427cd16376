"""The SQLite metadata store write-locked by another process around the publish."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fault_harness import Workbench


@pytest.fixture
def workbench(tmp_path: Path) -> Workbench:
    # Waits for the lock one second (connect_timeout) instead of five, to keep the test short.
    return Workbench(tmp_path, env={"WORKBENCH_CONNECT_TIMEOUT": "1"})


@contextmanager
def write_locked(database: Path) -> Iterator[None]:
    """Hold the SQLite file's write lock, as another workbench in a long write would."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def test_locked_before_publishing_nothing_is_published(
    workbench: Workbench, small_source: Path
) -> None:
    assert workbench.run("ingest", str(small_source)).code == 0
    published = workbench.checksum()

    paused = workbench.start_paused("quality", "ingest", str(small_source))
    with write_locked(workbench.data_dir / "metadata.sqlite"):
        done = paused.resume()

    assert done.code == 2 and "Traceback" not in done.stderr
    assert len(done.error_lines) == 1 and "database is locked" in done.error_lines[0]
    assert done.stdout == ""
    assert workbench.checksum() == published
    assert workbench.run("runs").code == 0
    assert workbench.history() == [(1, "succeeded"), (2, "interrupted")]
    assert workbench.leftovers() == []


def test_locked_after_the_swap_the_run_is_recorded_published_at_the_next_start(
    workbench: Workbench, small_source: Path
) -> None:
    assert workbench.run("ingest", str(small_source)).code == 0
    published = workbench.checksum()

    paused = workbench.start_paused("swap", "ingest", str(small_source))
    with write_locked(workbench.data_dir / "metadata.sqlite"):
        done = paused.resume()

    # The file is swapped in but the record could not say so: not "published", not exit 0.
    assert done.code == 2 and "Traceback" not in done.stderr
    assert done.stdout == ""
    assert len(done.error_lines) == 1
    assert "the next start of the workbench records it" in done.error_lines[0]
    assert workbench.checksum() != published
    assert workbench.run("runs").code == 0
    assert workbench.history() == [(1, "succeeded"), (2, "succeeded")]
    assert "newer" not in workbench.status_line()
