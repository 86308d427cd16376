"""`workbench snapshots list|verify|restore`: checksums taken at publish catch a corrupted file,
and a restore republishes an older snapshot as a new run through the publish protocol."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import duckdb
import pytest

from infrastructure.metadata.sqlite_store import SqliteMetadataStore
from tests.integration.operations.conftest import Cli
from workbench.cli import main


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stamp_run(path: Path) -> str:
    with duckdb.connect(str(path), read_only=True) as con:
        row = con.execute("SELECT value FROM workbench_snapshot WHERE key = 'run_id'").fetchone()
    assert row is not None
    return str(row[0])


def two_runs(cli: Cli, source: Path) -> None:
    assert cli("ingest", str(source))[0] == 0
    assert cli("ingest", str(source))[0] == 0


def test_list_shows_run_time_size_and_the_checksum_taken_at_publish(cli: Cli, source: Path) -> None:
    code, out, _ = cli("snapshots", "list")
    assert code == 0 and "no snapshots kept yet" in out
    two_runs(cli, source)
    code, out, _ = cli("snapshots", "list")
    assert code == 0
    lines = out.splitlines()
    run2, run1 = lines[1], lines[2]
    kept = cli.data / "snapshots"
    assert run2.startswith("#2") and "(published)" in run2
    assert sha256(kept / "run-2.duckdb")[:16] in run2
    assert f"{(kept / 'run-2.duckdb').stat().st_size:,}" in run2
    assert run1.startswith("#1") and sha256(kept / "run-1.duckdb")[:16] in run1


def test_verify_reports_a_corrupted_snapshot_and_restore_refuses_it(cli: Cli, source: Path) -> None:
    two_runs(cli, source)
    code, out, _ = cli("snapshots", "verify")
    assert code == 0 and out.count(" ok ") == 2

    warehouse = cli.data / "warehouse.duckdb"
    published = sha256(warehouse)
    old = cli.data / "snapshots" / "run-1.duckdb"
    data = bytearray(old.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte in the middle of the file
    old.write_bytes(bytes(data))

    code, out, err = cli("snapshots", "verify")
    assert code == 1
    assert "#1     corrupted" in out and "#2     ok" in out
    assert "1 of 2 snapshots corrupted or missing: #1" in err

    code, out, err = cli("snapshots", "restore", "1")
    assert code == 1
    assert "Snapshot of run #1" in err and "corrupted" in err and "not restored" in err
    assert sha256(warehouse) == published, "a corrupted snapshot is never published"
    code, out, _ = cli("runs")
    assert "restore" not in out


def test_restore_republishes_an_older_snapshot_as_a_new_run(
    cli: Cli, source: Path, small_source: Path
) -> None:
    assert cli("ingest", str(source))[0] == 0
    assert cli("ingest", str(small_source))[0] == 0  # another dataset: other order counts
    warehouse = cli.data / "warehouse.duckdb"

    def orders_published() -> int:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            row = con.execute("SELECT count(*) FROM fct_orders").fetchone()
        assert row is not None
        return int(row[0])

    newer = orders_published()
    seen: list[bool] = []
    stop = threading.Event()

    def watch() -> None:  # the published warehouse exists at every moment of the restore
        while not stop.is_set():
            seen.append(warehouse.exists())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        code, out, err = cli("snapshots", "restore", "#1")
    finally:
        stop.set()
        watcher.join()
    assert code == 0, err
    assert "run #3 restored the snapshot of run #1" in out
    assert seen and all(seen)
    code, out, _ = cli("runs")
    assert orders_published() != newer
    assert f"{orders_published():,}" in out.splitlines()[-1]  # run 1's count
    assert stamp_run(warehouse) == "3"

    code, out, _ = cli("runs")
    assert "#3     succeeded" in out and "restore of run #1" in out
    code, out, _ = cli("snapshots", "verify")
    assert code == 0 and "#3     ok" in out  # the restored file's checksum was taken too
    code, out, _ = cli("quality", "--format", "json")
    assert code == 0 and '"run_id": 3' in out  # its results are the restored run's
    store = SqliteMetadataStore(cli.data / "metadata.sqlite")
    try:  # and the failing rows run #1 kept
        kept = store.failing_sample(1, "invariant.payment_mismatch")
        assert kept is not None and store.failing_sample(3, "invariant.payment_mismatch") == kept
    finally:
        store.close()
    code, out, _ = cli("status")
    assert code == 0 and "snapshot    run #3" in out


def test_restore_of_a_run_not_kept_is_one_line_and_exit_2(cli: Cli, source: Path) -> None:
    assert cli("ingest", str(source))[0] == 0
    code, _, err = cli("snapshots", "restore", "7")
    assert code == 2
    assert err.strip() == "workbench: No kept snapshot of run #7; kept: #1."


def test_a_published_file_that_is_no_hard_link_is_verified_itself(cli: Cli, source: Path) -> None:
    assert cli("ingest", str(source))[0] == 0
    warehouse = cli.data / "warehouse.duckdb"
    data = bytearray(warehouse.read_bytes())
    data[len(data) // 2] ^= 0xFF
    warehouse.unlink()  # a filesystem without hard links keeps a copy: so does this one now
    warehouse.write_bytes(bytes(data))
    code, out, _ = cli("snapshots", "verify")
    assert code == 1
    assert f"#1     corrupted   {warehouse}" in out
    assert f"#1     ok          {cli.data / 'snapshots' / 'run-1.duckdb'}" in out


def test_configuration_flags_go_after_the_action_too(
    cli: Cli, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("ingest", str(source))[0] == 0
    capsys.readouterr()
    assert main(["snapshots", "verify", "--data-dir", str(cli.data)]) == 0
    assert "#1     ok" in capsys.readouterr().out
