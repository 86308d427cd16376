"""A warehouse published from the hand-made olist_small export (via the container), and a way
to count the queries an adapter sends to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from explorer_helpers import CountingWarehouse, HandQueries

from domain.entities.ingestion_run import RunStatus
from infrastructure.analytics.warehouse_reader import WarehouseReader
from workbench.application.config import load_settings
from workbench.container import Container, build_container

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"


@pytest.fixture(scope="package")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    """A container whose warehouse was ingested from the fixture export."""
    data_dir = tmp_path_factory.mktemp("explorer") / "data"
    container = build_container(load_settings({"data_dir": data_dir}, env={}, config_file=None))
    outcome = container.ingestion().ingest(FIXTURE)
    assert outcome.status is RunStatus.SUCCEEDED, outcome.message
    yield container
    container.shutdown_resources()


@pytest.fixture(scope="package")
def reader(published: Container) -> WarehouseReader:
    return published.warehouse()


@pytest.fixture
def counting(reader: WarehouseReader) -> CountingWarehouse:
    return CountingWarehouse(reader)


@pytest.fixture(scope="package")
def hand(reader: WarehouseReader) -> HandQueries:
    return HandQueries(reader)
