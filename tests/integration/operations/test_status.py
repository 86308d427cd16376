"""`workbench status` in every format, parsed; its exit code says whether it is healthy."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.integration.operations.conftest import Cli
from workbench.application.config import load_settings
from workbench.application.status_formats import serve
from workbench.cli import main
from workbench.container import build_container


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def test_no_snapshot_is_unhealthy_in_every_format(cli: Cli) -> None:
    code, out, _ = cli("status")
    assert code == 1
    assert "UNHEALTHY" in out and "no snapshot was ever published" in out
    code, out, _ = cli("status", "--format", "json")
    assert code == 1
    assert json.loads(out)["healthy"] is False
    code, out, _ = cli("status", "--format", "prometheus")
    assert code == 1
    assert samples(out)[("workbench_healthy", ())] == 0


def test_published_snapshot_is_healthy_until_it_is_older_than_the_limit(
    cli: Cli, source: Path
) -> None:
    assert cli("ingest", str(source))[0] == 0
    code, out, _ = cli("status")
    assert code == 0, out
    assert "healthy" in out and "snapshot    run #1" in out

    code, out, _ = cli("status", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["snapshot"]["run_id"] == 1
    assert document["snapshot"]["size_bytes"] == (cli.data / "warehouse.duckdb").stat().st_size
    assert document["last_run"]["status"] == "succeeded"
    assert document["failing_rules"]["warning"] >= 1  # the fixture's documented anomaly
    assert [s["step"] for s in document["steps"]] == [
        "validate",
        "stage",
        "core",
        "marts",
        "quality",
        "publish",
    ]

    code, out, _ = cli("status", "--format", "prometheus")
    assert code == 0
    found = samples(out)
    assert found[("workbench_healthy", ())] == 1
    assert found[("workbench_snapshot_run_id", ())] == 1
    assert found[("workbench_last_run_status", (("status", "succeeded"),))] == 1
    assert found[("workbench_failing_rules", (("severity", "critical"),))] == 0
    assert ("workbench_step_duration_seconds", (("step", "quality"),)) in found
    assert found[("workbench_snapshot_size_bytes", ())] == document["snapshot"]["size_bytes"]

    time.sleep(0.5)
    code, out, _ = cli("status", "--max-age", "0.0001")  # 0.36 s
    assert code == 1
    assert "the published snapshot is" in out and "old" in out


def test_a_blocked_last_run_is_unhealthy(cli: Cli, source: Path) -> None:
    assert cli("ingest", str(source))[0] == 0
    orders = source / "olist_orders_dataset.csv"
    lines = orders.read_text().splitlines()
    orders.write_text("\n".join([*lines, lines[1]]) + "\n")  # a duplicate order: critical
    assert cli("ingest", str(source))[0] == 1
    code, out, _ = cli("status", "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert document["last_run"]["status"] == "blocked"
    assert document["snapshot"]["run_id"] == 1
    assert any("blocked" in problem for problem in document["problems"])


def test_bad_arguments_are_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--max-age", "0"], ["--format", "xml"], ["--serve", "70000"]):
        with pytest.raises(SystemExit) as stopped:
            main(["status", *args])
        assert stopped.value.code == 2
        assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_serve_exposes_the_same_metrics_on_localhost(
    tmp_path: Path, cli: Cli, source: Path
) -> None:
    assert cli("ingest", str(source))[0] == 0
    settings = load_settings({"data_dir": cli.data}, env={}, config_file=None)
    container = build_container(settings)
    try:
        service = container.status()
        server, _thread = serve(lambda: service.health(3600), 0)
        try:
            port = server.server_address[1]
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as reply:
                text = reply.read().decode()
            assert samples(text)[("workbench_snapshot_run_id", ())] == 1
            assert server.server_address[0] == "127.0.0.1"
        finally:
            server.shutdown()
    finally:
        container.shutdown_resources()


def test_serve_on_a_port_in_use_is_one_line_and_exit_2(cli: Cli) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = cli("status", "--serve", str(port))
    assert code == 2
    assert (
        err.strip()
        == f"workbench: Cannot serve the metrics on 127.0.0.1:{port}: Address already in use."
    )


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_store_is_unhealthy_in_every_format_not_a_failed_command(
    cli: Cli, source: Path
) -> None:
    assert cli("ingest", str(source))[0] == 0  # a published file, a store cron cannot reach
    size = (cli.data / "warehouse.duckdb").stat().st_size
    dsn = f"postgresql://postgres:hunter2@127.0.0.1:{closed_port()}/workbench"
    code, out, err = cli("--metadata-dsn", dsn, "status")
    assert code == 1
    assert "UNHEALTHY" in out and "the metadata store is unreachable" in out
    assert err.startswith("workbench: the metadata store is unreachable: ")
    assert len(err.splitlines()) == 1 and "hunter2" not in out + err
    code, out, _ = cli("--metadata-dsn", dsn, "status", "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert document["healthy"] is False and document["store_reachable"] is False
    assert "Connection refused" in document["problems"][0]
    code, out, _ = cli("--metadata-dsn", dsn, "status", "--format", "prometheus")
    assert code == 1
    found = samples(out)
    assert found[("workbench_healthy", ())] == 0
    assert found[("workbench_store_up", ())] == 0
    assert found[("workbench_snapshot_size_bytes", ())] == size  # the file system still answers
    assert ("workbench_last_run_id", ()) not in found  # unknown, not a made-up value
    code, out, _ = cli("status", "--format", "prometheus")  # the store itself answers
    assert code == 0 and samples(out)[("workbench_store_up", ())] == 1


def test_serve_keeps_serving_while_the_store_is_unreachable(tmp_path: Path) -> None:
    port = closed_port()
    dsn = f"postgresql://postgres@127.0.0.1:{closed_port()}/workbench"
    command = [sys.executable, "-m", "workbench.cli", "--data-dir", str(tmp_path / "data")]
    served = subprocess.Popen(
        [*command, "--metadata-dsn", dsn, "status", "--serve", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as r:
                    text = r.read().decode()
                break
            except OSError:
                assert served.poll() is None, served.communicate()
                assert time.monotonic() < deadline, "the metrics were never served"
                time.sleep(0.1)
        found = samples(text)
        assert found[("workbench_healthy", ())] == 0
        assert found[("workbench_store_up", ())] == 0
    finally:
        served.terminate()
        served.communicate(timeout=30)
