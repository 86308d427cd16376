"""SIGTERM to the TUI's process while its ingestion runs (paused at a step): the run is recorded
cancelled with the signal's sentence, nothing is published, no half-built file or extracted
folder is left, and the process exits 143 once the run is recorded."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from fault_harness import Workbench


@pytest.mark.parametrize("step", ["stage", "marts"])
def test_sigterm_to_the_tui_cancels_its_run_and_exits_143(
    workbench: Workbench, small_source: Path, source_zip: Path, step: str
) -> None:
    assert workbench.run("ingest", str(small_source)).code == 0
    published = workbench.checksum()

    paused = workbench.start_tui_paused(step, source_zip)
    stopped = paused.signal(signal.SIGTERM)

    assert stopped.code == 143, stopped.stderr
    assert "Traceback" not in stopped.stderr
    assert workbench.history() == [(1, "succeeded"), (2, "cancelled")]
    assert workbench.run_message(2) == (
        f"Cancelled by SIGTERM during the {step} step; nothing was published."
    )
    assert workbench.checksum() == published
    assert workbench.leftovers() == []
    assert workbench.kept_snapshots() == ["run-1.duckdb"]
