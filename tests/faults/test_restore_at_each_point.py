"""kill -9 during `workbench snapshots restore`: the published warehouse is never absent, and the
next start settles the restore run as any other (issue 20)."""

from __future__ import annotations

import signal
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
