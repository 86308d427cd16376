"""kill -9 at each step boundary and at the swap: the warehouse and its history never disagree."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from fault_harness import Workbench

BUILD_AND_QUALITY = ("validate", "stage", "core", "marts", "quality")
PUBLISHING = ("publish", "swap")  # marked publishing, the file not swapped in yet


@pytest.fixture
def published(workbench: Workbench, small_source: Path) -> str:
    """Run #1 published; its file's checksum."""
    assert workbench.run("ingest", str(small_source)).code == 0
    checksum = workbench.checksum()
    assert checksum is not None
    return checksum


@pytest.mark.parametrize("point", BUILD_AND_QUALITY + PUBLISHING)
def test_kill_before_the_swap_keeps_the_published_run(
    workbench: Workbench, small_source: Path, published: str, point: str
) -> None:
    killed = workbench.start_paused(point, "ingest", str(small_source)).kill()

    assert killed.code == -signal.SIGKILL
    assert workbench.checksum() == published
    after = workbench.run("runs")  # the next start settles the dead run
    assert after.code == 0 and after.stderr == ""
    assert workbench.history() == [(1, "succeeded"), (2, "interrupted")]
    expected = "before its snapshot was swapped in" if point in PUBLISHING else "nothing was"
    assert expected in workbench.run_message(2)
    assert workbench.leftovers() == []
    assert workbench.kept_snapshots() == ["run-1.duckdb"]
    assert "newer" not in workbench.status_line()


def test_kill_just_after_the_swap_records_the_swapped_run_as_published(
    workbench: Workbench, small_source: Path, published: str
) -> None:
    killed = workbench.start_paused("swapped", "ingest", str(small_source)).kill()

    assert killed.code == -signal.SIGKILL
    assert workbench.checksum() not in (None, published)
    assert workbench.run("runs").code == 0
    assert workbench.history() == [(1, "succeeded"), (2, "succeeded")]
    assert workbench.leftovers() == []
    status = workbench.status_line()
    assert status.startswith("snapshot run #2 ") and "newer" not in status


def test_a_run_resumed_at_every_point_publishes(
    workbench: Workbench, small_source: Path, published: str
) -> None:
    """The hook itself changes nothing: a paused run let go publishes as usual."""
    done = workbench.start_paused("swap", "ingest", str(small_source)).resume()

    assert done.code == 0 and done.error_lines == []
    assert "run #2 succeeded" in done.stdout
    assert workbench.history() == [(1, "succeeded"), (2, "succeeded")]
    assert workbench.checksum() != published
