"""The figures kept at build for the views' first answer (mart_kpi_sellers, mart_kpi_products)
are the ones the views compute under filters: without filters each view reads them, with a
period spanning every purchase it computes them, and the two agree."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from domain.value_objects.date_range import DateRange
from workbench.application.kpi_filters import Filters
from workbench.application.kpis import KpiService


@pytest.fixture(scope="module")
def everything(generated_kpis: KpiService) -> Filters:
    span = generated_kpis.choices().span
    assert span is not None
    return Filters(DateRange(span.start, span.end))


def same(kept: pl.DataFrame, computed: pl.DataFrame) -> None:
    assert kept.height > 0
    assert_frame_equal(kept, computed, check_exact=False, rel_tol=1e-12, abs_tol=0)


def test_the_sellers_view_reads_what_it_computes(
    generated_kpis: KpiService, everything: Filters
) -> None:
    kept, computed = generated_kpis.sellers(Filters()), generated_kpis.sellers(everything)
    same(kept.table, computed.table)
    same(kept.trend, computed.trend)


@pytest.mark.parametrize("product_rows", [5, None])
def test_the_products_view_reads_what_it_computes(
    generated_kpis: KpiService, everything: Filters, product_rows: int | None
) -> None:
    kept = generated_kpis.products(Filters(), product_rows)
    computed = generated_kpis.products(everything, product_rows)
    for name in ("kpi_product_abc", "kpi_abc_summary"):
        same(kept.tables[name], computed.tables[name])
    assert kept.tables["kpi_product_abc"].height == (
        product_rows or computed.tables["kpi_product_abc"].height
    )
