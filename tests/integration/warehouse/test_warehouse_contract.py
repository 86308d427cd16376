"""SPEC §5: every table exists, staging drops nothing, and the public columns have exact types."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from infrastructure.source.contract import SOURCE_FILES
from infrastructure.warehouse import BuildResult

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"
TEXT, INT, BIG, TS, DAY, REAL, MONEY, FLAG = (
    "VARCHAR",
    "INTEGER",
    "BIGINT",
    "TIMESTAMP",
    "DATE",
    "DOUBLE",
    "DECIMAL(18,2)",
    "BOOLEAN",
)

PUBLIC_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "fct_order_items": [
        ("order_id", TEXT),
        ("order_item_id", INT),
        ("product_id", TEXT),
        ("seller_id", TEXT),
        ("shipping_limit_at", TS),
        ("price", MONEY),
        ("freight_value", MONEY),
    ],
    "fct_payments": [
        ("order_id", TEXT),
        ("payment_sequential", INT),
        ("payment_type", TEXT),
        ("payment_installments", INT),
        ("payment_value", MONEY),
    ],
    "fct_orders": [
        ("order_id", TEXT),
        ("customer_id", TEXT),
        ("customer_unique_id", TEXT),
        ("order_status", TEXT),
        ("purchased_at", TS),
        ("approved_at", TS),
        ("delivered_carrier_at", TS),
        ("delivered_customer_at", TS),
        ("estimated_delivery_date", TS),
        ("item_count", BIG),
        ("items_value", MONEY),
        ("freight_value", MONEY),
        ("payment_value", MONEY),
        ("payment_mismatch", FLAG),
        ("delivery_days", REAL),
        ("is_late", FLAG),
        ("review_score", REAL),
    ],
    "fct_reviews": [
        ("review_id", TEXT),
        ("order_id", TEXT),
        ("review_score", INT),
        ("created_at", TS),
        ("answered_at", TS),
    ],
    "dim_customer": [
        ("customer_unique_id", TEXT),
        ("zip_code_prefix", TEXT),
        ("city", TEXT),
        ("state", TEXT),
        ("first_order_at", TS),
        ("last_order_at", TS),
        ("order_count", BIG),
    ],
    "dim_product": [
        ("product_id", TEXT),
        ("category_name", TEXT),
        ("category_name_english", TEXT),
        ("weight_g", INT),
        ("length_cm", INT),
        ("height_cm", INT),
        ("width_cm", INT),
    ],
    "dim_seller": [("seller_id", TEXT), ("zip_code_prefix", TEXT), ("city", TEXT), ("state", TEXT)],
    "mart_kpi_monthly": [
        ("month", DAY),
        ("orders", BIG),
        ("gmv", MONEY),
        ("aov", MONEY),
        ("customers", BIG),
        ("new_customers", BIG),
        ("canceled_rate", REAL),
        ("late_rate", REAL),
        ("avg_review_score", REAL),
    ],
    "mart_customer_rfm": [
        ("customer_unique_id", TEXT),
        ("recency_days", BIG),
        ("frequency", BIG),
        ("monetary", MONEY),
        ("r_score", INT),
        ("f_score", INT),
        ("m_score", INT),
        ("segment", TEXT),
    ],
}

ALL_TABLES = {
    *(f"stg_{source.table}" for source in SOURCE_FILES),
    "dim_customer", "dim_seller", "dim_product", "dim_category", "dim_geography", "dim_date",
    "fct_orders", "fct_order_items", "fct_payments", "fct_reviews",
    "mart_kpi_monthly", "mart_customer_rfm", "mart_cohort_retention", "mart_category_performance",
    "mart_seller_scorecard", "mart_delivery_performance", "mart_state_summary",
}  # fmt: skip


def columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return [(name, kind) for name, kind, *_ in con.execute(f"DESCRIBE {table}").fetchall()]


def test_every_table_is_built(built: BuildResult, warehouse: duckdb.DuckDBPyConnection) -> None:
    tables = {name for (name,) in warehouse.execute("SHOW TABLES").fetchall()}
    assert tables >= ALL_TABLES
    assert set(built.row_counts) == tables
    assert not any(name.startswith("int_") for name in tables), "intermediate models stay temporary"


@pytest.mark.parametrize("table", sorted(PUBLIC_COLUMNS))
def test_public_columns_come_first_with_exact_types(
    warehouse: duckdb.DuckDBPyConnection, table: str
) -> None:
    expected = PUBLIC_COLUMNS[table]
    assert columns(warehouse, table)[: len(expected)] == expected


def test_staging_keeps_every_source_row(built: BuildResult) -> None:
    for source in SOURCE_FILES:
        with (FIXTURE / source.file_name).open(encoding="utf-8-sig", newline="") as f:
            source_rows = sum(1 for _ in csv.reader(f)) - 1
        assert built.source_rows[source.table] == source_rows, source.file_name


def test_staging_types_and_renames(warehouse: duckdb.DuckDBPyConnection) -> None:
    products = dict(columns(warehouse, "stg_products"))
    assert products["product_name_length"] == INT and "product_name_lenght" not in products
    assert products["product_description_length"] == INT
    assert dict(columns(warehouse, "stg_order_items"))["price"] == MONEY
    assert dict(columns(warehouse, "stg_customers"))["customer_zip_code_prefix"] == TEXT


def test_money_columns_are_decimal_everywhere(warehouse: duckdb.DuckDBPyConnection) -> None:
    money_like = warehouse.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE column_name SIMILAR TO '(price|gmv|aov|monetary|revenue|[a-z]+_value)'"
    ).fetchall()
    assert money_like and all(kind == MONEY for _, _, kind in money_like), money_like
