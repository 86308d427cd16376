"""kill -9 at each step boundary: the published warehouse and its history stay as they were."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from fault_harness import Workbench

from workbench.application.config import load_settings
from workbench.container import build_container

BEFORE_THE_SWAP = ("validate", "stage", "core", "marts", "quality", "publish", "swap")


def history(workbench: Workbench) -> list[tuple[int, str]]:
    """(run id, status) of every run, oldest first, as the store holds them."""
    settings = load_settings({"data_dir": workbench.data_dir}, env={}, config_file=None)
    container = build_container(settings)
    try:
        return [(r.run_id, str(r.status)) for r in reversed(container.run_history().recent())]
    finally:
        container.shutdown_resources()


@pytest.mark.parametrize("point", BEFORE_THE_SWAP)
def test_kill_before_the_swap_keeps_the_published_run(
    workbench: Workbench, small_source: Path, point: str
) -> None:
    assert workbench.run("ingest", str(small_source)).code == 0
    published = workbench.checksum()

    killed = workbench.start_paused(point, "ingest", str(small_source)).kill()

    assert killed.code == -signal.SIGKILL
    assert workbench.checksum() == published
    after = workbench.run("runs")
    assert after.code == 0 and after.stderr_lines == []
    assert history(workbench) == [(1, "succeeded"), (2, "interrupted")]
