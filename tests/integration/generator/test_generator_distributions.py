"""At scale 0.1 the dataset follows SPEC §4's distributions and carries §3's anomalies."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pytest

SCALE = 0.1
DELIVERED_WITH_DATE = "order_status = 'delivered' AND order_delivered_customer_date IS NOT NULL"


def scalar(tables: duckdb.DuckDBPyConnection, sql: str) -> Any:
    row = tables.execute(sql).fetchone()
    assert row is not None
    return row[0]


def shares(tables: duckdb.DuckDBPyConnection, sql: str) -> dict[Any, float]:
    """{value: share} of the single column `sql` selects."""
    rows = tables.execute(
        f"SELECT v, count(*) / sum(count(*)) OVER () FROM ({sql}) t(v) GROUP BY v"
    ).fetchall()
    return {value: share for value, share in rows}


@pytest.mark.parametrize(
    ("table", "real", "tolerance"),
    [
        ("orders", 99_441, 0.001),
        ("customers", 99_441, 0.001),
        ("order_items", 112_650, 0.03),
        ("order_payments", 103_886, 0.03),
        ("order_reviews", 99_224, 0.02),
        ("products", 32_951, 0.001),
        ("sellers", 3_095, 0.005),
        ("geolocation", 1_000_163, 0.001),
    ],
)
def test_sizes_scale_with_the_real_export(
    medium_tables: duckdb.DuckDBPyConnection, table: str, real: int, tolerance: float
):
    rows = scalar(medium_tables, f"SELECT count(*) FROM {table}")
    assert rows == pytest.approx(real * SCALE, rel=tolerance)


def test_translation_keeps_71_rows_at_any_scale(medium_tables: duckdb.DuckDBPyConnection):
    assert scalar(medium_tables, "SELECT count(*) FROM category_translation") == 71


def test_customer_states(medium_tables: duckdb.DuckDBPyConnection):
    state = shares(medium_tables, "SELECT customer_state FROM customers")
    assert state["SP"] == pytest.approx(0.42, abs=0.02)
    assert state["RJ"] == pytest.approx(0.13, abs=0.015)
    assert state["MG"] == pytest.approx(0.12, abs=0.015)
    assert len(state) == 27


def test_people_and_repeat_buyers(medium_tables: duckdb.DuckDBPyConnection):
    people = scalar(medium_tables, "SELECT count(DISTINCT customer_unique_id) FROM customers")
    assert people == pytest.approx(96_096 * SCALE, rel=0.005)
    repeat = scalar(
        medium_tables,
        "SELECT avg((n > 1)::int) FROM "
        "(SELECT customer_unique_id, count(*) n FROM customers GROUP BY 1)",
    )
    assert repeat == pytest.approx(0.031, abs=0.006)


def test_items_per_order(medium_tables: duckdb.DuckDBPyConnection):
    ratio = scalar(
        medium_tables, "SELECT (SELECT count(*) FROM order_items) / (SELECT count(*) FROM orders)"
    )
    assert ratio == pytest.approx(1.13, abs=0.03)


def test_payment_mix_and_instalments(medium_tables: duckdb.DuckDBPyConnection):
    kind = shares(medium_tables, "SELECT payment_type FROM order_payments")
    assert kind["credit_card"] == pytest.approx(0.74, abs=0.02)
    assert kind["boleto"] == pytest.approx(0.19, abs=0.015)
    assert kind["voucher"] == pytest.approx(0.056, abs=0.01)
    assert kind["debit_card"] == pytest.approx(0.015, abs=0.005)
    credit = shares(
        medium_tables,
        "SELECT payment_installments FROM order_payments WHERE payment_type = 'credit_card'",
    )
    assert max(credit, key=lambda k: credit[k]) == 1
    assert min(credit) >= 0 and max(credit) <= 24 and len(credit) > 10
    others = scalar(
        medium_tables,
        "SELECT count(*) FROM order_payments "
        "WHERE payment_type <> 'credit_card' AND payment_installments <> 1",
    )
    assert others == 0


def test_review_scores_and_empty_comments(medium_tables: duckdb.DuckDBPyConnection):
    score = shares(medium_tables, "SELECT review_score FROM order_reviews")
    expected = {5: 0.58, 4: 0.19, 3: 0.08, 2: 0.03, 1: 0.11}
    for value, share in expected.items():
        assert score[value] == pytest.approx(share, abs=0.025), value
    no_title, no_message = medium_tables.execute(
        "SELECT avg((review_comment_title IS NULL)::int), "
        "avg((review_comment_message IS NULL)::int) FROM order_reviews"
    ).fetchall()[0]
    assert no_title == pytest.approx(0.88, abs=0.02)
    assert no_message == pytest.approx(0.59, abs=0.03)


def test_status_mix(medium_tables: duckdb.DuckDBPyConnection):
    status = shares(medium_tables, "SELECT order_status FROM orders")
    assert status["delivered"] == pytest.approx(0.97, abs=0.005)
    assert status["shipped"] == pytest.approx(0.011, abs=0.003)
    assert status["canceled"] == pytest.approx(0.006, abs=0.002)
    assert status["unavailable"] == pytest.approx(0.006, abs=0.002)
    assert set(status) == {
        "delivered", "shipped", "canceled", "unavailable", "invoiced", "processing", "created",
        "approved",
    }  # fmt: skip


def test_delivery_time_and_lateness(medium_tables: duckdb.DuckDBPyConnection):
    days, late = medium_tables.execute(
        "SELECT avg(epoch(order_delivered_customer_date - order_purchase_timestamp) / 86400), "
        "avg((order_delivered_customer_date::date > order_estimated_delivery_date::date)::int) "
        f"FROM orders WHERE {DELIVERED_WITH_DATE}"
    ).fetchall()[0]
    assert days == pytest.approx(12, abs=1.5)
    assert late == pytest.approx(0.07, abs=0.02)


def test_late_deliveries_get_worse_reviews(medium_tables: duckdb.DuckDBPyConnection):
    on_time, late = medium_tables.execute(
        "SELECT avg(review_score) FILTER (WHERE NOT is_late), avg(review_score) FILTER (is_late) "
        "FROM order_reviews JOIN (SELECT order_id, order_delivered_customer_date::date > "
        f"order_estimated_delivery_date::date is_late FROM orders WHERE {DELIVERED_WITH_DATE}) "
        "USING (order_id)"
    ).fetchall()[0]
    assert on_time > 4.0 > 3.0 > late


def test_seasonality(medium_tables: duckdb.DuckDBPyConnection):
    month = shares(medium_tables, "SELECT strftime(order_purchase_timestamp, '%Y-%m') FROM orders")
    edges = ["2016-09", "2016-11", "2016-12", "2018-09", "2018-10"]
    assert all(month.get(m, 0) < 0.001 for m in edges)
    of_2017 = {m: s for m, s in month.items() if m.startswith("2017")}
    assert max(of_2017, key=lambda m: of_2017[m]) == "2017-11"
    assert month["2017-01"] * 5 < month["2018-01"]
    busiest = scalar(
        medium_tables,
        "SELECT order_purchase_timestamp::date FROM orders GROUP BY 1 ORDER BY count(*) DESC "
        "LIMIT 1",
    )
    assert busiest == date(2017, 11, 24)
    first, last = medium_tables.execute(
        "SELECT min(order_purchase_timestamp)::date, max(order_purchase_timestamp)::date "
        "FROM orders"
    ).fetchall()[0]
    assert date(2016, 9, 4) <= first and last <= date(2018, 10, 17)


def test_prices_and_freight(medium_tables: duckdb.DuckDBPyConnection):
    median_price, freight = medium_tables.execute(
        "SELECT median(price), avg(freight_value) FROM order_items"
    ).fetchall()[0]
    assert 65 < median_price < 90
    assert 17 < freight < 23


def test_payments_match_baskets_except_the_known_mismatches(
    medium_tables: duckdb.DuckDBPyConnection,
):
    mismatched = scalar(
        medium_tables,
        "WITH items AS (SELECT order_id, sum(price + freight_value) v FROM order_items "
        "GROUP BY 1), paid AS (SELECT order_id, sum(payment_value) v FROM order_payments "
        "GROUP BY 1) "
        "SELECT count(*) FROM items JOIN paid USING (order_id) WHERE abs(items.v - paid.v) > 0.01",
    )
    assert mismatched == pytest.approx(300 * SCALE, abs=3)


ANOMALIES = {
    "duplicate review_id rows": (
        "SELECT count(*) - count(DISTINCT review_id) FROM order_reviews",
        814,
    ),
    "orders with several reviews": (
        "SELECT count(*) FROM (SELECT order_id FROM order_reviews GROUP BY 1 HAVING count(*) > 1)",
        551,
    ),
    "orders without items": (
        "SELECT count(*) FROM orders WHERE order_id NOT IN (SELECT order_id FROM order_items)",
        775,
    ),
    "carrier dates before purchase": (
        "SELECT count(*) FROM orders WHERE order_delivered_carrier_date < order_purchase_timestamp",
        250,
    ),
    "products without category": (
        "SELECT count(*) FROM products WHERE product_category_name IS NULL "
        "AND product_name_lenght IS NULL AND product_description_lenght IS NULL "
        "AND product_photos_qty IS NULL",
        610,
    ),
    "exact duplicate geolocation rows": (
        "SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT * FROM geolocation)) "
        "FROM geolocation",
        261_831,
    ),
    "geolocation points outside Brazil": (
        "SELECT count(*) FROM geolocation WHERE geolocation_lat NOT BETWEEN -33.75 AND 5.27 "
        "OR geolocation_lng NOT BETWEEN -73.99 AND -28.84",
        42,
    ),
}


@pytest.mark.parametrize("name", ANOMALIES)
def test_anomaly_rates(medium_tables: duckdb.DuckDBPyConnection, name: str):
    sql, real = ANOMALIES[name]
    assert scalar(medium_tables, sql) == pytest.approx(real * SCALE, rel=0.1, abs=1)


RARE_ANOMALIES = {
    "orders without payments": "SELECT count(*) FROM orders "
    "WHERE order_id NOT IN (SELECT order_id FROM order_payments)",
    "zero-value vouchers": "SELECT count(*) FROM order_payments "
    "WHERE payment_value = 0 AND payment_type = 'voucher'",
    "not_defined payments on canceled orders": "SELECT count(*) FROM order_payments "
    "JOIN orders USING (order_id) WHERE payment_type = 'not_defined' "
    "AND order_status = 'canceled'",
    "payments with zero instalments": "SELECT count(*) FROM order_payments "
    "WHERE payment_installments = 0",
    "delivered orders without delivery date": "SELECT count(*) FROM orders "
    "WHERE order_status = 'delivered' AND order_delivered_customer_date IS NULL",
    "canceled orders with delivery date": "SELECT count(*) FROM orders "
    "WHERE order_status = 'canceled' AND order_delivered_customer_date IS NOT NULL",
    "products without weight": "SELECT count(*) FROM products WHERE product_weight_g IS NULL",
    "customers in zips missing from geolocation": "SELECT count(*) FROM customers "
    "WHERE customer_zip_code_prefix NOT IN (SELECT geolocation_zip_code_prefix FROM geolocation)",
}


@pytest.mark.parametrize("name", RARE_ANOMALIES)
def test_rare_anomalies_are_present_but_rare(medium_tables: duckdb.DuckDBPyConnection, name: str):
    assert 1 <= scalar(medium_tables, RARE_ANOMALIES[name]) <= 30


def test_not_defined_payments_only_on_canceled_orders(medium_tables: duckdb.DuckDBPyConnection):
    statuses = medium_tables.execute(
        "SELECT DISTINCT order_status FROM order_payments JOIN orders USING (order_id) "
        "WHERE payment_type = 'not_defined'"
    ).fetchall()
    assert statuses == [("canceled",)]


def test_orders_without_items_are_mostly_unavailable_or_canceled(
    medium_tables: duckdb.DuckDBPyConnection,
):
    status = shares(
        medium_tables,
        "SELECT order_status FROM orders WHERE order_id NOT IN (SELECT order_id FROM order_items)",
    )
    assert status.get("unavailable", 0) + status.get("canceled", 0) > 0.9
