"""The warehouse reproduces the figures computed by hand in tests/fixtures/olist_small/README.md."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import duckdb
import pytest

from infrastructure.warehouse import BuildResult


def order_id(n: int) -> str:
    return f"{'0d' if n in (14, 15) else 'ad'}{'0' * 28}{n:02d}"


def person_id(n: int) -> str:
    return f"{'3e' if n == 3 else 'ee'}{'0' * 28}{n:02d}"


def one(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> tuple[Any, ...]:
    row = con.execute(sql, list(params)).fetchone()
    assert row is not None, sql
    return row


def test_totals_and_as_of(warehouse: duckdb.DuckDBPyConnection, built: BuildResult) -> None:
    assert one(
        warehouse,
        "SELECT count(*), sum(items_value), sum(freight_value), sum(payment_value) FROM fct_orders",
    ) == (15, Decimal("954.44"), Decimal("168.31"), Decimal("1094.50"))
    assert built.as_of == datetime(2018, 3, 2, 15, 0)
    assert one(warehouse, "SELECT count(*) FROM dim_customer") == (11,)


def test_monthly_kpis(warehouse: duckdb.DuckDBPyConnection) -> None:
    rows = {
        month: rest
        for month, *rest in warehouse.execute(
            "SELECT month, orders, gmv, aov, customers, new_customers, canceled_rate, late_rate, "
            "avg_review_score FROM mart_kpi_monthly ORDER BY month"
        ).fetchall()
    }
    assert len(rows) == 15, "every month from 2017-01 to 2018-03, empty ones included"
    assert rows[date(2017, 1, 1)] == pytest.approx(
        [3, Decimal("318.25"), Decimal("106.08"), 3, 3, 0.0, 0.0, 13 / 3]
    )
    assert rows[date(2017, 2, 1)] == pytest.approx(
        [3, Decimal("90.00"), Decimal("90.00"), 3, 1, 1 / 3, 1.0, 2.0]
    )
    assert rows[date(2017, 3, 1)][1:3] == [Decimal("203.50"), Decimal("67.83")]
    assert rows[date(2017, 7, 1)] == [0, Decimal("0.00"), None, 0, 0, None, None, None]
    assert rows[date(2018, 1, 1)][1:3] == [Decimal("300.00"), Decimal("150.00")]
    assert rows[date(2018, 2, 1)][1:3] == [Decimal("112.00"), Decimal("37.33")]
    assert rows[date(2018, 2, 1)][6] == 1.0
    assert rows[date(2018, 3, 1)][:3] == [1, Decimal("80.00"), Decimal("80.00")]
    assert rows[date(2018, 3, 1)][6] is None
    assert one(warehouse, "SELECT sum(gmv) FROM mart_kpi_monthly") == (Decimal("1103.75"),)


def test_order_facts(warehouse: duckdb.DuckDBPyConnection) -> None:
    def ids(condition: str) -> set[str]:
        sql = f"SELECT order_id FROM fct_orders WHERE {condition}"
        return {oid for (oid,) in warehouse.execute(sql).fetchall()}

    assert ids("payment_mismatch") == {order_id(4)}
    assert ids("not payment_mismatch") == {order_id(n) for n in range(1, 16)} - {order_id(4)}
    assert ids("is_late") == {order_id(2), order_id(12)}
    assert ids("has_no_items") == {order_id(6)}
    assert ids("has_no_payments") == {order_id(7)}
    assert ids("is_delivered_without_date") == {order_id(9)}
    assert ids("is_canceled_with_delivery_date") == {order_id(5)}
    assert ids("is_carrier_before_purchase") == {order_id(10)}
    days = dict(warehouse.execute("SELECT order_id, delivery_days FROM fct_orders").fetchall())
    assert days[order_id(1)] == pytest.approx(10.5)
    assert days[order_id(3)] == pytest.approx(9 + 14.5 / 24)
    assert days[order_id(12)] == pytest.approx(18.25)
    assert days[order_id(9)] is None
    score = one(warehouse, "SELECT review_score FROM fct_orders WHERE order_id = ?", order_id(2))
    assert score == (3.0,)


def test_rfm(warehouse: duckdb.DuckDBPyConnection) -> None:
    rfm = {
        person: rest
        for person, *rest in warehouse.execute(
            "SELECT customer_unique_id, recency_days, frequency, monetary, r_score, f_score, "
            "m_score, segment FROM mart_customer_rfm"
        ).fetchall()
    }
    assert len(rfm) == 10, "U4 has no order counting as a sale"
    assert rfm[person_id(1)] == [366, 3, Decimal("228.50"), 2, 5, 5, "Can't Lose Them"]
    assert rfm[person_id(2)] == [406, 1, Decimal("58.25"), 1, 1, 2, "Lost"]
    assert rfm[person_id(3)] == [20, 2, Decimal("100.00"), 4, 3, 3, "Loyal"]
    assert rfm[person_id(9)] == [5, 1, Decimal("12.00"), 5, 1, 1, "New"]
    assert rfm[person_id(11)] == [0, 1, Decimal("80.00"), 5, 1, 3, "New"]


def test_customers_and_cohorts(warehouse: duckdb.DuckDBPyConnection) -> None:
    assert one(
        warehouse,
        "SELECT zip_code_prefix, state, first_order_at, last_order_at, order_count "
        "FROM dim_customer WHERE customer_unique_id = ?",
        person_id(1),
    ) == ("22790", "RJ", datetime(2017, 1, 5, 10), datetime(2017, 3, 1, 9), 3)
    cohort = warehouse.execute(
        "SELECT months_since_first, active_customers, retention_rate FROM mart_cohort_retention "
        "WHERE cohort_month = DATE '2017-01-01' ORDER BY 1"
    ).fetchall()
    assert cohort == pytest.approx([(0, 3, 1.0), (1, 2, 2 / 3), (2, 1, 1 / 3)])


def test_geography_and_categories(warehouse: duckdb.DuckDBPyConnection) -> None:
    geo = {
        zip_code: rest
        for zip_code, *rest in warehouse.execute(
            "SELECT zip_code_prefix, lat, lng, city, state, region, point_count, "
            "points_outside_brazil FROM dim_geography"
        ).fetchall()
    }
    assert geo["01409"] == pytest.approx(
        [-23.552667, -46.660667, "sao paulo", "SP", "Southeast", 3, 0]
    )
    assert geo["22790"] == pytest.approx(
        [-23.01, -43.42, "rio de janeiro", "RJ", "Southeast", 3, 1]
    )
    assert geo["78990"] == [None, None, "pontes e lacerda", "MT", "Center-West", 0, 0]
    assert one(
        warehouse,
        "SELECT category_name_english, is_translated FROM dim_category WHERE category_name = ?",
        "pc_gamer",
    ) == ("pc_gamer", False)
    assert one(warehouse, "SELECT count(*) FROM dim_product WHERE category_name IS NULL") == (1,)


def test_anomalies_are_kept(warehouse: duckdb.DuckDBPyConnection) -> None:
    assert one(warehouse, "SELECT count(*) FROM fct_reviews WHERE is_shared_review_id") == (2,)
    assert one(
        warehouse,
        "SELECT count(*) FILTER (is_zero_value), count(*) FILTER (has_zero_installments) "
        "FROM fct_payments",
    ) == (1, 1)
    assert one(warehouse, "SELECT count(*) FROM stg_geolocation") == (11,)
    (comment,) = one(
        warehouse,
        "SELECT review_comment_message FROM stg_order_reviews WHERE order_id = ?",
        order_id(4),
    )
    assert "bom,\r\nmas" in comment and 'O "presente" chegou em São Paulo' in comment
    assert one(
        warehouse, "SELECT customer_zip_code_prefix FROM stg_customers WHERE customer_id LIKE '%14'"
    ) == ("01409",)


def test_dim_date_covers_every_date_the_facts_hold(warehouse: duckdb.DuckDBPyConnection) -> None:
    first, last, days = one(
        warehouse, "SELECT min(date_day), max(date_day), count(*) FROM dim_date"
    )
    assert (first, last) == (date(2017, 1, 5), date(2020, 2, 27))  # O1's purchase, O13's limit
    assert days == (last - first).days + 1
    fact_dates = {
        "fct_orders": ("purchased_at", "approved_at", "delivered_carrier_at",
                       "delivered_customer_at", "estimated_delivery_date"),
        "fct_order_items": ("shipping_limit_at",),
        "fct_reviews": ("created_at", "answered_at"),
    }  # fmt: skip
    for table, columns in fact_dates.items():
        for column in columns:
            sql = f"SELECT min({column})::date, max({column})::date FROM {table}"
            earliest, latest = one(warehouse, sql)
            assert first <= earliest and latest <= last, f"{table}.{column}"


def test_a_sellers_orders_are_its_lines_grouped_and_stored_by_seller(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    """fct_seller_orders (the Explorer's seller page) is fct_order_items' lines of each seller
    grouped per order, to the cent, and stored in seller_key order so a seller's rows are
    together: a lookup by seller_key reads one row group, not every one of the items."""
    stored = warehouse.execute(
        "SELECT seller_key, order_id, item_count, items_price, order_status, review_score "
        "FROM fct_seller_orders"
    ).fetchall()
    grouped = warehouse.execute(
        "SELECT seller_key, order_id, count(*), sum(price), any_value(order_status), "
        "any_value(review_score) FROM fct_order_items "
        "GROUP BY seller_key, order_id ORDER BY seller_key, order_id"
    ).fetchall()
    assert stored == grouped  # in the stored order: by seller, then order
    assert len({key for key, *_ in stored}) == one(warehouse, "SELECT count(*) FROM dim_seller")[0]
    assert sum(price for *_, price, _, _ in stored) == Decimal("954.44")
