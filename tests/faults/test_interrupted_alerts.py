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


def test_status_settles_a_killed_run_so_cron_sees_it_unhealthy_and_alerted(
    tmp_path: Path, small_source: Path
) -> None:
    """Nightly ingest killed (OOM killer, reboot), nothing else started since: the 5-minute
    `workbench status` is the next start. Not settling would report the dead run as running
    and the day-old snapshot as healthy, with no alert, until the snapshot grows stale."""
    received = tmp_path / "alerts.jsonl"
    config = tmp_path / "config.toml"
    config.write_text(f"[alerts]\ncommand = \"sh -c 'cat >> {received}; echo >> {received}'\"\n")
    workbench = Workbench(tmp_path / "wb", env={"WORKBENCH_CONFIG": str(config)})
    assert workbench.run("ingest", str(small_source)).code == 0
    assert workbench.start_paused("core", "ingest", str(small_source)).kill().code < 0

    checked = workbench.run("status", "--format", "json")
    assert checked.code == 1, checked.stdout
    document = json.loads(checked.stdout)
    assert document["last_run"]["status"] == "interrupted"
    assert "the last run #2 interrupted" in document["problems"]
    alerts = [json.loads(line) for line in received.read_text().splitlines() if line]
    assert [(a["kind"], a["run_id"]) for a in alerts] == [("run_failed", 2)]
