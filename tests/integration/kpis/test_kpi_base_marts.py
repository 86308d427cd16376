"""The KPI base marts' keys and flags are what their definitions say, computed here by windows
over the rows (the marts number and flag narrow columns, or group, and join back instead): the
orders' numbers in order_id order, a person's first and only order, an order's first item of
each seller and of each category. On the hand-made fixture with a tie on the purchase time and
an order without one, and on the generated set."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest

from infrastructure.source import open_source
from infrastructure.warehouse import WarehouseBuilder

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"

FIRST_AND_ONLY_ORDER = """
select count(*) from (
    select
        order_id,
        is_first_order,
        is_only_order,
        customer_unique_id is not null and row_number() over (
            partition by customer_unique_id order by purchased_at, order_id
        ) = 1 as first_by_window,
        customer_unique_id is not null
            and count(*) over (partition by customer_unique_id) = 1 as only_by_window
    from mart_kpi_orders
)
where is_first_order is distinct from first_by_window
    or is_only_order is distinct from only_by_window
"""

ORDER_KEYS_IN_ID_ORDER = """
select count(*) from (
    select order_key, row_number() over (order by order_id) as key_by_window
    from mart_kpi_orders
)
where order_key is distinct from key_by_window
"""

FIRST_OF_SELLER_AND_CATEGORY = """
select count(*) from (
    select
        is_first_of_seller,
        is_first_of_category,
        is_only_item,
        order_item_id = min(order_item_id) over (partition by order_key, seller_id)
            as seller_by_window,
        order_item_id = min(order_item_id) over (partition by order_key, category, category_name)
            as category_by_window,
        count(*) over (partition by order_key) = 1 as only_by_window
    from mart_kpi_items
)
where is_first_of_seller is distinct from seller_by_window
    or is_first_of_category is distinct from category_by_window
    or is_only_item is distinct from only_by_window
"""


def _build(source: Path, target: Path) -> Path:
    with open_source(source) as opened:
        WarehouseBuilder().build(opened, target)
    return target


def _with_ties(folder: Path) -> Path:
    """The fixture with person ee..01's two orders bought at the same second (the order id breaks
    the tie) and a repeat buyer's order without a purchase time (a window puts it last)."""
    shutil.copytree(FIXTURE, folder)
    orders = folder / "olist_orders_dataset.csv"
    with orders.open(newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    at = header.index("order_purchase_timestamp")
    by_id = {row[0]: row for row in body}
    by_id["ad000000000000000000000000000002"][at] = by_id["ad000000000000000000000000000001"][at]
    customers = {}
    with (folder / "olist_customers_dataset.csv").open(newline="") as f:
        for row in list(csv.reader(f))[1:]:
            customers[row[0]] = row[1]
    people = [customers.get(row[1]) for row in body]
    tied = {"ad000000000000000000000000000001", "ad000000000000000000000000000002"}
    repeat = next(
        row
        for row, person in zip(body, people, strict=True)
        if people.count(person) > 1 and row[0] not in tied
    )
    repeat[at] = ""
    with orders.open("w", newline="") as f:
        csv.writer(f, quoting=csv.QUOTE_MINIMAL).writerows([header, *body])
    return folder


@pytest.fixture(scope="module")
def tied_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = _with_ties(tmp_path_factory.mktemp("ties") / "export")
    return _build(folder, tmp_path_factory.mktemp("ties-warehouse") / "warehouse.duckdb")


@pytest.fixture(scope="module")
def generated(small_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(small_source, tmp_path_factory.mktemp("base-marts") / "warehouse.duckdb")


def _count(warehouse: Path, sql: str) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def test_the_tie_and_the_missing_purchase_time_are_there(tied_warehouse: Path) -> None:
    assert _count(tied_warehouse, "select count(*) from fct_orders where purchased_at is null") == 1
    ties = """select count(*) from (select customer_unique_id, purchased_at from fct_orders
        group by all having count(*) > 1)"""
    assert _count(tied_warehouse, ties) == 1
    firsts = """select count(*) from mart_kpi_orders
        where order_id = 'ad000000000000000000000000000001' and is_first_order"""
    assert _count(tied_warehouse, firsts) == 1


@pytest.mark.parametrize("source", ["tied_warehouse", "generated"])
def test_first_and_only_order_are_their_windows(
    source: str, request: pytest.FixtureRequest
) -> None:
    warehouse = request.getfixturevalue(source)
    assert _count(warehouse, "select count(*) from mart_kpi_orders where is_first_order") > 0
    assert _count(warehouse, FIRST_AND_ONLY_ORDER) == 0


@pytest.mark.parametrize("source", ["tied_warehouse", "generated"])
def test_order_keys_number_the_orders_in_id_order(
    source: str, request: pytest.FixtureRequest
) -> None:
    assert _count(request.getfixturevalue(source), ORDER_KEYS_IN_ID_ORDER) == 0


@pytest.mark.parametrize("source", ["tied_warehouse", "generated"])
def test_first_of_seller_and_category_are_their_windows(
    source: str, request: pytest.FixtureRequest
) -> None:
    warehouse = request.getfixturevalue(source)
    assert _count(warehouse, "select count(*) from mart_kpi_items where not is_only_item") > 0
    assert _count(warehouse, FIRST_OF_SELLER_AND_CATEGORY) == 0
