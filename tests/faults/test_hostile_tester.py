"""Breaks a hostile tester found beyond the other fault tests, each kept fixed.

- a rule a teammate stored with a huge (finite) threshold stopped the Quality screen with a
  polars traceback: the number formatter could not hold it;
- a rule id or description holding terminal control characters (ESC ...) reached every
  teammate's terminal raw, from `workbench quality`, `ingest` and the UI's flip announcement
  (it cleared the screen);
- a data dir the workbench cannot write (a read-only mount) ended `runs`, `ingest` and `--batch`
  in "unexpected OSError";
- a URL DSN whose password holds an unescaped `@` is read by libpq with the rest of the password
  as the host, which `config show`, the status line and every connection error showed.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from fault_harness import Workbench

from domain.entities.ingestion_run import RunStatus
from domain.entities.rule_definition import InvalidRule
from domain.repositories.metadata_store import MetadataStore, QualityRuleRecord
from infrastructure.metadata.postgres_store import PostgresMetadataStore
from infrastructure.metadata.sqlite_store import SqliteMetadataStore
from screens.quality import QualityScreen
from screens.widgets.frame_table import FrameTable
from workbench.app import WorkbenchApp
from workbench.application.config import load_settings
from workbench.container import build_container


def insert_rule(sqlite_path: Path, rule_id: str, description: str, threshold: float) -> None:
    """A rule row written straight into the store, past every check of the application."""
    with sqlite3.connect(sqlite_path) as by_hand:
        by_hand.execute(
            "INSERT INTO quality_rules (rule_id, description, kind, model, params, severity, "
            "threshold, enabled, updated_at) VALUES (?, ?, 'unique', 'fct_orders', ?, "
            "'warning', ?, 1, '2018-01-01')",
            (rule_id, description, json.dumps({"columns": ["order_id"]}), threshold),
        )
    by_hand.close()


async def test_a_huge_threshold_stored_by_a_teammate_leaves_the_quality_screen_working(
    small_source: Path, tmp_path: Path
) -> None:
    settings = load_settings({"data_dir": tmp_path / "data"}, env={}, config_file=None)
    container = build_container(settings)
    try:
        assert container.ingestion().ingest(small_source).published
        insert_rule(settings.sqlite_path, "hostile.huge_threshold", "a huge threshold", 1e17)
        app = WorkbenchApp(container)
        async with app.run_test(size=(160, 44)) as pilot:
            await pilot.press("2")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, QualityScreen)
            rules = app.screen.query_one("#quality-rules", FrameTable)
            shown = {row["rule"]: row for row in rules.frame.iter_rows(named=True)}
            assert shown["hostile.huge_threshold"]["status"] == "not run"  # stored after the run
            assert shown["orders.key.unique"]["status"] == "pass"
        assert app.return_code in (None, 0)
    finally:
        container.shutdown_resources()


ESCAPE = "\x1b[2J\x1b[31m"


def test_control_characters_in_a_stored_rule_never_reach_the_terminal(
    workbench: Workbench, small_source: Path
) -> None:
    assert workbench.run("ingest", str(small_source)).code == 0
    sqlite_path = workbench.data_dir / "metadata.sqlite"
    insert_rule(sqlite_path, f"hostile.{ESCAPE}id", f"cleared {ESCAPE}screen", 0)

    ingested = workbench.run("ingest", str(small_source))
    assert ingested.code == 0, ingested.stderr
    for command in (("quality",), ("quality", "--format", "json"), ("runs",)):
        shown = workbench.run(*command)
        assert shown.code == 0, shown.stderr
        assert "\x1b" not in shown.stdout + shown.stderr, command
    report = json.loads(workbench.run("quality", "--format", "json").stdout)
    mine = [rule for rule in report["rules"] if rule["rule_id"].startswith("hostile.")]
    assert [rule["status"] for rule in mine] == ["error"]  # its own error, with the reason
    assert "control character" in mine[0]["message"]
    others = [rule for rule in report["rules"] if rule["rule_id"] == "orders.key.unique"]
    assert [rule["status"] for rule in others] == ["pass"]

    store = SqliteMetadataStore(sqlite_path)
    try:
        with pytest.raises(InvalidRule, match="control character"):
            store.save_rule(
                QualityRuleRecord(
                    "hostile.new\x1b[2J", "d", "unique", "fct_orders", {"columns": ["order_id"]}
                )
            )
    finally:
        store.close()


def _namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, check=False)
    return probe.returncode == 0


# Bind-mount the data dir onto itself read-only in a mount namespace of its own, then run.
READ_ONLY = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'


@pytest.mark.skipif(not _namespaces_work(), reason="no unprivileged user namespaces here")
def test_a_data_dir_that_cannot_be_written_is_one_clear_line(
    workbench: Workbench, small_source: Path
) -> None:
    assert workbench.run("ingest", str(small_source)).code == 0
    published = workbench.checksum()
    # The metadata store lives elsewhere (a team's PostgreSQL, or here a SQLite file beside).
    metadata = workbench.root / "metadata.sqlite"
    shutil.copyfile(workbench.data_dir / "metadata.sqlite", metadata)
    env = {**workbench.env, "WORKBENCH_SQLITE_PATH": str(metadata)}
    read_only = ["unshare", "-rm", "sh", "-c", READ_ONLY, str(workbench.data_dir)]
    for command in (
        ("runs",),
        ("ingest", str(small_source)),
        ("--batch", "--source", str(small_source)),
    ):
        done = subprocess.run(
            [*read_only, sys.executable, "-m", "workbench.cli", *command],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert "unexpected" not in done.stderr and "Traceback" not in done.stderr, done.stderr
        if command == ("runs",):
            assert done.returncode == 0, done.stderr
            continue
        assert done.returncode == 2, done.stderr
        lines = [line for line in done.stderr.splitlines() if line.startswith("workbench:")]
        assert len(lines) == 1, done.stderr
        assert f"Cannot write in the data dir {workbench.data_dir}" in lines[0]
        assert "Read-only file system" in lines[0]
    assert workbench.checksum() == published


def test_a_url_whose_password_holds_an_unescaped_at_is_refused_without_quoting_it(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WORKBENCH_", "XDG_"))}
    env |= {
        "HOME": str(tmp_path),
        "WORKBENCH_DATA_DIR": str(tmp_path / "data"),
        "WORKBENCH_METADATA_DSN": "postgresql://analyst:Pa@ss-hunter2@127.0.0.1:9/workbench",
    }
    for command in (("config", "show"), ("runs",)):
        done = subprocess.run(
            [sys.executable, "-m", "workbench.cli", *command],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert "hunter2" not in done.stdout + done.stderr, command
        assert done.returncode == 2, done.stdout + done.stderr
        assert "%40" in done.stderr  # says how to write it


@pytest.mark.parametrize(("point", "settled"), [("core", "interrupted"), ("swapped", "succeeded")])
def test_a_killed_run_whose_pid_now_names_a_live_process_is_settled_at_the_next_start(
    workbench: Workbench, small_source: Path, point: str, settled: str
) -> None:
    """Pids are reused (after a reboot, soon): a dead run's pid may name any live process. A
    start that holds the data dir's ingestion lock knows no run of it is alive."""
    assert workbench.run("ingest", str(small_source)).code == 0
    assert workbench.start_paused(point, "ingest", str(small_source)).kill().code == -9
    with sqlite3.connect(workbench.data_dir / "metadata.sqlite") as by_hand:
        by_hand.execute("UPDATE ingestion_runs SET pid = ? WHERE run_id = 2", (os.getpid(),))
    by_hand.close()

    assert workbench.run("runs").code == 0  # the next start
    assert workbench.history() == [(1, "succeeded"), (2, settled)]
    assert workbench.leftovers() == []
    status = workbench.status_line()
    assert "newer" not in status and status.startswith(f"snapshot run #{1 + (point == 'swapped')} ")


def test_a_run_settled_as_published_at_the_next_start_gets_its_segment_snapshot(
    workbench: Workbench, small_source: Path
) -> None:
    """Each published run stores its segment sizes and assignments; the one killed just after
    its swap is published too, so the start that settles it records them."""
    assert workbench.run("ingest", str(small_source)).code == 0
    assert workbench.start_paused("swapped", "ingest", str(small_source)).kill().code == -9
    assert workbench.run("runs").code == 0
    assert workbench.history() == [(1, "succeeded"), (2, "succeeded")]
    with sqlite3.connect(workbench.data_dir / "metadata.sqlite") as store:
        recorded = dict(
            store.execute(
                "SELECT run_id, count(*) FROM segment_snapshots GROUP BY run_id"
            ).fetchall()
        )
    store.close()
    assert recorded.keys() == {1, 2} and recorded[2] == recorded[1]


ODD_RUN = (
    "INSERT INTO ingestion_runs (status, source_path, host, pid, started_at, row_counts, "
    "blocking_rules, warehouse_id) VALUES ('failed', 'elsewhere\x1b[2J', 'another-host', 1, {0}, "
    "'oops', 'x', 'another-host:/x/warehouse.duckdb')"
)


def test_one_odd_run_row_on_the_store_stops_nobodys_runs_or_ingest(
    workbench: Workbench, small_source: Path
) -> None:
    """A run row no version of ours writes (hand-edited, or an old version's), on SQLite."""
    assert workbench.run("ingest", str(small_source)).code == 0
    with sqlite3.connect(workbench.data_dir / "metadata.sqlite") as by_hand:
        by_hand.execute(ODD_RUN.format("'garbage'"))
        by_hand.execute(
            'UPDATE ingestion_runs SET row_counts = \'{"fct_orders": "x"}\' WHERE run_id = 1'
        )
        by_hand.execute(
            "UPDATE quality_results SET sample_keys = 'oops', severity = 'bogus' "
            "WHERE rule_id = 'orders.key.unique'"
        )
    by_hand.close()
    for command in (("runs",), ("runs", "--all"), ("quality",), ("ingest", str(small_source))):
        done = workbench.run(*command)
        assert done.code == 0 and done.error_lines == [], done.stderr
    assert "another-host:/x/warehouse.duckdb" in workbench.run("runs", "--all").stdout


def test_one_odd_run_row_on_a_team_postgresql_stops_nobodys_runs(
    tmp_path: Path, pg_clean: str
) -> None:
    workbench = Workbench(tmp_path, env={"WORKBENCH_METADATA_DSN": pg_clean})
    assert workbench.run("runs").code == 0  # migrated
    with psycopg.connect(pg_clean, autocommit=True) as by_hand:
        by_hand.execute(ODD_RUN.format("now()"))
    for command in (("runs",), ("runs", "--all")):
        done = workbench.run(*command)
        assert done.code == 0 and done.error_lines == [], done.stderr
        assert "\x1b" not in done.stdout  # another host's source path holds an escape


@pytest.mark.parametrize("folder", [".building", "snapshots"])
def test_a_file_where_the_workbench_keeps_its_own_folder_is_one_clear_line(
    workbench: Workbench, small_source: Path, folder: str
) -> None:
    assert workbench.run("ingest", str(small_source)).code == 0
    published = workbench.checksum()
    shutil.rmtree(workbench.data_dir / folder)
    (workbench.data_dir / folder).write_text("not a folder")

    done = workbench.run("ingest", str(small_source))
    assert done.code == 2 and len(done.error_lines) == 1, done.stderr
    assert f"Cannot use {workbench.data_dir / folder}, the workbench's own folder" in done.stderr
    assert "unexpected" not in done.stderr
    assert workbench.checksum() == published
    listed = workbench.run("runs")
    assert listed.code == 0 and listed.error_lines == [], listed.stderr
    assert all(status != "running" for _, status in workbench.history())


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_a_run_that_turned_publishing_after_a_start_listed_it_is_not_marked_interrupted(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    """A start lists a live run as running; the run then marks itself publishing, swaps its file
    in and is killed before the start checks its pid. Interrupting it would contradict the
    published file: it is left publishing, for the stamp to settle at the next start."""
    if backend == "sqlite":
        store: MetadataStore = SqliteMetadataStore(tmp_path / "metadata.sqlite")
    else:
        store = PostgresMetadataStore(request.getfixturevalue("pg_clean"))
    try:
        run_id = store.start_run("/data/olist", "", "here", 1, "here:/w.duckdb")
        store.mark_publishing(run_id, "/w.duckdb", None, {"fct_orders": 1})
        assert store.mark_interrupted([run_id], "stopped") == 0
        settled = store.get_run(run_id)
        assert settled is not None and settled.status is RunStatus.PUBLISHING
    finally:
        store.close()
