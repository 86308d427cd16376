"""Migrations under concurrent start-up, and clean failures when PostgreSQL cannot be used."""

from __future__ import annotations

import multiprocessing
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from domain.repositories.metadata_store import MetadataStoreError
from infrastructure.metadata.postgres_store import PostgresMetadataStore, PostgresTimeouts
from infrastructure.metadata.queries import migrations
from infrastructure.metadata.sqlite_store import SqliteMetadataStore


def _open_and_close(backend: str, target: str) -> int:
    store = (
        SqliteMetadataStore(Path(target)) if backend == "sqlite" else PostgresMetadataStore(target)
    )
    try:
        return store.schema_version()
    finally:
        store.close()


@pytest.fixture
def empty_pg_database(pg_dsn: str) -> Iterator[str]:
    """A brand-new database with no schema at all, dropped afterwards."""
    admin_info = conninfo_to_dict(pg_dsn)
    name = f"workbench_fresh_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_conninfo(**{**admin_info, "dbname": name})
    finally:
        with psycopg.connect(pg_dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_processes_starting_together_migrate_once(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if backend == "sqlite":
        target = str(tmp_path / "meta.sqlite")
    else:
        target = request.getfixturevalue("empty_pg_database")
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        versions = pool.starmap(_open_and_close, [(backend, target)] * 4)
    latest = migrations(backend)[-1].version
    assert versions == [latest] * 4
    if backend == "postgres":
        with psycopg.connect(target) as connection:
            applied = connection.execute("SELECT version FROM schema_version").fetchall()
    else:
        import sqlite3

        with sqlite3.connect(target) as connection:
            applied = connection.execute("SELECT version FROM schema_version").fetchall()
    assert sorted(v for (v,) in applied) == [m.version for m in migrations(backend)]


def test_many_processes_opening_a_new_sqlite_file_together_all_open_it(tmp_path: Path) -> None:
    """Switching a new file to WAL takes its exclusive lock, and SQLite may answer "database is
    locked" at once to the others, without its busy wait: opening waits for it (before, about
    one open in 60 failed here, 8 processes at a time)."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(8) as pool:
        for attempt in range(12):
            target = str(tmp_path / f"meta-{attempt}.sqlite")
            versions = pool.starmap(_open_and_close, [("sqlite", target)] * 8)
            assert versions == [migrations("sqlite")[-1].version] * 8


def test_both_dialects_have_the_same_migrations() -> None:
    assert [m.version for m in migrations("sqlite")] == [m.version for m in migrations("postgres")]


@pytest.mark.parametrize(
    ("dsn", "expected"),
    [
        ("postgresql://postgres:s3cret@127.0.0.1:1/postgres", "port 1"),
        ("postgresql://nobody:s3cret@127.0.0.1:5432/postgres", 'role "nobody" does not exist'),
        ("postgresql://postgres:s3cret@127.0.0.1:5432/no_such_db_xyz", "no_such_db_xyz"),
        ("postgresql://postgres:s3cret@no-such-host.invalid:5432/postgres", "no-such-host.invalid"),
    ],
    ids=["refused", "bad-credentials", "missing-database", "unknown-host"],
)
def test_unusable_postgres_gives_one_clean_line_quickly(
    dsn: str, expected: str, pg_dsn: str
) -> None:
    started = time.monotonic()
    with pytest.raises(MetadataStoreError) as caught:
        PostgresMetadataStore(dsn, PostgresTimeouts(connect=5))
    message = str(caught.value)
    assert time.monotonic() - started < 10  # a hang would never return; the bound is generous
    assert expected in message
    assert "s3cret" not in message
    assert "\n" not in message
    assert message.startswith("Cannot use the PostgreSQL metadata store (host ")


def test_unwritable_sqlite_path_is_a_clean_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(MetadataStoreError, match="Cannot open SQLite metadata store"):
        SqliteMetadataStore(blocker / "meta.sqlite")
