"""A warehouse published from the hand-made olist_small export (via the container), and a way
to count the queries an adapter sends to it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from domain.entities.ingestion_run import RunStatus
from infrastructure.analytics.warehouse_reader import WarehouseReader
from workbench.config import load_settings
from workbench.container import Container, build_container

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"


def fixture_id(prefix: str, number: int) -> str:
    """The fixture's ids: a two-character prefix, zeros, and a two-digit number (README)."""
    return f"{prefix}{'0' * 28}{number:02d}"


def order_id(number: int) -> str:
    return fixture_id("0d" if number >= 14 else "ad", number)


def person_id(number: int) -> str:
    return fixture_id("3e" if number == 3 else "ee", number)


def seller_id(number: int) -> str:
    return fixture_id("fd", number)


def product_id(number: int) -> str:
    return fixture_id("1d" if number == 4 else "bd", number)


class CountingWarehouse:
    """The real reader, counting the statements sent through it."""

    def __init__(self, reader: WarehouseReader) -> None:
        self.reader = reader
        self.statements = 0

    def sql(self, sql: str, params: Mapping[str, Any] | None = None) -> pl.DataFrame:
        self.statements += 1
        return self.reader.sql(sql, params)


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


class HandQueries:
    """Hand-written checking queries, run on the same published file."""

    def __init__(self, reader: WarehouseReader) -> None:
        self._reader = reader

    def rows(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        return self._reader.sql(sql, params or None).rows()

    def one(self, sql: str, **params: Any) -> tuple[Any, ...]:
        found = self.rows(sql, **params)
        assert len(found) == 1, found
        return found[0]


@pytest.fixture(scope="package")
def hand(reader: WarehouseReader) -> HandQueries:
    return HandQueries(reader)
