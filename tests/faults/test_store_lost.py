"""A PostgreSQL metadata store that stalls or resets in the middle of a run.

The real CLI runs in a subprocess against the real server through a proxy (pg_proxy) that
fails when it sees a chosen statement go by, so each case knows where the run was. The run
must end within the configured timeouts, with one line on stderr (no traceback, no pool
warnings: those go to the log file), exit code 2, the published warehouse unchanged and no
half-built file left; once the store is back, the history shows the run interrupted.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from pg_proxy import Fault, StoreProxy, store_proxy
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from domain.repositories.metadata_store import MetadataStoreError
from infrastructure.metadata.postgres_store import PostgresMetadataStore, PostgresTimeouts

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
TIMEOUTS = {"connect_timeout": 1, "statement_timeout": 2, "pool_timeout": 2}
# The longest honest path: a round trip unanswered (statement + connect), a pooled connection
# that does not come (pool), the pool's workers giving up a connection attempt on exit
# (connect). Twice that and ten seconds more is a bound no healthy machine comes near, while
# a hang would never end.
BOUND_S = (
    2 * (2 * TIMEOUTS["connect_timeout"] + TIMEOUTS["statement_timeout"] + TIMEOUTS["pool_timeout"])
    + 10
)

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@dataclass
class Workbench:
    """The CLI in a subprocess, with its own HOME and data dir, its store behind the proxy."""

    home: Path
    data_dir: Path
    dsn: str

    @property
    def warehouse(self) -> Path:
        return self.data_dir / "warehouse.duckdb"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WORKBENCH_", "XDG_"))}
        env.update(
            HOME=str(self.home),
            WORKBENCH_DATA_DIR=str(self.data_dir),
            WORKBENCH_METADATA_DSN=self.dsn,
            **{f"WORKBENCH_{key.upper()}": str(value) for key, value in TIMEOUTS.items()},
        )
        return env

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "workbench.cli", *args],
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "workbench.cli", *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=BOUND_S * 4,
            check=False,
        )

    def log_text(self) -> str:
        return "".join(p.read_text() for p in self.home.rglob("workbench.log*"))


@pytest.fixture
def store_db(pg_dsn: str) -> Iterator[str]:
    """A database of this test's own, created empty: the workbench migrates and seeds it."""
    name = f"workbench_faults_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_conninfo(pg_dsn, dbname=name)
    finally:
        with psycopg.connect(pg_dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def proxy(store_db: str) -> Iterator[StoreProxy]:
    info = conninfo_to_dict(store_db)
    with store_proxy(info.get("host") or "127.0.0.1", int(info.get("port") or 5432)) as running:
        yield running


@pytest.fixture
def workbench(tmp_path: Path, store_db: str, proxy: StoreProxy) -> Workbench:
    info = conninfo_to_dict(store_db)
    info.update(host="127.0.0.1", port=str(proxy.port), sslmode="disable")
    return Workbench(tmp_path / "home", tmp_path / "data", make_conninfo(**info))


def problem_lines(stderr: str) -> list[str]:
    """stderr without the run's progress (`run #N: ingesting …` and its indented steps)."""
    return [
        line for line in stderr.splitlines() if line.strip() and not line.startswith(("run #", " "))
    ]


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def status_of(dsn: str, run_id: int) -> tuple[str, str]:
    with psycopg.connect(dsn) as connection:
        row = connection.execute(
            "SELECT status, error FROM ingestion_runs WHERE run_id = %s", (run_id,)
        ).fetchone()
    assert row is not None
    return row[0], row[1]


# The statement each case fails on, and the step the run is in when it goes by.
POINTS = {
    "first step recorded": (b"INSERT INTO run_steps", "validate"),
    "quality results saved": (b"INSERT INTO quality_results", "quality"),
}


@pytest.mark.parametrize("fault", ["stall", "reset"])
@pytest.mark.parametrize("point", POINTS)
def test_a_store_lost_mid_run_ends_it_in_bounded_time_with_one_line(
    fault: Fault, point: str, workbench: Workbench, proxy: StoreProxy, store_db: str
) -> None:
    published = workbench.run("ingest", str(FIXTURE))
    assert published.returncode == 0, published.stderr
    before = checksum(workbench.warehouse)

    statement, step = POINTS[point]
    proxy.fail_on(statement, fault)
    run = workbench.start("ingest", str(FIXTURE))
    while not proxy.tripped.wait(timeout=0.1):  # until the run gets there (or ends early)
        assert run.poll() is None, f"the run ended before {point}: {run.communicate()[1]}"
    tripped_at = time.monotonic()
    try:
        _, stderr = run.communicate(timeout=BOUND_S * 2)
    except subprocess.TimeoutExpired:
        run.kill()
        pytest.fail(f"the run still waits on a {fault}ed store {BOUND_S * 2} s later")
    elapsed = time.monotonic() - tripped_at

    assert run.returncode == 2, stderr
    assert elapsed < BOUND_S, f"ended {elapsed:.1f} s after the {fault}"
    lines = problem_lines(stderr)
    assert len(lines) == 1, stderr
    target = f"host 127.0.0.1 port {proxy.port} database {conninfo_to_dict(store_db)['dbname']}"
    assert lines[0].startswith(f"workbench: Lost the PostgreSQL metadata store ({target}): ")
    assert lines[0].endswith(f"Run #2 stopped in step {step}; the next start settles its record.")
    if fault == "stall":
        answer = TIMEOUTS["statement_timeout"] + TIMEOUTS["connect_timeout"]
        assert f"no answer within {answer} s" in lines[0]
    assert "Traceback" not in stderr and "WARNING" not in stderr
    assert "psycopg.pool WARNING" in workbench.log_text()  # routed to the log, not silenced
    assert checksum(workbench.warehouse) == before
    assert list((workbench.data_dir / ".building").glob("*")) == []

    proxy.heal()  # the store is back: the next start settles the run
    history = workbench.run("runs")
    assert history.returncode == 0, history.stderr
    assert history.stderr == ""
    runs = {line.split()[0]: line for line in history.stdout.splitlines()[1:]}
    assert runs["#1"].split()[1] == "succeeded"
    assert runs["#2"].split()[1] == "interrupted"
    assert status_of(store_db, 2) == (
        "interrupted",
        "The process running it stopped unexpectedly; nothing was published.",
    )


# -- the store adapter itself, in this process ---------------------------------------------------
def test_a_store_that_never_answers_the_connection_is_refused_within_connect_timeout(
    workbench: Workbench, proxy: StoreProxy
) -> None:
    proxy.fail_on(b"", "stall")  # the very first bytes (the start-up packet) stall
    started = time.monotonic()
    with pytest.raises(MetadataStoreError) as caught:
        PostgresMetadataStore(workbench.dsn, PostgresTimeouts(connect=1))
    assert time.monotonic() - started < 10  # connect_timeout (1 s) and a generous margin
    assert str(caught.value).startswith("Cannot use the PostgreSQL metadata store (host 127.0.0.1")
    assert "timeout" in str(caught.value)


def test_connections_reset_while_idle_are_replaced_without_an_error(
    workbench: Workbench, proxy: StoreProxy
) -> None:
    store = PostgresMetadataStore(workbench.dsn, PostgresTimeouts(connect=1, pool=2))
    try:
        version = store.schema_version()
        proxy.reset_all()  # the server restarted while the pool held its connections
        assert store.schema_version() == version
    finally:
        store.close()
