"""The hand-made fixture keeps the byte format of the real export (guards against editors)."""

from __future__ import annotations

import shutil
from pathlib import Path

from infrastructure.source import open_source
from infrastructure.source.contract import SOURCE_FILES
from infrastructure.warehouse import WarehouseBuilder

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"


def test_headers_are_the_contract_ones_misspellings_included() -> None:
    for source in SOURCE_FILES:
        first_line = (FIXTURE / source.file_name).read_bytes().split(b"\n")[0]
        header = first_line.removeprefix(b"\xef\xbb\xbf").rstrip(b"\r").decode()
        names = header.split(",")
        assert [name.strip('"') for name in names] == list(source.column_names), source.file_name
        assert header == source.header_line, f"{source.file_name}: quoted as the real export"
    products = (FIXTURE / "olist_products_dataset.csv").read_text()
    assert '"product_name_lenght","product_description_lenght"' in products


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


def test_bare_headers_load_as_the_quoted_ones(tmp_path: Path) -> None:
    """The real export quotes header names; other exports of the format may not: both load."""
    bare = tmp_path / "bare"
    shutil.copytree(FIXTURE, bare)
    for source in SOURCE_FILES:
        path = bare / source.file_name
        header, newline, rest = path.read_bytes().partition(b"\n")
        path.write_bytes(header.replace(b'"', b"") + newline + rest)
    assert b'"order_id"' not in (bare / "olist_orders_dataset.csv").read_bytes()[:200]
    counts = {}
    for name, folder in (("quoted", FIXTURE), ("bare", bare)):
        with open_source(folder) as opened:
            counts[name] = WarehouseBuilder().build(opened, tmp_path / f"{name}.duckdb").source_rows
    assert counts["bare"] == counts["quoted"]
    assert counts["quoted"]["orders"] == 15
