"""A run killed with kill -9 alerts like a failed one: once, sent by the start that settles it
(issue 20). The dead process could not send anything; StartupRecovery finds it at the next start."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest
from fault_harness import Workbench


@pytest.mark.parametrize("point", ["core", "swap"])  # killed while building / while publishing
def test_a_killed_run_alerts_once_at_the_start_that_settles_it(
    tmp_path: Path, small_source: Path, point: str
) -> None:
    received = tmp_path / "alerts.jsonl"
    config = tmp_path / "config.toml"
    config.write_text(
        f"[alerts]\ncommand = \"sh -c 'cat >> {received}; echo >> {received}'\"\n"
        'min_severity = "critical"\n'
    )
    workbench = Workbench(tmp_path / "wb", env={"WORKBENCH_CONFIG": str(config)})
    assert workbench.run("ingest", str(small_source)).code == 0
    assert not received.exists()  # a clean publish says nothing at `critical`

    killed = workbench.start_paused(point, "ingest", str(small_source)).kill()
    assert killed.code == -signal.SIGKILL
    assert not received.exists()  # the dead process sent nothing

    assert workbench.run("runs").code == 0  # the next start settles run #2 and alerts
    assert workbench.run("runs").code == 0  # and the one after does not again
    alerts = [json.loads(line) for line in received.read_text().splitlines() if line]
    assert len(alerts) == 1, alerts
    alert = alerts[0]
    assert alert["kind"] == "run_failed" and alert["severity"] == "error"
    assert alert["run_id"] == 2 and alert["details"]["status"] == "interrupted"
    assert "run #2 interrupted: The process" in alert["text"]
    assert alert["warehouse"].endswith(str(workbench.warehouse))

    listed = workbench.run("alerts")
    assert listed.code == 0
    assert "run_failed" in listed.stdout and "#2" in listed.stdout and "try 1 sent" in listed.stdout
