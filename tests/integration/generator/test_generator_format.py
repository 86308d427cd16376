"""Byte-level format of the generated files: the real Kaggle export's quirks, exactly."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from infrastructure.generator import GenerationSummary
from infrastructure.source.contract import (
    CATEGORY_TRANSLATION,
    GEOLOCATION,
    MONEY,
    ORDER_REVIEWS,
    SOURCE_FILES,
    SourceFile,
)

LF_FILES = [source for source in SOURCE_FILES if not source.bom_crlf]
HEX_ID = re.compile(r"[0-9a-f]{32}")
ZIP = re.compile(r"\d{5}")
MONEY_TEXT = re.compile(r"\d+\.\d{2}")
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
INTEGER = re.compile(r"\d+")
DECIMAL = re.compile(r"-?\d+(\.\d+)?")
ID_COLUMNS = {
    "customer_id", "customer_unique_id", "order_id", "product_id", "seller_id", "review_id",
}  # fmt: skip


def read_rows(path: Path, source: SourceFile) -> list[list[str]]:
    encoding = "utf-8-sig" if source.bom_crlf else "utf-8"
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.reader(handle))


def expected_field(value: str, duckdb_type: str) -> str:
    """The quoting rule of the real export, applied to a parsed value."""
    if duckdb_type == "VARCHAR" and re.search(r'^[0-9]|[,"\r\n]', value):
        return '"' + value.replace('"', '""') + '"'
    return value


def column_values(summary: GenerationSummary, source: SourceFile, name: str) -> list[str]:
    rows = read_rows(summary.out / source.file_name, source)
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]


@pytest.mark.parametrize("source", SOURCE_FILES, ids=lambda s: s.table)
def test_header_is_the_contract_quoted_as_the_real_export(
    small_dataset: GenerationSummary, source: SourceFile
):
    raw = (small_dataset.out / source.file_name).read_bytes()
    prefix = b"\xef\xbb\xbf" if source.bom_crlf else b""
    terminator = b"\r\n" if source.bom_crlf else b"\n"
    names = source.column_names if source.bom_crlf else [f'"{n}"' for n in source.column_names]
    assert raw.startswith(prefix + ",".join(names).encode() + terminator)


@pytest.mark.parametrize("source", SOURCE_FILES, ids=lambda s: s.table)
def test_every_field_is_quoted_exactly_as_the_real_export(
    small_dataset: GenerationSummary, source: SourceFile
):
    """Re-serialising the parsed rows with the quoting rule gives back the file, byte for byte."""
    raw = (small_dataset.out / source.file_name).read_bytes()
    rows = read_rows(small_dataset.out / source.file_name, source)
    assert len(rows) > 1 and all(len(row) == len(source.columns) for row in rows)
    types = [column.duckdb_type for column in source.columns]
    assert tuple(rows[0]) == source.column_names
    lines = [source.header_line] + [
        ",".join(expected_field(value, kind) for value, kind in zip(row, types, strict=True))
        for row in rows[1:]
    ]
    if source.bom_crlf:
        rebuilt = b"\xef\xbb\xbf" + "\r\n".join(lines).encode()
    else:
        rebuilt = ("\n".join(lines) + "\n").encode()
    assert raw == rebuilt


def test_translation_has_bom_crlf_and_no_final_newline(small_dataset: GenerationSummary):
    raw = (small_dataset.out / CATEGORY_TRANSLATION.file_name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert not raw.endswith(b"\n")
    assert raw.count(b"\n") == raw.count(b"\r\n") == 71  # header + 71 rows, last unterminated
    names = column_values(small_dataset, CATEGORY_TRANSLATION, "product_category_name")
    assert len(names) == len(set(names)) == 71
    assert {"beleza_saude", "cama_mesa_banho", "informatica_acessorios"} <= set(names)
    assert not {"pc_gamer", "portateis_cozinha_e_preparadores_de_alimentos"} & set(names)


@pytest.mark.parametrize("source", LF_FILES, ids=lambda s: s.table)
def test_lf_files_end_with_newline_and_carry_cr_only_inside_comments(
    small_dataset: GenerationSummary, source: SourceFile
):
    raw = (small_dataset.out / source.file_name).read_bytes()
    assert raw.endswith(b"\n") and not raw.endswith(b"\n\n")
    assert raw.decode("utf-8")
    if source is not ORDER_REVIEWS:
        assert b"\r" not in raw


def test_values_have_the_real_shapes(small_dataset: GenerationSummary):
    for source in SOURCE_FILES:
        rows = read_rows(small_dataset.out / source.file_name, source)
        for index, column in enumerate(source.columns):
            values = [row[index] for row in rows[1:]]
            present = [v for v in values if v != ""]
            assert present, f"{source.table}.{column.name} is always empty"
            if column.name in ID_COLUMNS:
                pattern = HEX_ID
            elif column.name.endswith("zip_code_prefix"):
                pattern = ZIP
            elif column.duckdb_type == MONEY:
                pattern = MONEY_TEXT
            elif column.duckdb_type == "TIMESTAMP":
                pattern = TIMESTAMP
            elif column.duckdb_type == "INTEGER":
                pattern = INTEGER
            elif column.duckdb_type == "DOUBLE":
                pattern = DECIMAL
            else:
                continue
            wrong = [v for v in present if not pattern.fullmatch(v)]
            assert not wrong, f"{source.table}.{column.name}: {wrong[:3]}"


def test_zip_prefixes_keep_leading_zeros(small_dataset: GenerationSummary):
    customers = next(s for s in SOURCE_FILES if s.table == "customers")
    zips = column_values(small_dataset, customers, "customer_zip_code_prefix")
    raw = (small_dataset.out / customers.file_name).read_text(encoding="utf-8")
    assert any(z.startswith("0") for z in zips)
    assert all(f'"{z}"' in raw for z in zips[:50])
    geo_zips = column_values(small_dataset, GEOLOCATION, "geolocation_zip_code_prefix")
    assert any(z.startswith("0") for z in geo_zips)


def test_coordinates_are_plain_decimals_with_many_digits(small_dataset: GenerationSummary):
    latitudes = column_values(small_dataset, GEOLOCATION, "geolocation_lat")
    assert all("e" not in v.lower() for v in latitudes)
    assert sum(len(v.split(".")[1]) >= 10 for v in latitudes if "." in v) > len(latitudes) * 0.9


def test_midnight_dates(small_dataset: GenerationSummary):
    orders = next(s for s in SOURCE_FILES if s.table == "orders")
    estimated = column_values(small_dataset, orders, "order_estimated_delivery_date")
    created = column_values(small_dataset, ORDER_REVIEWS, "review_creation_date")
    assert all(v.endswith(" 00:00:00") for v in estimated + created)
    purchases = column_values(small_dataset, orders, "order_purchase_timestamp")
    assert sum(not v.endswith(" 00:00:00") for v in purchases) > len(purchases) * 0.99


def test_review_comments_are_portuguese_with_quoted_line_breaks(small_dataset: GenerationSummary):
    raw = (small_dataset.out / ORDER_REVIEWS.file_name).read_bytes()
    messages = column_values(small_dataset, ORDER_REVIEWS, "review_comment_message")
    titles = column_values(small_dataset, ORDER_REVIEWS, "review_comment_title")
    written = [m for m in messages if m]
    assert any("\r\n" in m for m in written)
    assert any("\n" in m.replace("\r\n", "") for m in written)
    assert any("," in m for m in written) and any('"' in m for m in written)
    assert b'""' in raw and b"\r\n" in raw
    assert any(ch in "".join(written) for ch in "ãçé")
    assert 0.5 < messages.count("") / len(messages) < 0.7
    assert 0.8 < titles.count("") / len(titles) < 0.95
