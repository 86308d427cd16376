"""No value is coerced silently: what the contract's types could hold only by rounding (or by
dropping a part of it) is refused with file, line, column and value, like any bad value."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from infrastructure.source import SourceError, open_source
from infrastructure.warehouse import WarehouseBuilder

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
ITEMS = "olist_order_items_dataset.csv"
PAYMENTS = "olist_order_payments_dataset.csv"
REVIEWS = "olist_order_reviews_dataset.csv"
PRODUCTS = "olist_products_dataset.csv"
ORDERS = "olist_orders_dataset.csv"
ORDER_1 = b"ad000000000000000000000000000001"


@pytest.fixture
def source_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "source"
    shutil.copytree(FIXTURE, copy, ignore=shutil.ignore_patterns("*.md"))
    return copy


def replace_in_line(path: Path, line: int, old: bytes, new: bytes) -> None:
    lines = path.read_bytes().split(b"\n")
    assert old in lines[line - 1], f"fixture line {line} of {path.name} lacks {old!r}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_bytes(b"\n".join(lines))


def build(source_dir: Path, target: Path) -> None:
    with open_source(source_dir) as source:
        WarehouseBuilder().build(source, target)


@pytest.mark.parametrize(
    ("file", "line", "old", "new", "column", "value", "expected"),
    [
        (ITEMS, 2, b",100.00,", b",100.005,", "price", "100.005", "two decimals"),
        (ITEMS, 2, b",10.00", b",-0.001", "freight_value", "-0.001", "two decimals"),
        (ITEMS, 2, ORDER_1 + b",1,", ORDER_1 + b",1.5,", "order_item_id", "1.5", "a whole number"),
        (ITEMS, 2, ORDER_1 + b",1,", ORDER_1 + b",1e0,", "order_item_id", "1e0", "a whole number"),
        (PAYMENTS, 2, b",3,110", b",2.5,110", "payment_installments", "2.5", "a whole number"),
        (PAYMENTS, 2, b",110.00", b",110.001", "payment_value", "110.001", "two decimals"),
        (PRODUCTS, 2, b",225,", b",225.7,", "product_weight_g", "225.7", "a whole number"),
        # R06 sits on line 9: the comment of R05 before it spans three physical lines
        (REVIEWS, 9, b",1,,", b",4.5,,", "review_score", "4.5", "a whole number"),
    ],
)
def test_a_value_only_held_by_rounding_is_refused_with_where_and_what(
    source_copy: Path,
    tmp_path: Path,
    file: str,
    line: int,
    old: bytes,
    new: bytes,
    column: str,
    value: str,
    expected: str,
) -> None:
    replace_in_line(source_copy / file, line, old, new)
    target = tmp_path / "warehouse.duckdb"
    with pytest.raises(SourceError) as caught:
        build(source_copy, target)
    error = caught.value
    assert (error.file_name, error.line, error.column, error.value) == (file, line, column, value)
    message = str(error)
    assert message.startswith(f"{file}, line {line}, column {column}: cannot read {value!r} as ")
    assert expected in message and "without rounding" in message
    assert "\n" not in message and not target.exists()


@pytest.mark.parametrize(
    "written",
    [b"2017-01-05 10:00:00.5", b"2017-01-05 10:00:00+03:00", b"2017-01-05", b"2017-01-05T10:00:00"],
)
def test_a_timestamp_not_written_as_the_contract_says_is_refused(
    source_copy: Path, tmp_path: Path, written: bytes
) -> None:
    """A fractional second, an offset (which DuckDB dropped without a word) or a bare date."""
    replace_in_line(source_copy / ORDERS, 2, b",2017-01-05 10:00:00,", b"," + written + b",")
    with pytest.raises(SourceError) as caught:
        build(source_copy, tmp_path / "warehouse.duckdb")
    error = caught.value
    assert (error.line, error.column, error.value) == (
        2,
        "order_purchase_timestamp",
        written.decode(),
    )
    assert "YYYY-MM-DD HH:MM:SS" in str(error)


def test_values_written_with_trailing_zeros_lose_nothing_and_load(
    source_copy: Path, tmp_path: Path
) -> None:
    replace_in_line(source_copy / ITEMS, 2, b",100.00,10.00", b",100.000,10.0")
    replace_in_line(source_copy / ITEMS, 2, ORDER_1 + b",1,", ORDER_1 + b",1.0,")
    target = tmp_path / "warehouse.duckdb"
    build(source_copy, target)
    with duckdb.connect(str(target), read_only=True) as con:
        row = con.execute(
            "SELECT order_item_id, price, freight_value FROM fct_order_items WHERE order_id = ?",
            [ORDER_1.decode()],
        ).fetchone()
    assert row == (1, Decimal("100.00"), Decimal("10.00"))
