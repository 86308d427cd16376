"""The warehouse built without rows, in memory: its real tables, columns and comments, for writing
the dbt project's properties and compiling the quality rules against (in a second, at any scale)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from infrastructure.quality.connection import read_catalogue
from infrastructure.quality.warehouse_catalogue import WarehouseCatalogue
from infrastructure.source.contract import SOURCE_FILES
from infrastructure.source.csv_reader import create_source_view
from infrastructure.sql_files import sql_file
from infrastructure.warehouse.catalog import all_models
from infrastructure.warehouse.reference_data import seed_reference_data


@dataclass(frozen=True)
class WarehouseShape:
    catalogue: WarehouseCatalogue
    # (table or macro, column or None) -> description, from comments.sql
    descriptions: dict[tuple[str, str | None], str]


def warehouse_shape() -> WarehouseShape:
    with _empty_sources() as sources, duckdb.connect() as con:
        seed_reference_data(con)
        for source in SOURCE_FILES:
            create_source_view(con, source, sources / source.file_name)
        for model in all_models():
            con.execute(model.create_statement())
        con.execute(sql_file("infrastructure.warehouse", "comments.sql"))
        rows = con.sql(sql_file("infrastructure.dbt", "descriptions.sql")).fetchall()
        return WarehouseShape(read_catalogue(con), {(t, c): text for t, c, text in rows})


@contextmanager
def _empty_sources() -> Iterator[Path]:
    """The nine files with their header line only."""
    with tempfile.TemporaryDirectory(prefix="olist-dbt-shape-") as folder:
        for source in SOURCE_FILES:
            (Path(folder) / source.file_name).write_text(source.header_line + "\n")
        yield Path(folder)
