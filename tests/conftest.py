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


class PageCache:
    """Whether a file's pages are in the OS page cache (mincore(2) on a mapping of it), and
    dropping them (posix_fadvise DONTNEED): what reading a file ahead changes."""

    def __init__(self) -> None:
        import ctypes
        import ctypes.util

        self._libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)

    def evict(self, path: Path) -> None:
        from infrastructure.analytics.read_ahead import drop_from_page_cache

        drop_from_page_cache(path)

    def resident(self, path: Path) -> float:
        """The share of the file's pages in the page cache, 0.0 to 1.0 (mapping the file
        reads none of it)."""
        import ctypes
        import mmap

        size = path.stat().st_size
        if size == 0:
            return 1.0  # nothing to read (and an empty file cannot be mapped)
        pages = (size + mmap.PAGESIZE - 1) // mmap.PAGESIZE
        vector = (ctypes.c_ubyte * pages)()
        with (
            open(path, "rb") as file,
            mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_COPY) as mapped,
        ):
            start = ctypes.c_char.from_buffer(mapped)  # the mapping's address; nothing read
            try:
                failed = self._libc.mincore(
                    ctypes.c_void_p(ctypes.addressof(start)), ctypes.c_size_t(size), vector
                )
            finally:
                del start  # the mapping closes only once nothing points into it
        if failed:
            raise OSError(ctypes.get_errno(), "mincore")
        return sum(page & 1 for page in vector) / pages


@pytest.fixture
def page_cache(tmp_path: Path) -> PageCache:
    """Skips where a file's pages cannot be dropped from the cache (tmpfs keeps every one): asked
    of the kernel directly, so that a broken `evict` fails the tests rather than skip them."""
    cache = PageCache()
    probe = tmp_path / "page-cache-probe"
    with probe.open("wb") as file:
        file.write(os.urandom(1 << 20))
        file.flush()
        os.fsync(file.fileno())
        os.posix_fadvise(file.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
    if cache.resident(probe) > 0.5:
        pytest.skip(f"{tmp_path}'s file system keeps its pages in memory (tmpfs?)")
    probe.unlink()
    return cache
