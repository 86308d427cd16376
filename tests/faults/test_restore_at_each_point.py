"""kill -9 during `workbench snapshots restore`: the published warehouse is never absent, and the
next start settles the restore run as any other (issue 20)."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from fault_harness import Workbench


@pytest.fixture
def two_published(workbench: Workbench, small_source: Path) -> str:
    assert workbench.run("ingest", str(small_source)).code == 0
    assert workbench.run("ingest", str(small_source)).code == 0
    checksum = workbench.checksum()
    assert checksum is not None
    return checksum


@pytest.mark.parametrize("point", ["publish", "swap"])
def test_kill_before_the_swap_keeps_the_published_warehouse(
    workbench: Workbench, two_published: str, point: str
) -> None:
    paused = workbench.start_paused(point, "snapshots", "restore", "1")
    assert workbench.checksum() == two_published  # while it waits: still the old warehouse
    killed = paused.kill()
    assert killed.code == -signal.SIGKILL
    assert workbench.checksum() == two_published
    assert workbench.run("runs").code == 0
    assert workbench.history() == [(1, "succeeded"), (2, "succeeded"), (3, "interrupted")]
    assert workbench.leftovers() == []


def test_kill_just_after_the_swap_records_the_restore_as_published(
    workbench: Workbench, two_published: str
) -> None:
    killed = workbench.start_paused("swapped", "snapshots", "restore", "1").kill()
    assert killed.code == -signal.SIGKILL
    assert workbench.checksum() not in (None, two_published)
    assert workbench.run("runs").code == 0
    assert workbench.history() == [(1, "succeeded"), (2, "succeeded"), (3, "succeeded")]
    assert workbench.status_line().startswith("snapshot run #3 ")


def test_a_restore_that_finds_no_room_is_one_line_and_keeps_the_warehouse(
    workbench: Workbench, two_published: str
) -> None:
    """RLIMIT_FSIZE (a real EFBIG, as a full disk gives ENOSPC) while copying the snapshot."""
    limit = 2_000_000  # above the SQLite metadata file, below the warehouse

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "snapshots", "restore", "1"],
        capture_output=True, text=True, timeout=120, env=workbench.env,
        preexec_fn=limit_file_size,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "unexpected" not in done.stderr, done.stderr
    assert "the restored warehouse" in lines[0] and "size limit (ulimit -f)" in lines[0]
    assert workbench.checksum() == two_published
    assert workbench.leftovers() == []
    assert workbench.history()[-1] == (3, "failed")
    assert "size limit" in workbench.run_message(3)
