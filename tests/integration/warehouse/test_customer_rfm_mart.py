"""mart_customer_rfm: hand-computed scores on crafted orders, and SQL agreeing with the domain."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from domain.aggregates.customer import Customer
from domain.aggregates.order import Order
from domain.entities.order_item import OrderItem
from domain.services.rfm_scoring import FrequencyThreshold
from domain.services.segmentation import SegmentationService
from domain.value_objects.address import Address
from domain.value_objects.money import Money
from domain.value_objects.statuses import OrderStatus
from infrastructure.source import open_source
from infrastructure.warehouse import WarehouseBuilder
from infrastructure.warehouse.catalog import MART_MODELS
from infrastructure.warehouse.segmentation_sql import create_segmentation_macros

RFM_MODELS = [
    m for m in MART_MODELS if m.name in ("int_customer_rfm_measures", "mart_customer_rfm")
]
SCORED = "customer_unique_id, recency_days, frequency, monetary, r_score, f_score, m_score, segment"
SOMEWHERE = Address("01409", "sao paulo", "SP")


def person(letter: str) -> str:
    return letter * 32


# (person, status, purchased at, items + freight). The latest purchase of all is a canceled order
# of C (2018-06-30 18:00); the as-of moment is the latest sale, A's (2018-06-30 09:00), so recency
# is counted to 2018-06-30.
CRAFTED_ORDERS = [
    ("a", "delivered", "2018-06-30 09:00", "100.00"),  # last order on the as-of day
    ("c", "canceled", "2018-06-30 18:00", "500.00"),  # canceled only: not scored
    ("d", "delivered", "2018-01-10 10:00", "50.00"),
    ("d", "shipped", "2018-05-01 10:00", "70.00"),
    ("e", "delivered", "2017-06-01 10:00", "300.00"),
    ("e", "delivered", "2017-07-01 10:00", "200.00"),
    ("e", "delivered", "2017-08-01 10:00", "100.00"),
    ("e", "canceled", "2018-06-01 10:00", "999.00"),  # neither recency nor spend
    ("f", "delivered", "2017-12-01 08:00", "20.00"),
    ("k", "delivered", "2017-12-01 22:00", "100.00"),  # same day as f: recency tie
    ("g", "delivered", "2017-01-15 10:00", "40.00"),
    ("g", "unavailable", "2018-03-01 10:00", "0.00"),
    ("h", "delivered", "2018-03-15 10:00", "100.00"),  # spend tie with a and k
    ("i", "delivered", "2017-09-09 10:00", "5.00"),
    ("j", "invoiced", "2018-06-29 23:59", "1000.00"),  # 18 hours before: one calendar day
]

# Hand-computed over n = 9 people: score = 1 + floor(5 * (rank - 1) / 9), RANK() so ties share
# the lowest rank. Recency ranks (days descending): g 1, e 2, i 3, f/k 4, h 6, d 7, j 8, a 9.
# Monetary ranks (ascending): i 1, f 2, g 3, a/h/k 4, d 7, e 8, j 9.
EXPECTED = {
    "a": (0, 1, "100.00", 5, 1, 2, "New"),
    "d": (60, 2, "120.00", 4, 3, 4, "Loyal"),
    "e": (333, 3, "600.00", 1, 5, 4, "Can't Lose Them"),
    "f": (211, 1, "20.00", 2, 1, 1, "Hibernating"),
    "k": (211, 1, "100.00", 2, 1, 2, "Hibernating"),
    "g": (531, 1, "40.00", 1, 1, 2, "Lost"),
    "h": (107, 1, "100.00", 3, 1, 2, "About to Sleep"),
    "i": (294, 1, "5.00", 2, 1, 1, "Hibernating"),
    "j": (1, 1, "1000.00", 4, 1, 5, "Potential Loyalist"),
}


def run_rfm_models(
    con: duckdb.DuckDBPyConnection, service: SegmentationService | None = None
) -> None:
    create_segmentation_macros(con, service)
    for model in RFM_MODELS:
        con.execute(model.create_statement())


@pytest.fixture
def crafted() -> duckdb.DuckDBPyConnection:
    """An in-memory fct_orders holding only the crafted orders, with the RFM models run on it."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE fct_orders (order_id VARCHAR, customer_id VARCHAR, "
        "customer_unique_id VARCHAR, order_status VARCHAR, purchased_at TIMESTAMP, "
        "items_value DECIMAL(18, 2), freight_value DECIMAL(18, 2), "
        "order_value DECIMAL(18, 2), counts_as_sale BOOLEAN, "
        "is_purchase_date_implausible BOOLEAN)"
    )
    for number, (who, status, at, value) in enumerate(CRAFTED_ORDERS, start=1):
        counts = OrderStatus(status).counts_as_sale
        con.execute(
            "INSERT INTO fct_orders VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, false)",
            [f"o{number}", f"c{number}", person(who), status, at, value, value, counts],
        )
    con.execute(
        "CREATE TABLE dim_customer (customer_unique_id VARCHAR, state VARCHAR, city VARCHAR)"
    )
    for who in sorted({who for who, *_ in CRAFTED_ORDERS}):
        con.execute(
            "INSERT INTO dim_customer VALUES (?, ?, ?)",
            [person(who), SOMEWHERE.state, SOMEWHERE.city],
        )
    run_rfm_models(con)
    return con


def mart_rows(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[object, ...]]:
    rows = con.sql(f"SELECT {SCORED} FROM mart_customer_rfm").fetchall()
    return {row[0]: tuple(row[1:]) for row in rows}


def domain_customers(con: duckdb.DuckDBPyConnection) -> list[Customer]:
    """Every person of fct_orders as a domain Customer (items + freight as one line per order)."""
    rows = con.sql(
        "SELECT order_id, customer_id, customer_unique_id, order_status, purchased_at, "
        "items_value, freight_value FROM fct_orders WHERE customer_unique_id IS NOT NULL"
    ).fetchall()
    orders: dict[str, list[Order]] = {}
    for order_id, customer_id, who, status, at, items, freight in rows:
        lines = (OrderItem(1, "p", "s", Money(items), Money(freight)),) if items > 0 else ()
        orders.setdefault(who, []).append(
            Order(
                order_id=order_id,
                customer_id=customer_id,
                customer_unique_id=who,
                status=OrderStatus(status),
                purchased_at=at,
                items=lines,
            )
        )
    return [Customer(who, SOMEWHERE, tuple(placed)) for who, placed in orders.items()]


def domain_rows(
    con: duckdb.DuckDBPyConnection, service: SegmentationService | None = None
) -> dict[str, tuple[object, ...]]:
    return {
        rfm.customer_unique_id: (
            rfm.recency_days,
            rfm.frequency,
            rfm.monetary.amount,
            rfm.r_score,
            rfm.f_score,
            rfm.m_score,
            str(rfm.segment),
        )
        for rfm in (service or SegmentationService()).score(domain_customers(con))
    }


def test_crafted_customers_score_as_computed_by_hand(crafted: duckdb.DuckDBPyConnection) -> None:
    expected = {
        person(who): (days, n, Decimal(spend), r, f, m, segment)
        for who, (days, n, spend, r, f, m, segment) in EXPECTED.items()
    }
    assert mart_rows(crafted) == expected


def test_the_as_of_is_the_latest_sale_in_the_data_not_today(crafted) -> None:
    as_of = crafted.sql("SELECT DISTINCT as_of_at FROM mart_customer_rfm").fetchall()
    assert as_of == [(datetime(2018, 6, 30, 9, 0),)]


def test_a_customer_with_only_canceled_orders_is_not_scored(crafted) -> None:
    assert person("c") not in mart_rows(crafted)


def test_recency_direction_most_recent_scores_highest(crafted) -> None:
    rows = crafted.sql("SELECT recency_days, r_score FROM mart_customer_rfm").fetchall()
    for days, r in rows:
        assert all(r >= other_r for other_days, other_r in rows if other_days >= days)


def test_every_one_order_customer_gets_f_one(crafted) -> None:
    scores = crafted.sql("SELECT DISTINCT f_score FROM mart_customer_rfm WHERE frequency = 1")
    assert scores.fetchall() == [(1,)]


def test_sql_and_domain_agree_on_the_crafted_customers(crafted) -> None:
    assert mart_rows(crafted) == domain_rows(crafted)


def test_the_mart_follows_the_domain_rules_not_a_copy_of_them(crafted) -> None:
    """Change a rule in the domain and the rebuilt mart changes with it: one source of truth."""
    service = SegmentationService(
        frequency_scores=(FrequencyThreshold(2, 5), FrequencyThreshold(1, 1))
    )
    crafted.execute("DROP TABLE mart_customer_rfm; DROP VIEW int_customer_rfm_measures")
    run_rfm_models(crafted, service)
    assert mart_rows(crafted)[person("d")][4] == 5
    assert mart_rows(crafted) == domain_rows(crafted, service)


@pytest.fixture(scope="module")
def generated_warehouse(
    small_source: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    target = tmp_path_factory.mktemp("rfm") / "warehouse.duckdb"
    with open_source(small_source) as source:
        WarehouseBuilder().build(source, target)
    con = duckdb.connect(str(target), read_only=True)
    yield con
    con.close()


def test_sql_and_domain_agree_on_every_generated_customer(generated_warehouse) -> None:
    sql, python = mart_rows(generated_warehouse), domain_rows(generated_warehouse)
    assert len(sql) > 1000
    assert sql == python


def test_sql_and_domain_agree_on_the_hand_made_fixture(warehouse) -> None:
    assert len(mart_rows(warehouse)) == 10
    assert mart_rows(warehouse) == domain_rows(warehouse)
