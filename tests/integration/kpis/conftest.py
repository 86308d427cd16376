"""Fixtures: KpiService over warehouses built from the hand-made fixture and the generated set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from infrastructure.analytics.warehouse_reader import WarehouseReader
from infrastructure.source import open_source
from infrastructure.warehouse import WarehouseBuilder
from workbench.application.kpis import KpiService

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"


def _build(source: Path, target: Path) -> Path:
    with open_source(source) as opened:
        WarehouseBuilder().build(opened, target)
    return target


@pytest.fixture(scope="module")
def fixture_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(FIXTURE, tmp_path_factory.mktemp("kpi-fixture") / "warehouse.duckdb")


@pytest.fixture(scope="module")
def kpis(fixture_warehouse: Path) -> Iterator[KpiService]:
    reader = WarehouseReader(fixture_warehouse)
    yield KpiService(reader)
    reader.close()


@pytest.fixture(scope="module")
def generated_warehouse(small_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(small_source, tmp_path_factory.mktemp("kpi-generated") / "warehouse.duckdb")


@pytest.fixture(scope="module")
def generated_reader(generated_warehouse: Path) -> Iterator[WarehouseReader]:
    reader = WarehouseReader(generated_warehouse)
    yield reader
    reader.close()


@pytest.fixture(scope="module")
def generated_kpis(generated_reader: WarehouseReader) -> KpiService:
    return KpiService(generated_reader)
