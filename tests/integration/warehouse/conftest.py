"""Fixtures: the hand-made olist_small export, copies to corrupt, a warehouse built from it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from infrastructure.source import open_source
from infrastructure.warehouse import BuildResult, WarehouseBuilder

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"


def build(source_dir: Path, target: Path) -> BuildResult:
    with open_source(source_dir) as source:
        return WarehouseBuilder().build(source, target)


@pytest.fixture
def source_copy(tmp_path: Path) -> Path:
    """A private copy of the fixture export, free to corrupt."""
    copy = tmp_path / "source"
    shutil.copytree(FIXTURE, copy, ignore=shutil.ignore_patterns("*.md"))
    return copy


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(FIXTURE, tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb")


@pytest.fixture(scope="module")
def warehouse(built: BuildResult) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(built.path), read_only=True)
    yield con
    con.close()
