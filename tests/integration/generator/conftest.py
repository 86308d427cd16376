"""Generated datasets shared by the generator tests, and DuckDB views typed by the contract."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from infrastructure.generator import GenerationSummary, generate
from infrastructure.source.contract import SOURCE_FILES

SEED = 20_240_521


def _open_tables(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per contract table, read with the contract's types."""
    connection = duckdb.connect()
    for source in SOURCE_FILES:
        columns = ", ".join(f"'{c.name}': '{c.duckdb_type}'" for c in source.columns)
        connection.execute(
            f"CREATE VIEW {source.table} AS SELECT * FROM read_csv("
            f"'{folder / source.file_name}', header = true, delim = ',', quote = '\"', "
            f"escape = '\"', columns = {{{columns}}})"
        )
    return connection


@pytest.fixture(scope="session")
def small_dataset(tmp_path_factory: pytest.TempPathFactory) -> GenerationSummary:
    """Scale 0.01 (~1k orders): for byte-level format checks."""
    return generate(tmp_path_factory.mktemp("scale_001"), 0.01, SEED)


@pytest.fixture(scope="session")
def medium_dataset(tmp_path_factory: pytest.TempPathFactory) -> GenerationSummary:
    """Scale 0.1 (~10k orders): for distributions and anomaly rates."""
    return generate(tmp_path_factory.mktemp("scale_01"), 0.1, SEED)


@pytest.fixture(scope="session")
def chunked_dataset(tmp_path_factory: pytest.TempPathFactory) -> GenerationSummary:
    """Scale 0.03 written in five chunks of orders, to prove chunks stay consistent."""
    return generate(tmp_path_factory.mktemp("chunked"), 0.03, SEED, chunk_orders=600)


@pytest.fixture(scope="module")
def medium_tables(medium_dataset: GenerationSummary) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = _open_tables(medium_dataset.out)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def chunked_tables(chunked_dataset: GenerationSummary) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = _open_tables(chunked_dataset.out)
    yield connection
    connection.close()
