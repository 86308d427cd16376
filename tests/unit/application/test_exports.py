"""ExportService on fakes: each export is recorded with the published run, and the shared
frames of a KPI view are computed once for all of its tables."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import polars as pl
from fakes import FakeFrameWriter, FakeMetadataStore, FakeWarehouse, frame_text

from domain.entities.ingestion_run import RunStatus
from workbench.application.exports import ExportedFile, ExportService
from workbench.application.ports import WarehouseQueries
from workbench.application.views import View

ORDERS = pl.DataFrame({"order_id": ["o1", "o2"]})


def service(
    store: FakeMetadataStore, writer: FakeFrameWriter, fake: FakeWarehouse
) -> ExportService:
    return ExportService(store, fake, writer, frame_text)


def test_an_export_is_recorded_with_the_published_run() -> None:
    store, writer = FakeMetadataStore(), FakeFrameWriter()
    published = store.add_run(RunStatus.SUCCEEDED)
    store.add_run(RunStatus.FAILED)
    exported = service(store, writer, FakeWarehouse()).export_frame(
        "orders", ORDERS, "csv", Path("/out/orders.csv")
    )
    assert exported == ExportedFile("orders", Path("/out/orders.csv"), 2)
    assert writer.written == [("orders.csv", "csv", 2)]
    (record,) = store.exports
    assert (record.run_id, record.view, record.format, record.path, record.rows) == (
        published, "orders", "csv", "/out/orders.csv", 2,
    )  # fmt: skip


def test_without_a_published_run_an_export_is_recorded_without_one() -> None:
    store = FakeMetadataStore()
    store.add_run(RunStatus.BLOCKED)
    service(store, FakeFrameWriter(), FakeWarehouse()).export_frame(
        "orders", ORDERS, "json", Path("o.json")
    )
    assert store.exports[0].run_id is None


def test_a_run_given_by_the_caller_is_the_one_recorded() -> None:
    store = FakeMetadataStore()
    store.add_run(RunStatus.SUCCEEDED)
    views = (View("t", "a table", lambda warehouse: warehouse.table("t")),)
    fake = FakeWarehouse(tables={"t": ORDERS})
    service(store, FakeFrameWriter(), fake).export_views(views, "md", Path("/out"), run_id=42)
    assert [(e.run_id, e.path) for e in store.exports] == [(42, "/out/t.md")]


def test_the_tables_of_one_kpi_view_are_computed_once() -> None:
    computed: list[str] = []

    def delivery_tables(warehouse: WarehouseQueries) -> Mapping[str, pl.DataFrame]:
        computed.append("delivery")
        return {"days": ORDERS.head(1), "states": ORDERS}

    views = (
        View("days", "delivery days", lambda w: pl.DataFrame(), delivery_tables),
        View("t", "a table", lambda warehouse: warehouse.table("t")),
        View("states", "by state", lambda w: pl.DataFrame(), delivery_tables),
    )
    store, writer = FakeMetadataStore(), FakeFrameWriter()
    fake = FakeWarehouse(tables={"t": ORDERS.head(0)})
    exported = service(store, writer, fake).export_views(views, "parquet", Path("/out"))
    assert computed == ["delivery"]
    assert [(e.view, e.path, e.rows) for e in exported] == [
        ("days", Path("/out/days.parquet"), 1),
        ("t", Path("/out/t.parquet"), 0),
        ("states", Path("/out/states.parquet"), 2),
    ]
    assert [(e.view, e.rows) for e in store.exports] == [("days", 1), ("t", 0), ("states", 2)]
    assert fake.names() == ["table t"]


def test_text_is_the_frame_in_the_asked_format() -> None:
    text = service(FakeMetadataStore(), FakeFrameWriter(), FakeWarehouse()).text(ORDERS, "md")
    assert text == "md:2 rows"
