"""A seller missing from the sellers file (an orphan: the quality gate reports it, its figures
stay) is counted in the Sellers view under its id, as when the file lists it: the view groups
sellers by seller_key, which an orphan gets after dim_seller's sellers."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import polars as pl
import pytest

from domain.value_objects.date_range import DateRange
from infrastructure.analytics.warehouse_reader import WarehouseReader
from infrastructure.source import open_source
from infrastructure.warehouse import WarehouseBuilder
from workbench.application.kpi_filters import Filters
from workbench.application.kpis import KpiService

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"
# fd..02 sells in O2 beside fd..01 (one order, two sellers) and alone in others.
ORPHAN = "fd000000000000000000000000000002"


@pytest.fixture(scope="module")
def orphan_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("orphan-source")
    shutil.copytree(FIXTURE, source, dirs_exist_ok=True)
    sellers = source / "olist_sellers_dataset.csv"
    lines = sellers.read_text(encoding="utf-8").splitlines(keepends=True)
    sellers.write_text("".join(line for line in lines if ORPHAN not in line), encoding="utf-8")
    target = tmp_path_factory.mktemp("orphan-warehouse") / "warehouse.duckdb"
    with open_source(source) as opened:
        WarehouseBuilder().build(opened, target)
    return target


@pytest.fixture(scope="module")
def orphan_kpis(orphan_warehouse: Path) -> Iterator[KpiService]:
    reader = WarehouseReader(orphan_warehouse)
    yield KpiService(reader)
    reader.close()


def test_an_orphan_has_a_seller_key_after_dim_sellers(orphan_warehouse: Path) -> None:
    with duckdb.connect(str(orphan_warehouse), read_only=True) as con:
        keys = con.execute(
            "select seller_id, min(seller_key), max(seller_key) from mart_kpi_items "
            "group by seller_id order by seller_id"
        ).fetchall()
        sellers = con.execute("select count(*) from dim_seller").fetchall()[0][0]
    assert sellers == 2
    assert [row[0] for row in keys] == [f"fd{'0' * 28}{n:02d}" for n in (1, 2, 3)]
    assert all(low == high for _, low, high in keys), "one key per seller"
    assert dict((row[0], row[1]) for row in keys)[ORPHAN] == 3, "after dim_seller's 1 and 2"


def _filter_sets(kpis: KpiService) -> list[Filters]:
    choices = kpis.choices()
    assert choices.span is not None
    recent = DateRange(choices.span.end.replace(month=1, day=1), choices.span.end)
    return [
        Filters(),
        Filters(recent),
        Filters(states=("SP",)),
        *(Filters(categories=(category,)) for category in choices.categories),
    ]


def test_an_orphan_keeps_its_figures_under_every_filter(
    kpis: KpiService, orphan_kpis: KpiService
) -> None:
    checked = 0
    for filters in _filter_sets(kpis):
        listed = kpis.sellers(filters)
        orphaned = orphan_kpis.sellers(filters)
        if ORPHAN in listed.table["seller_id"].to_list():
            checked += 1
            row = orphaned.table.filter(pl.col("seller_id") == ORPHAN).row(0, named=True)
            assert row["seller_state"] is None, "an orphan has no state"
        assert orphaned.table.drop("seller_state").equals(listed.table.drop("seller_state"))
        assert orphaned.trend.equals(listed.trend)
    assert checked >= 3, "the orphan takes part under several filter sets"
