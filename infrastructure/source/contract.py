"""The source data contract: the nine Olist CSV files, their exact headers and column types.

One place for SPEC §3: the generator writes it, the reader validates it, staging reads it.
Types are DuckDB types; ids and zip prefixes stay VARCHAR (leading zeros), money is DECIMAL(18,2).
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.value_objects.statuses import OrderStatus, PaymentType

MONEY = "DECIMAL(18,2)"


@dataclass(frozen=True)
class SourceColumn:
    name: str
    duckdb_type: str

    @property
    def exact_text(self) -> str | None:
        """How a value must be written for the column's type to hold it without rounding
        (a regular expression DuckDB and Python both read), or None for any value it reads."""
        return EXACT_TEXT.get(self.duckdb_type)


@dataclass(frozen=True)
class SourceFile:
    """One CSV of the export: its table name in the warehouse, file name, ordered columns, key."""

    table: str
    file_name: str
    columns: tuple[SourceColumn, ...]
    key: tuple[str, ...]
    bom_crlf: bool = False  # the translation file: UTF-8 BOM, CRLF, no final newline

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def header_line(self) -> str:
        """The header as the real export writes it: every name quoted, except in the translation
        file, whose header is bare. Readers accept either."""
        if self.bom_crlf:
            return ",".join(self.column_names)
        return ",".join(f'"{name}"' for name in self.column_names)

    def column(self, name: str) -> SourceColumn:
        return next(c for c in self.columns if c.name == name)

    @property
    def exact_columns(self) -> tuple[SourceColumn, ...]:
        """The columns whose type DuckDB's reader would fill by rounding a longer value."""
        return tuple(c for c in self.columns if c.exact_text is not None)


def _cols(*spec: tuple[str, str]) -> tuple[SourceColumn, ...]:
    return tuple(SourceColumn(name, kind) for name, kind in spec)


TEXT, INT, TS, FLOAT = "VARCHAR", "INTEGER", "TIMESTAMP", "DOUBLE"
# DuckDB reads "1.5" as the INTEGER 2 and "1.234" as the DECIMAL(18,2) 1.23 without a word; a value
# of these types must be written so that nothing is lost (trailing zeros are fine: "2.0", "1.50").
# TIMESTAMP needs no pattern: the reader parses it with TIMESTAMP_FORMAT, refusing fractional
# seconds, offsets and bare dates. DOUBLE (coordinates) is held to its own precision by nature.
EXACT_TEXT = {
    INT: r"\s*[+-]?[0-9]+(\.0*)?\s*",
    MONEY: r"\s*[+-]?([0-9]+(\.[0-9]{0,2}0*)?|\.[0-9]{1,2}0*)\s*",
}

CUSTOMERS = SourceFile(
    "customers",
    "olist_customers_dataset.csv",
    _cols(
        ("customer_id", TEXT),
        ("customer_unique_id", TEXT),
        ("customer_zip_code_prefix", TEXT),
        ("customer_city", TEXT),
        ("customer_state", TEXT),
    ),
    ("customer_id",),
)
GEOLOCATION = SourceFile(
    "geolocation",
    "olist_geolocation_dataset.csv",
    _cols(
        ("geolocation_zip_code_prefix", TEXT),
        ("geolocation_lat", FLOAT),
        ("geolocation_lng", FLOAT),
        ("geolocation_city", TEXT),
        ("geolocation_state", TEXT),
    ),
    (),
)
ORDER_ITEMS = SourceFile(
    "order_items",
    "olist_order_items_dataset.csv",
    _cols(
        ("order_id", TEXT),
        ("order_item_id", INT),
        ("product_id", TEXT),
        ("seller_id", TEXT),
        ("shipping_limit_date", TS),
        ("price", MONEY),
        ("freight_value", MONEY),
    ),
    ("order_id", "order_item_id"),
)
ORDER_PAYMENTS = SourceFile(
    "order_payments",
    "olist_order_payments_dataset.csv",
    _cols(
        ("order_id", TEXT),
        ("payment_sequential", INT),
        ("payment_type", TEXT),
        ("payment_installments", INT),
        ("payment_value", MONEY),
    ),
    ("order_id", "payment_sequential"),
)
ORDER_REVIEWS = SourceFile(
    "order_reviews",
    "olist_order_reviews_dataset.csv",
    _cols(
        ("review_id", TEXT),
        ("order_id", TEXT),
        ("review_score", INT),
        ("review_comment_title", TEXT),
        ("review_comment_message", TEXT),
        ("review_creation_date", TS),
        ("review_answer_timestamp", TS),
    ),
    ("review_id", "order_id"),
)
ORDERS = SourceFile(
    "orders",
    "olist_orders_dataset.csv",
    _cols(
        ("order_id", TEXT),
        ("customer_id", TEXT),
        ("order_status", TEXT),
        ("order_purchase_timestamp", TS),
        ("order_approved_at", TS),
        ("order_delivered_carrier_date", TS),
        ("order_delivered_customer_date", TS),
        ("order_estimated_delivery_date", TS),
    ),
    ("order_id",),
)
PRODUCTS = SourceFile(
    "products",
    "olist_products_dataset.csv",
    _cols(
        ("product_id", TEXT),
        ("product_category_name", TEXT),
        ("product_name_lenght", INT),
        ("product_description_lenght", INT),
        ("product_photos_qty", INT),
        ("product_weight_g", INT),
        ("product_length_cm", INT),
        ("product_height_cm", INT),
        ("product_width_cm", INT),
    ),
    ("product_id",),
)
SELLERS = SourceFile(
    "sellers",
    "olist_sellers_dataset.csv",
    _cols(
        ("seller_id", TEXT),
        ("seller_zip_code_prefix", TEXT),
        ("seller_city", TEXT),
        ("seller_state", TEXT),
    ),
    ("seller_id",),
)
CATEGORY_TRANSLATION = SourceFile(
    "category_translation",
    "product_category_name_translation.csv",
    _cols(("product_category_name", TEXT), ("product_category_name_english", TEXT)),
    ("product_category_name",),
    bom_crlf=True,
)

SOURCE_FILES: tuple[SourceFile, ...] = (
    CUSTOMERS,
    GEOLOCATION,
    ORDER_ITEMS,
    ORDER_PAYMENTS,
    ORDER_REVIEWS,
    ORDERS,
    PRODUCTS,
    SELLERS,
    CATEGORY_TRANSLATION,
)

ORDER_STATUSES: tuple[str, ...] = tuple(s.value for s in OrderStatus)
PAYMENT_TYPES: tuple[str, ...] = tuple(p.value for p in PaymentType)
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"
