"""kpi_periods reads rollups (mart_kpi_daily, mart_kpi_daily_categories) rather than the orders:
its rows must be the ones the definition order by order gives (hand_sql/kpi_periods_by_order.sql,
the macro as it was before them) for every grain, filter combination, the total row and the
comparison periods' totals. On the hand-made fixture (O9 holds items of two categories,
`(no category)` and `pc_gamer`) and on the generated set, under chosen and random filters."""

from __future__ import annotations

import csv
import math
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infrastructure.source import open_source
from infrastructure.warehouse import WarehouseBuilder

REFERENCE = (Path(__file__).parent / "hand_sql" / "kpi_periods_by_order.sql").read_text("utf-8")
GRAINS = ("day", "week", "month")
# Means of DOUBLE values (fractional delivery days, a mean of reviews per order) are summed in
# another order by the rollup: equal up to the last bits, as two runs of one parallel sum.
SUMMED_DOUBLES = {"avg_delivery_days", "avg_review_score"}
QUERY = "select * from {macro}($date_from, $date_to, $states, $categories, $grain)"


class Warehouse:
    def __init__(self, path: Path) -> None:
        self.con = duckdb.connect(str(path), read_only=True)
        self.con.execute(
            "CREATE TEMP MACRO kpi_periods_by_order(from_date, to_date, in_states, "
            f"in_categories, grain) AS TABLE {REFERENCE}"
        )
        self.states = self._values("select distinct customer_state from mart_kpi_orders")
        self.categories = self._values("select distinct category from mart_kpi_items")
        first, last = self.con.execute(
            "select min(purchased_at)::date, max(purchased_at)::date from mart_kpi_orders"
        ).fetchall()[0]
        self.first: date = first
        self.last: date = last

    def _values(self, sql: str) -> list[str]:
        return sorted(row[0] for row in self.con.execute(sql).fetchall() if row[0] is not None)

    def rows(self, macro: str, params: dict[str, Any]) -> tuple[list[str], list[Any], list[tuple]]:
        result = self.con.execute(QUERY.format(macro=macro), params)
        names = [column[0] for column in result.description]
        types = [column[1] for column in result.description]
        return names, types, result.fetchall()

    def assert_same(self, params: dict[str, Any]) -> int:
        """kpi_periods' rows equal the reference's; returns how many orders the total holds."""
        names, types, rows = self.rows("kpi_periods", params)
        ref_names, ref_types, ref_rows = self.rows("kpi_periods_by_order", params)
        assert (names, types) == (ref_names, ref_types), params
        assert len(rows) == len(ref_rows), params
        for row, ref_row in zip(rows, ref_rows, strict=True):
            for name, value, expected in zip(names, row, ref_row, strict=True):
                if name in SUMMED_DOUBLES and value is not None and expected is not None:
                    assert math.isclose(value, expected, rel_tol=1e-12), (params, name, row)
                else:
                    assert value == expected, (params, name, row, ref_row)
        total = next(row for row in rows if row[names.index("is_total")])
        return int(total[names.index("orders")])


def _params(
    date_from: date | None = None,
    date_to: date | None = None,
    states: list[str] | None = None,
    categories: list[str] | None = None,
    grain: str = "month",
) -> dict[str, Any]:
    return {
        "date_from": date_from,
        "date_to": date_to,
        "states": states,
        "categories": categories,
        "grain": grain,
    }


@pytest.fixture(scope="module")
def fixture_db(fixture_warehouse: Path) -> Iterator[Warehouse]:
    warehouse = Warehouse(fixture_warehouse)
    yield warehouse
    warehouse.con.close()


# Missing money (the source allows empty price and freight fields) in the two fixture orders of two
# categories: O9's `(no category)` item loses its price, O2's bed_bath_table item its freight. Under
# both categories an order's value is then the sum of its chosen items' prices plus the sum of
# their freights (kpi_orders), so the other field of the item whose field is missing still counts.
MISSING_MONEY = {
    ("ad000000000000000000000000000009", "1"): "price",
    ("ad000000000000000000000000000002", "2"): "freight_value",
}


@pytest.fixture(scope="module")
def missing_money_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    fixture = Path(__file__).parents[2] / "fixtures" / "olist_small"
    source = tmp_path_factory.mktemp("kpi-missing-money") / "source"
    shutil.copytree(fixture, source, ignore=shutil.ignore_patterns("*.md"))
    items = source / "olist_order_items_dataset.csv"
    with items.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    for row in rows:
        field = MISSING_MONEY.get((row["order_id"], row["order_item_id"]))
        if field:
            row[field] = ""
    with items.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        writer.writerows(rows)
    target = source.parent / "warehouse.duckdb"
    with open_source(source) as opened:
        WarehouseBuilder().build(opened, target)
    warehouse = Warehouse(target)
    yield warehouse
    warehouse.con.close()


@pytest.mark.parametrize("grain", GRAINS)
@pytest.mark.parametrize(
    "categories",
    [
        None,
        ["(no category)", "pc_gamer"],  # O9: its uncategorised item's freight counts
        ["(no category)"],
        ["pc_gamer"],
        ["bed_bath_table", "computers_accessories"],  # O2: its bed item's price counts
        ["bed_bath_table"],
        ["computers_accessories"],
        ["(no category)", "pc_gamer", "bed_bath_table", "computers_accessories"],
    ],
)
def test_rollup_equals_order_by_order_with_missing_money(
    missing_money_db: Warehouse, categories: list[str] | None, grain: str
) -> None:
    missing = missing_money_db.con.execute(
        "select count(*) from mart_kpi_items where price is null or freight_value is null"
    ).fetchall()[0][0]
    assert missing == 2
    missing_money_db.assert_same(_params(categories=categories, grain=grain))


@pytest.fixture(scope="module")
def generated_db(generated_warehouse: Path) -> Iterator[Warehouse]:
    warehouse = Warehouse(generated_warehouse)
    yield warehouse
    warehouse.con.close()


@pytest.mark.parametrize("grain", GRAINS)
@pytest.mark.parametrize(
    "case",
    [
        {},  # no filter
        # a range cutting months (and weeks) in the middle, both ends inside the data
        {"date_from": date(2017, 1, 10), "date_to": date(2018, 2, 12)},
        # O9's two categories: the order counts once, its value is both categories' items
        {"categories": ["(no category)", "pc_gamer"]},
        {"categories": ["pc_gamer"]},  # one of them: O9 with that category's item alone
        {"categories": ["bed_bath_table", "computers_accessories"]},  # O2's two
        {"categories": ["(no category)", "pc_gamer"], "date_from": date(2018, 1, 10)},
        {"states": ["SP"]},
        {"states": ["SP", "RJ"], "date_to": date(2017, 2, 14)},
        {"date_from": date(2017, 2, 15), "date_to": date(2017, 2, 15)},  # a day with no order
        {"date_from": date(2016, 12, 1), "date_to": date(2019, 3, 1)},  # wider than the data
        {"states": ["AC"]},  # no order at all
    ],
)
def test_rollup_equals_order_by_order_on_the_fixture(
    fixture_db: Warehouse, case: dict[str, Any], grain: str
) -> None:
    fixture_db.assert_same(_params(**case, grain=grain))


def test_the_fixture_holds_an_order_of_two_categories(fixture_db: Warehouse) -> None:
    """The tie the rollup must keep: O9, one order of two categories, counted once under both."""
    both = fixture_db.assert_same(_params(categories=["(no category)", "pc_gamer"]))
    gamer = fixture_db.assert_same(_params(categories=["pc_gamer"]))
    uncategorised = fixture_db.assert_same(_params(categories=["(no category)"]))
    assert (gamer, uncategorised, both) == (2, 1, 2)
    # O2 (two items): bed_bath_table and computers_accessories
    beds = fixture_db.assert_same(_params(categories=["bed_bath_table"]))
    computers = fixture_db.assert_same(_params(categories=["computers_accessories"]))
    either = fixture_db.assert_same(_params(categories=["bed_bath_table", "computers_accessories"]))
    assert either == beds + computers - 1


@st.composite
def filter_sets(draw: st.DrawFn, warehouse: Warehouse) -> dict[str, Any]:
    days = (warehouse.last - warehouse.first).days
    day = st.integers(-40, days + 40).map(lambda n: warehouse.first + timedelta(days=n))
    date_from = draw(st.none() | day)
    date_to = draw(st.none() | day)
    states = draw(st.none() | st.lists(st.sampled_from(warehouse.states), min_size=1, max_size=4))
    categories = draw(
        st.none() | st.lists(st.sampled_from(warehouse.categories), min_size=1, max_size=4)
    )
    return _params(date_from, date_to, states, categories, draw(st.sampled_from(GRAINS)))


@given(data=st.data())
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_rollup_equals_order_by_order_under_random_filters(
    generated_db: Warehouse, data: st.DataObject
) -> None:
    generated_db.assert_same(data.draw(filter_sets(generated_db)))


def test_the_generated_set_has_orders_of_several_categories(generated_db: Warehouse) -> None:
    """Otherwise the random filters would not test the sets at all."""
    several = generated_db.con.execute(
        "select count(*) from (select order_key from mart_kpi_items "
        "group by order_key having count(distinct category) > 1)"
    ).fetchall()[0][0]
    assert several >= 5


def test_executive_view_comparison_periods(generated_db: Warehouse) -> None:
    """The previous period and the year before: the totals of month-grain calls on other
    ranges, mid-month cuts included."""
    end = generated_db.last - timedelta(days=17)
    start = end - timedelta(days=89)
    for date_from, date_to in (
        (start, end),
        (start - timedelta(days=90), start - timedelta(days=1)),
        (start - timedelta(days=365), end - timedelta(days=365)),
    ):
        generated_db.assert_same(_params(date_from, date_to))
        generated_db.assert_same(
            _params(date_from, date_to, categories=generated_db.categories[:2])
        )


@pytest.mark.parametrize("categories", [None, ["pc_gamer"]])
def test_kpi_periods_reads_the_rollups_not_the_orders(
    fixture_db: Warehouse, categories: list[str] | None
) -> None:
    """What keeps its cost off the order count: no scan of the order or item marts."""
    plan = "\n".join(
        str(row[1])
        for row in fixture_db.con.execute(
            "explain " + QUERY.format(macro="kpi_periods"),
            _params(states=["SP"], categories=categories),
        ).fetchall()
    )
    assert "mart_kpi_daily" in plan
    assert "mart_kpi_orders" not in plan
    assert "mart_kpi_items" not in plan
