"""A page of a named query sorted by one of its columns sorts the rows once: the query's own
final ORDER BY is dropped under the new one, which names every row's place. DuckDB otherwise
sorted every row the query's way first (the largest segment's customers sorted by id at scale
100: ~600 ms, against ~4 ms for the top-N alone)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from infrastructure.analytics.warehouse_reader import WarehouseReader
from infrastructure.warehouse import BuildResult

QUERY = "segment_customers"  # its own order: biggest spenders first
PARAMS = {"segment": None}
ORDER = ("customer_unique_id", False)


@pytest.fixture(scope="module")
def reader(built: BuildResult) -> Iterator[WarehouseReader]:
    warehouse = WarehouseReader(built.path)
    yield warehouse
    warehouse.close()


def plan(reader: WarehouseReader, order: tuple[str, bool] | None) -> str:
    statement = reader.page_statement(QUERY, PARAMS, offset=5, limit=10, order=order)
    return "\n".join(str(row[1]) for row in reader.rows("EXPLAIN " + statement, PARAMS))


def test_a_sorted_page_is_one_top_n_without_the_query_s_own_sort(reader: WarehouseReader) -> None:
    assert "─ Order By " in plan(reader, None), "in its own order, the query sorts its rows"
    sorted_page = plan(reader, ORDER)
    assert "─ Top N " in sorted_page
    assert "─ Order By " not in sorted_page, sorted_page


def test_a_sorted_page_holds_the_rows_of_the_whole_sorted(reader: WarehouseReader) -> None:
    page = reader.query_page(QUERY, PARAMS, offset=5, limit=10, order=ORDER)
    whole = reader.query(QUERY, PARAMS).sort(list(reader.query(QUERY, PARAMS).columns))
    assert page.to_dicts() == whole.slice(5, 10).to_dicts()
    descending = reader.query_page(QUERY, PARAMS, offset=0, limit=3, order=("monetary", True))
    assert descending["monetary"].to_list() == sorted(whole["monetary"].to_list())[::-1][:3]
