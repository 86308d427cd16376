"""Exporting every KPI table computes each KPI view once, whatever the number of its tables, and
writes the same frames the views show."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import polars as pl

from infrastructure.analytics.warehouse_reader import WarehouseReader
from infrastructure.exporters.frame_writer import frame_text, write_frame
from infrastructure.metadata.sqlite_store import SqliteMetadataStore
from workbench.application.exports import ExportService
from workbench.application.kpi_filters import Filters
from workbench.application.kpis import KpiService
from workbench.presentation.kpi_tables import KPI_FRAMES, KPI_VIEWS, view_frames


class CountingReader:
    """The real reader, counting each named query."""

    def __init__(self, reader: WarehouseReader) -> None:
        self.reader = reader
        self.queries: Counter[str] = Counter()

    def query(self, name: str, params: Mapping[str, Any] | None = None) -> pl.DataFrame:
        self.queries[name] += 1
        return self.reader.query(name, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.reader, name)


def test_every_kpi_table_is_exported_from_one_computation_of_its_view(
    fixture_warehouse: Path, tmp_path: Path
) -> None:
    reader = CountingReader(WarehouseReader(fixture_warehouse))
    store = SqliteMetadataStore(tmp_path / "metadata.sqlite")
    try:
        exported = ExportService(store, reader, write_frame, frame_text).export_views(
            KPI_VIEWS, "csv", tmp_path / "out"
        )
        assert [item.view for item in exported] == list(KPI_FRAMES)
        assert reader.queries and set(reader.queries.values()) == {1}, reader.queries
        views = {view for view, _ in KPI_FRAMES.values()}
        shown = {
            name: frame
            for view in views
            for name, frame in view_frames(KpiService(reader.reader).view(view, Filters())).items()
        }
        for item in exported:
            assert pl.read_csv(item.path).height == shown[item.view].height == item.rows
    finally:
        store.close()
        reader.reader.close()
