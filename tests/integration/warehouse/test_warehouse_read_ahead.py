"""A warehouse file read ahead lands in the OS page cache whole, unless it is larger than the
share of the machine's memory it may take; a file gone or unreadable reads nothing, silently."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from infrastructure.analytics.read_ahead import (
    MEMORY_SHARE,
    physical_memory_bytes,
    read_into_page_cache,
    start_read_ahead,
)
from infrastructure.analytics.warehouse_reader import WarehouseReader
from infrastructure.warehouse import BuildResult


def test_a_file_evicted_from_the_page_cache_is_read_back_whole(
    tmp_path: Path, page_cache: Any
) -> None:
    path = tmp_path / "warehouse.duckdb"
    path.write_bytes(bytes(range(256)) * (20 * 4096 + 7))  # 20 MiB and a bit: several chunks
    page_cache.evict(path)
    assert page_cache.resident(path) == 0.0

    assert read_into_page_cache(path, limit_bytes=1 << 30) == path.stat().st_size

    assert page_cache.resident(path) == 1.0


def test_a_file_over_the_limit_is_not_read(tmp_path: Path, page_cache: Any) -> None:
    path = tmp_path / "warehouse.duckdb"
    path.write_bytes(b"x" * (4 << 20))
    page_cache.evict(path)

    assert read_into_page_cache(path, limit_bytes=(4 << 20) - 1) == 0

    assert page_cache.resident(path) == 0.0


def test_a_missing_or_unreadable_file_reads_nothing_and_raises_nothing(tmp_path: Path) -> None:
    assert read_into_page_cache(tmp_path / "gone.duckdb", limit_bytes=1 << 30) == 0
    assert read_into_page_cache(tmp_path, limit_bytes=1 << 30) == 0  # a directory
    thread = start_read_ahead(tmp_path / "gone.duckdb")  # the default limit
    assert thread is not None
    thread.join(timeout=5)
    assert not thread.is_alive()


def test_a_file_over_the_limit_given_to_the_thread_stays_on_the_disk(
    tmp_path: Path, page_cache: Any
) -> None:
    path = tmp_path / "warehouse.duckdb"
    path.write_bytes(b"x" * (4 << 20))
    page_cache.evict(path)
    thread = start_read_ahead(path, limit_bytes=1)
    assert thread is not None
    thread.join(timeout=5)
    assert not thread.is_alive()
    assert page_cache.resident(path) == 0.0


def test_the_default_limit_is_a_share_of_the_machines_memory() -> None:
    memory = physical_memory_bytes()
    assert memory > 0
    assert 0 < MEMORY_SHARE <= 0.5


def test_the_reader_reads_its_published_file_ahead(built: BuildResult, page_cache: Any) -> None:
    page_cache.evict(built.path)
    reader = WarehouseReader(built.path)
    try:
        reader.read_ahead()
        for _ in range(100):
            if page_cache.resident(built.path) == 1.0:
                break
            time.sleep(0.05)
        assert page_cache.resident(built.path) == 1.0
    finally:
        reader.close()
