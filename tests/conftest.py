"""Shared fixtures: settings in tmp dirs and a real PostgreSQL database per test session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from hypothesis import settings as hypothesis_settings
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from workbench.application.config import Settings, load_settings

# No timed tests: Hypothesis' per-example deadline (200 ms) fails property tests on a busy machine.
hypothesis_settings.register_profile("workbench", deadline=None)
hypothesis_settings.load_profile("workbench")

PG_ADMIN_DSN = os.environ.get(
    "WORKBENCH_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture(scope="session")
def pg_dsn() -> Iterator[str]:
    """A database of this test session's own on the real server, dropped at the end."""
    try:
        admin = psycopg.connect(PG_ADMIN_DSN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        message = f"PostgreSQL is not reachable at {PG_ADMIN_DSN}: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    name = f"workbench_test_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            info = conninfo_to_dict(PG_ADMIN_DSN)
            info["dbname"] = name
            yield make_conninfo(**info)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_clean(pg_dsn: str) -> str:
    """The session database emptied of data (schema kept), for tests that need a fresh store."""
    with psycopg.connect(pg_dsn, autocommit=True) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'schema_version'"
            )
        ]
        if tables:
            listed = ", ".join(f'"{t}"' for t in tables)
            connection.execute(f"TRUNCATE {listed} RESTART IDENTITY CASCADE")
    return pg_dsn


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Embedded defaults inside a tmp dir, no config file, no environment."""
    return load_settings({"data_dir": tmp_path / "data"}, env={}, config_file=None)


@pytest.fixture(scope="session")
def small_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated dataset in the real format at scale 0.02 (about 2,000 orders), made once."""
    from infrastructure.generator import generate

    out = tmp_path_factory.mktemp("olist-small")
    generate(out, 0.02, 7)
    return out
