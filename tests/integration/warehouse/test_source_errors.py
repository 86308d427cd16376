"""Bad input gets a SourceError naming the file, line, column and value, and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from infrastructure.source import SourceError, open_source
from infrastructure.warehouse import WarehouseBuilder

ITEMS = "olist_order_items_dataset.csv"
ORDERS = "olist_orders_dataset.csv"
REVIEWS = "olist_order_reviews_dataset.csv"
CUSTOMERS = "olist_customers_dataset.csv"
PAYMENTS = "olist_order_payments_dataset.csv"


def build_error(source_dir: Path, tmp_path: Path) -> SourceError:
    target = tmp_path / "warehouse.duckdb"
    with pytest.raises(SourceError) as caught, open_source(source_dir) as source:
        WarehouseBuilder().build(source, target)
    assert not target.exists(), "a failed build leaves no warehouse file behind"
    return caught.value


def replace_in_line(path: Path, line: int, old: bytes, new: bytes) -> None:
    lines = path.read_bytes().split(b"\n")
    assert old in lines[line - 1], f"fixture line {line} of {path.name} lacks {old!r}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_bytes(b"\n".join(lines))


def test_missing_files_are_listed(source_copy: Path) -> None:
    (source_copy / "olist_sellers_dataset.csv").unlink()
    (source_copy / ORDERS).unlink()
    with pytest.raises(SourceError) as caught, open_source(source_copy):
        pass
    message = str(caught.value)
    assert "missing 2 of the 9" in message
    assert "olist_sellers_dataset.csv" in message and ORDERS in message


def test_renamed_column_names_missing_and_unexpected(source_copy: Path, tmp_path: Path) -> None:
    replace_in_line(source_copy / ITEMS, 1, b',"price",', b',"item_price",')
    error = build_error(source_copy, tmp_path)
    message = str(error)
    assert ITEMS in message and "line 1" in message
    assert "missing column(s) price" in message and "'item_price'" in message
    assert (error.file_name, error.line, error.column) == (ITEMS, 1, "price")


def test_columns_in_wrong_order(source_copy: Path, tmp_path: Path) -> None:
    replace_in_line(source_copy / ITEMS, 1, b'"price","freight_value"', b'"freight_value","price"')
    assert "wrong order" in str(build_error(source_copy, tmp_path))


def test_wrong_delimiter(source_copy: Path, tmp_path: Path) -> None:
    path = source_copy / PAYMENTS
    path.write_bytes(path.read_bytes().replace(b",", b";"))
    message = str(build_error(source_copy, tmp_path))
    assert PAYMENTS in message and "semicolon ';'" in message and "expected comma" in message


def test_latin1_encoding_names_line_and_byte(source_copy: Path, tmp_path: Path) -> None:
    replace_in_line(source_copy / CUSTOMERS, 4, b"rio de janeiro", "São Paulo".encode("latin-1"))
    error = build_error(source_copy, tmp_path)
    message = str(error)
    assert f"{CUSTOMERS}, line 4, column customer_city" in message
    assert "0xE3" in message and "not valid UTF-8" in message and "Re-save it as UTF-8" in message
    assert (error.line, error.column, error.value) == (4, "customer_city", "São Paulo")


def test_unparseable_decimal(source_copy: Path, tmp_path: Path) -> None:
    replace_in_line(source_copy / ITEMS, 6, b",45.90,", b',"45,90",')
    error = build_error(source_copy, tmp_path)
    assert str(error).startswith(f"{ITEMS}, line 6, column price: cannot read '45,90'")
    assert "two decimals" in str(error)
    assert (error.line, error.column, error.value) == (6, "price", "45,90")


def test_unparseable_timestamp(source_copy: Path, tmp_path: Path) -> None:
    replace_in_line(source_copy / ORDERS, 5, b"2017-01-20 14:00:00", b"20/01/2017 14:00")
    error = build_error(source_copy, tmp_path)
    message = str(error)
    assert f"{ORDERS}, line 5, column order_purchase_timestamp" in message
    assert "'20/01/2017 14:00'" in message and "YYYY-MM-DD HH:MM:SS" in message


def test_line_numbers_count_quoted_newlines(source_copy: Path, tmp_path: Path) -> None:
    # Review R05's comment spans physical lines 6-8, so R06 sits on line 9 (its 8th record).
    replace_in_line(source_copy / REVIEWS, 9, b",2017-02-23 00:00:00,", b",2017-02-31 00:00:00,")
    error = build_error(source_copy, tmp_path)
    assert f"{REVIEWS}, line 9, column review_creation_date" in str(error)
    assert error.value == "2017-02-31 00:00:00"
    # its form is right: the day is what does not exist
    assert "it has the form YYYY-MM-DD HH:MM:SS, but that day or time does not exist" in str(error)


def test_empty_file(source_copy: Path, tmp_path: Path) -> None:
    (source_copy / "olist_sellers_dataset.csv").write_bytes(b"")
    assert "olist_sellers_dataset.csv is empty" in str(build_error(source_copy, tmp_path))


def test_header_without_rows(source_copy: Path, tmp_path: Path) -> None:
    path = source_copy / "olist_sellers_dataset.csv"
    path.write_bytes(path.read_bytes().split(b"\n")[0] + b"\n")
    assert "has a header but no data rows" in str(build_error(source_copy, tmp_path))


def test_truncated_last_line(source_copy: Path, tmp_path: Path) -> None:
    path = source_copy / ORDERS
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b"invoiced") + len(b"invoiced")])
    message = str(build_error(source_copy, tmp_path))
    assert f"{ORDERS}, line 16: found 3 fields, expected 8" in message
    assert "truncated" in message


def test_unterminated_quote(source_copy: Path, tmp_path: Path) -> None:
    path = source_copy / REVIEWS
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b"mas a embalagem")])
    message = str(build_error(source_copy, tmp_path))
    assert f"{REVIEWS}, line 6" in message and "never closed" in message


def test_wrong_field_count_in_the_middle(source_copy: Path, tmp_path: Path) -> None:
    replace_in_line(source_copy / PAYMENTS, 3, b",credit_card,", b",credit_card,extra,")
    message = str(build_error(source_copy, tmp_path))
    assert f"{PAYMENTS}, line 3: found 6 fields, expected 5" in message
    assert "unquoted comma" in message


def test_not_a_folder_or_zip(tmp_path: Path) -> None:
    stray = tmp_path / "orders.txt"
    stray.write_text("hello")
    with pytest.raises(SourceError, match=r"neither a folder nor a \.zip"), open_source(stray):
        pass
    with pytest.raises(SourceError, match="does not exist"), open_source(tmp_path / "nope"):
        pass
