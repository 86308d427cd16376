"""`workbench metadata backup|restore` on SQLite and the real PostgreSQL: a round trip
SQLite → PostgreSQL → SQLite loses nothing; only an empty store of the same schema takes one."""

from __future__ import annotations

import gzip
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from domain.entities.operations import AlertAttempt, SnapshotChecksum
from infrastructure.metadata.operations_log import OperationsLog
from infrastructure.metadata.postgres_store import PostgresMetadataStore
from infrastructure.metadata.sqlite_store import SqliteMetadataStore
from tests.integration.operations.conftest import Cli, drop_reviews

_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?$")


def content(path: Path) -> dict[str, list[str]]:
    """Each table's rows, sorted, timestamps as instants (SQLite keeps the text it was given,
    PostgreSQL the instant: "12:00:00" and "12:00:00.000000" are one value)."""

    def value(v: Any) -> Any:
        if isinstance(v, str) and _TIMESTAMP.match(v):
            return datetime.fromisoformat(v).isoformat()
        return v

    document = json.loads(path.read_text())
    return {
        table: sorted(json.dumps([value(v) for v in row]) for row in body["rows"])
        for table, body in document["tables"].items()
    }


@pytest.mark.postgres
def test_round_trip_sqlite_postgres_sqlite_loses_nothing(
    cli: Cli, source: Path, tmp_path: Path, pg_clean: str
) -> None:
    hook = f"sh -c 'cat > {tmp_path / 'alert.json'}'"
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'[alerts]\ncommand = "{hook}"\nmin_severity = "info"\n')
    assert cli("--config", str(cfg), "ingest", str(source))[0] == 0
    drop_reviews(source)
    assert cli("--config", str(cfg), "ingest", str(source))[0] == 0
    assert cli("snapshots", "restore", "1")[0] == 0
    first, second, third = (tmp_path / name for name in ("a.json", "b.json.gz", "c.json"))

    code, out, _ = cli("metadata", "backup", str(first))
    assert code == 0 and "schema version" in out
    tables = content(first)
    for table in (
        "ingestion_runs",
        "run_steps",
        "quality_results",
        "segment_assignments",
        "snapshot_checksums",
        "alert_deliveries",
        "quality_rules",
    ):
        assert tables[table], f"the fixture leaves rows in {table}"

    pg = ["--metadata-dsn", pg_clean]
    code, out, err = cli(*pg, "metadata", "restore", str(first))
    assert code == 0, err
    assert "(sqlite backup) into PostgreSQL" in out
    assert cli(*pg, "metadata", "backup", str(second))[0] == 0
    fresh = ["--sqlite-path", str(tmp_path / "fresh.sqlite")]
    assert cli(*fresh, "metadata", "restore", str(second))[0] == 0
    assert cli(*fresh, "metadata", "backup", str(third))[0] == 0

    assert content(third) == tables
    via_pg = json.loads(gzip.decompress(second.read_bytes()))
    assert via_pg["backend"] == "postgres"

    # The restored PostgreSQL store works as the team store: history, quality, a new run's id.
    code, out, _ = cli(*pg, "runs")
    assert "#3     succeeded" in out and "restore of run #1" in out
    code, out, _ = cli(*pg, "snapshots", "verify")
    assert code == 0 and out.count(" ok ") == 3
    code, out, _ = cli(*pg, "ingest", str(source))
    assert code == 0 and out.startswith("run #4 ")
    code, out, _ = cli(*pg, "status", "--format", "json")
    assert code == 0 and json.loads(out)["snapshot"]["run_id"] == 4


def test_only_an_empty_store_of_the_same_schema_takes_a_backup(
    cli: Cli, source: Path, tmp_path: Path
) -> None:
    assert cli("ingest", str(source))[0] == 0
    backup = tmp_path / "meta.json"
    assert cli("metadata", "backup", str(backup))[0] == 0

    code, _, err = cli("metadata", "restore", str(backup))
    assert code == 2
    assert "The metadata store is not empty (ingestion_runs has rows)" in err

    fresh = ["--sqlite-path", str(tmp_path / "fresh.sqlite")]
    document = json.loads(backup.read_text())
    document["schema_version"] = 99
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(document))
    code, _, err = cli(*fresh, "metadata", "restore", str(newer))
    assert code == 2 and "is of metadata schema version 99, this store is at" in err

    junk = tmp_path / "junk.json"
    junk.write_text("[1, 2]")
    code, _, err = cli(*fresh, "metadata", "restore", str(junk))
    assert code == 2 and "is not a workbench metadata backup" in err
    code, _, err = cli(*fresh, "metadata", "restore", str(tmp_path / "none.json"))
    assert code == 2 and err.strip().endswith("does not exist.")
    code, _, err = cli("metadata", "backup", str(tmp_path / "no-such-dir" / "x.json"))
    assert code == 2 and "Cannot write the backup" in err
    for said in (err,):
        assert len(said.strip().splitlines()) == 1


@pytest.fixture(params=["sqlite", "postgres"])
def log(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "sqlite":
        store: Any = SqliteMetadataStore(tmp_path / "meta.sqlite")
    else:
        store = PostgresMetadataStore(request.getfixturevalue("pg_clean"))
    yield OperationsLog(store)
    store.close()


def test_migration_0009_records_checksums_and_alert_attempts(log: OperationsLog) -> None:
    log.record_checksum(SnapshotChecksum(4, "ab" * 32, 1234), "host:/w")
    log.record_checksum(SnapshotChecksum(4, "cd" * 32, 1235), "host:/w")  # republished: replaced
    log.record_checksum(SnapshotChecksum(5, "ef" * 32, 99), "other:/w")
    assert {k: (v.sha256, v.size_bytes) for k, v in log.checksums("host:/w").items()} == {
        4: ("cd" * 32, 1235)
    }
    assert set(log.checksums()) == {4, 5}

    for number, ok in ((1, False), (2, True)):
        log.record_delivery(
            AlertAttempt(
                "k1",
                "run_failed",
                "error",
                4,
                "run #4 failed",
                "webhook h",
                number,
                ok,
                "HTTP 500" if not ok else "HTTP 200",
                warehouse_id="host:/w",
            )
        )
    log.record_delivery(
        AlertAttempt("k2", "test", "info", None, "test", "command sh", 1, True, "exit 0")
    )
    mine = log.deliveries(10, "host:/w")
    assert [(a.attempt, a.ok, a.detail) for a in mine] == [
        (2, True, "HTTP 200"),
        (1, False, "HTTP 500"),
    ]
    assert mine[0].attempted_at is not None and mine[0].run_id == 4
    assert [a.alert_key for a in log.deliveries(1)] == ["k2"]
