"""Ctrl-C (SIGINT) or SIGTERM at each step: exit 130/143, the run recorded cancelled with a
sentence, nothing published, no half-built file and no extracted source folder left."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from fault_harness import Workbench

STEPS = ("stage", "core", "marts", "quality", "publish")
EXIT_CODES = {signal.SIGINT: 130, signal.SIGTERM: 143}
SIGNAL_WORDS = {signal.SIGINT: "Ctrl-C (SIGINT)", signal.SIGTERM: "SIGTERM"}


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("step", STEPS)
def test_a_stop_signal_cancels_the_run_cleanly(
    workbench: Workbench, small_source: Path, source_zip: Path, step: str, signum: int
) -> None:
    assert workbench.run("ingest", str(small_source)).code == 0
    published = workbench.checksum()

    paused = workbench.start_paused(step, "ingest", str(source_zip))
    if step == "stage":  # the zip is extracted by now: the folder must go with the run
        assert workbench.leftovers() != []
    stopped = paused.signal(signum)

    sentence = (
        f"Cancelled by {SIGNAL_WORDS[signal.Signals(signum)]} during the {step} step; "
        "nothing was published."
    )
    assert stopped.code == EXIT_CODES[signal.Signals(signum)]
    assert "Traceback" not in stopped.stderr and "unexpected" not in stopped.stderr
    assert stopped.error_lines == [f"workbench: run #2 cancelled: {sentence}"]
    assert stopped.stdout == ""
    assert workbench.checksum() == published
    assert workbench.leftovers() == []
    assert workbench.kept_snapshots() == ["run-1.duckdb"]
    assert workbench.history() == [(1, "succeeded"), (2, "cancelled")]
    assert workbench.run_message(2) == sentence


def test_folders_extracted_by_killed_runs_are_removed_at_the_next_start(
    workbench: Workbench, source_zip: Path
) -> None:
    killed = workbench.start_paused("stage", "ingest", str(source_zip)).kill()
    assert killed.code == -signal.SIGKILL
    left = workbench.leftovers()  # the half-built file and the extracted folder
    assert len(left) == 2 and any(name.startswith("olist-source-") for name in left)
    live = workbench.temp_dir / f"olist-source-{os.getpid()}-live"  # a run still going on
    live.mkdir()

    assert workbench.run("runs").code == 0

    assert workbench.leftovers() == [live.name]
    assert workbench.history() == [(1, "interrupted")]


def test_sigterm_stops_a_batch_run_the_same_way(
    workbench: Workbench, source_zip: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    paused = workbench.start_paused(
        "core", "--batch", "--source", str(source_zip), "--out", str(out)
    )
    stopped = paused.signal(signal.SIGTERM)

    assert stopped.code == 143 and "Traceback" not in stopped.stderr
    sentence = "Cancelled by SIGTERM during the core step; nothing was published."
    assert stopped.stderr.splitlines()[-1] == f"run #1 cancelled: {sentence}"
    assert workbench.checksum() is None and workbench.leftovers() == []
    assert workbench.history() == [(1, "cancelled")]
    assert not out.exists()
