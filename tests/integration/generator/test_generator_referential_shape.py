"""Keys and foreign keys resolve as in the real export, whole or written in several chunks."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest

UNTRANSLATED = ("pc_gamer", "portateis_cozinha_e_preparadores_de_alimentos")


@pytest.fixture(params=["medium_tables", "chunked_tables"])
def tables(request: pytest.FixtureRequest) -> duckdb.DuckDBPyConnection:
    connection: duckdb.DuckDBPyConnection = request.getfixturevalue(request.param)
    return connection


def scalar(tables: duckdb.DuckDBPyConnection, sql: str) -> Any:
    row = tables.execute(sql).fetchone()
    assert row is not None
    return row[0]


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("customers", "customer_id"),
        ("orders", "order_id"),
        ("products", "product_id"),
        ("sellers", "seller_id"),
        ("category_translation", "product_category_name"),
        ("order_items", "order_id, order_item_id"),
        ("order_payments", "order_id, payment_sequential"),
        ("order_reviews", "review_id, order_id"),
    ],
)
def test_keys_are_unique(tables: duckdb.DuckDBPyConnection, table: str, key: str):
    duplicates = scalar(
        tables, f"SELECT count(*) FROM (SELECT {key} FROM {table} GROUP BY ALL HAVING count(*) > 1)"
    )
    assert duplicates == 0


@pytest.mark.parametrize(
    ("child", "column", "parent", "parent_column"),
    [
        ("orders", "customer_id", "customers", "customer_id"),
        ("customers", "customer_id", "orders", "customer_id"),
        ("order_items", "order_id", "orders", "order_id"),
        ("order_items", "product_id", "products", "product_id"),
        ("order_items", "seller_id", "sellers", "seller_id"),
        ("order_payments", "order_id", "orders", "order_id"),
        ("order_reviews", "order_id", "orders", "order_id"),
        ("products", "product_id", "order_items", "product_id"),
        ("sellers", "seller_id", "order_items", "seller_id"),
    ],
)
def test_references_resolve(
    tables: duckdb.DuckDBPyConnection, child: str, column: str, parent: str, parent_column: str
):
    dangling = scalar(
        tables,
        f"SELECT count(*) FROM {child} WHERE {column} NOT IN "
        f"(SELECT {parent_column} FROM {parent})",
    )
    assert dangling == 0


def test_one_customer_row_per_order(tables: duckdb.DuckDBPyConnection):
    assert scalar(tables, "SELECT count(*) FROM customers") == scalar(
        tables, "SELECT count(DISTINCT customer_id) FROM orders"
    )
    assert scalar(tables, "SELECT count(*) FROM orders") == scalar(
        tables, "SELECT count(*) FROM customers"
    )


def test_item_numbers_run_from_one_without_gaps(tables: duckdb.DuckDBPyConnection):
    broken = scalar(
        tables,
        "SELECT count(*) FROM (SELECT order_id FROM order_items GROUP BY 1 "
        "HAVING min(order_item_id) <> 1 OR max(order_item_id) <> count(*))",
    )
    assert broken == 0


def test_only_the_two_known_categories_lack_a_translation(tables: duckdb.DuckDBPyConnection):
    missing = tables.execute(
        "SELECT DISTINCT product_category_name FROM products WHERE product_category_name "
        "NOT IN (SELECT product_category_name FROM category_translation) ORDER BY 1"
    ).fetchall()
    assert [name for (name,) in missing] == sorted(UNTRANSLATED)


def test_addresses_agree_with_geolocation(tables: duckdb.DuckDBPyConnection):
    for prefix, kind in (("customer", "customers"), ("seller", "sellers")):
        disagreeing = scalar(
            tables,
            f"SELECT count(*) FROM {kind} t WHERE EXISTS (SELECT 1 FROM geolocation g "
            f"WHERE g.geolocation_zip_code_prefix = t.{prefix}_zip_code_prefix) AND NOT EXISTS "
            f"(SELECT 1 FROM geolocation g WHERE g.geolocation_zip_code_prefix = "
            f"t.{prefix}_zip_code_prefix AND g.geolocation_state = t.{prefix}_state "
            f"AND strip_accents(g.geolocation_city) = t.{prefix}_city)",
        )
        assert disagreeing == 0, kind
    customers_outside = scalar(
        tables,
        "SELECT avg((customer_zip_code_prefix NOT IN "
        "(SELECT geolocation_zip_code_prefix FROM geolocation))::int) FROM customers",
    )
    assert 0 < customers_outside < 0.01


def test_repeat_buyers_mostly_keep_their_address(tables: duckdb.DuckDBPyConnection):
    same_address = scalar(
        tables,
        "SELECT avg((zips = 1)::int) FROM (SELECT customer_unique_id, "
        "count(DISTINCT customer_zip_code_prefix) zips FROM customers GROUP BY 1 "
        "HAVING count(*) > 1)",
    )
    assert 0.6 < same_address < 0.95


def test_timelines_run_forward_apart_from_known_anomalies(tables: duckdb.DuckDBPyConnection):
    backwards = scalar(
        tables,
        "SELECT count(*) FROM orders WHERE order_approved_at < order_purchase_timestamp "
        "OR order_delivered_customer_date < order_purchase_timestamp "
        "OR order_estimated_delivery_date < order_purchase_timestamp::date "
        "OR order_delivered_customer_date < order_delivered_carrier_date",
    )
    assert backwards == 0
    unanswered = scalar(
        tables,
        "SELECT count(*) FROM order_reviews WHERE review_answer_timestamp < review_creation_date",
    )
    assert unanswered == 0
