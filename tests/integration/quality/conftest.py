"""Fixtures: warehouses to check (crafted tables, the hand-made export) and the default rules."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from quality_helpers import FIXTURE, craft

from domain.repositories.metadata_store import QualityRuleRecord
from infrastructure.metadata.sqlite_store import SqliteMetadataStore
from infrastructure.source import open_source
from infrastructure.warehouse import WarehouseBuilder


@pytest.fixture(scope="session")
def clean_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return craft(tmp_path_factory.mktemp("crafted") / "clean.duckdb", dirty=False)


@pytest.fixture(scope="session")
def dirty_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return craft(tmp_path_factory.mktemp("crafted") / "dirty.duckdb", dirty=True)


@pytest.fixture(scope="session")
def fixture_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made export with every documented anomaly, built into a warehouse file."""
    target = tmp_path_factory.mktemp("olist-small") / "warehouse.duckdb"
    with open_source(FIXTURE) as source:
        WarehouseBuilder().build(source, target)
    return target


@pytest.fixture(scope="session")
def default_rules(tmp_path_factory: pytest.TempPathFactory) -> list[QualityRuleRecord]:
    """The catalogue seeded by the migration, read back from a fresh SQLite store."""
    store = SqliteMetadataStore(tmp_path_factory.mktemp("meta") / "meta.sqlite")
    try:
        return store.list_rules()
    finally:
        store.close()


@pytest.fixture
def source_copy(tmp_path: Path) -> Path:
    """A private copy of the hand-made export, free to corrupt."""
    copy = tmp_path / "source"
    shutil.copytree(FIXTURE, copy, ignore=shutil.ignore_patterns("*.md"))
    return copy
