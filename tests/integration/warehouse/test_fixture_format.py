"""The hand-made fixture keeps the byte format of the real export (guards against editors)."""

from __future__ import annotations

from pathlib import Path

from infrastructure.source.contract import SOURCE_FILES

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"


def test_headers_are_the_contract_ones_misspellings_included() -> None:
    for source in SOURCE_FILES:
        first_line = (FIXTURE / source.file_name).read_bytes().split(b"\n")[0]
        header = first_line.removeprefix(b"\xef\xbb\xbf").rstrip(b"\r").decode()
        assert header == ",".join(source.column_names), source.file_name
    products = (FIXTURE / "olist_products_dataset.csv").read_text()
    assert "product_name_lenght,product_description_lenght" in products


def test_translation_file_has_bom_crlf_and_no_final_newline() -> None:
    data = (FIXTURE / "product_category_name_translation.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == data.count(b"\n") == 4
    assert not data.endswith(b"\n")


def test_quoting_follows_the_kaggle_rule() -> None:
    customers = (FIXTURE / "olist_customers_dataset.csv").read_text()
    assert ',"01409",sao paulo,SP\n' in customers
    reviews = (FIXTURE / "olist_order_reviews_dataset.csv").read_bytes()
    assert b'"Produto bom,\r\nmas a embalagem veio amassada.\r\nO ""presente"" chegou' in reviews
    review_r12 = b'"9d000000000000000000000000000012","0d000000000000000000000000000014",5,,,'
    assert review_r12 in reviews
