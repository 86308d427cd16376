"""The one `$name` style: bound by DuckDB itself, translated for sqlite3 and psycopg, and
identifiers put in only when known and quoted."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import duckdb
import psycopg
import pytest

from infrastructure.repositories.warehouse_sql import FactKey, query_text
from infrastructure.sql_files import (
    Sql,
    UnknownIdentifier,
    identifier,
    literal,
    placeholders,
    render,
    sql_file,
    to_paramstyle,
)

# Placeholders inside quotes and comments are text, not placeholders; `%` is text too.
STATEMENT = (
    "select $word || ' costs $price' as said, $price * 2 as doubled, '50%' as share"
    ' -- $not_here\n, 1 as "$not_this" /* $nor_this */'
)
VALUES = {"word": "tea", "price": 3}
EXPECTED = [("tea costs $price", 6, "50%", 1)]


def test_placeholders_skip_quotes_and_comments() -> None:
    assert placeholders(STATEMENT) == {"word", "price"}


def test_duckdb_binds_the_style_as_written() -> None:
    with duckdb.connect() as con:
        assert con.execute(STATEMENT, VALUES).fetchall() == EXPECTED


def test_sqlite_binds_the_named_translation() -> None:
    named = to_paramstyle(STATEMENT, "named")
    assert named.startswith("select :word || ' costs $price' as said, :price * 2")
    with sqlite3.connect(":memory:") as con:
        assert con.execute(named, VALUES).fetchall() == EXPECTED


def test_psycopg_binds_the_pyformat_translation(pg_dsn: str) -> None:
    pyformat = to_paramstyle(STATEMENT, "pyformat")
    assert pyformat.startswith("select %(word)s || ' costs $price' as said, %(price)s * 2")
    assert "'50%%'" in pyformat
    with psycopg.connect(pg_dsn) as con:
        rows = con.execute(pyformat, {"word": "tea", "price": 3}).fetchall()
    assert rows == EXPECTED


def test_a_cast_after_a_placeholder_stays() -> None:
    assert to_paramstyle("select $n::bigint", "pyformat") == "select %(n)s::bigint"
    assert render("select $n::bigint from $t", t=Sql('"x"')) == 'select $n::bigint from "x"'


def test_identifiers_are_the_known_names_quoted_in_their_spelling() -> None:
    assert identifier("FCT_Orders", ["fct_orders", "dim_date"], "table").text == '"fct_orders"'
    for hostile in ('fct_orders"; drop table x; --', "fct_orders x", None, 1):
        with pytest.raises(UnknownIdentifier, match="there is no table"):
            identifier(hostile, ["fct_orders"], "table")


def test_render_takes_only_checked_pieces_for_placeholders_it_has() -> None:
    with pytest.raises(TypeError, match="only Sql pieces"):
        render("select * from $t", t="fct_orders")  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="no placeholder"):
        render("select 1", t=Sql('"x"'))


def test_the_fact_key_column_is_one_of_the_enums_columns() -> None:
    rendered = render(
        query_text("order_headers"), key_column=identifier("order_id", FactKey, "key")
    )
    assert 'where "order_id" = $key' in rendered
    assert placeholders(rendered) == {"key"}


@pytest.mark.parametrize(
    "text", ["plain", "it's", "''", "a'); drop table x; --", "/tmp/naïve dir/o'brien.csv", "$x"]
)
def test_a_literal_reads_back_as_the_same_text(text: str) -> None:
    with duckdb.connect() as con:
        assert con.execute(f"select {literal(text)}").fetchall() == [(text,)]


def test_a_views_table_function_takes_no_parameter_so_the_path_is_a_literal() -> None:
    """Why read_csv.sql gets its path as a literal: DuckDB refuses a prepared view."""
    with duckdb.connect() as con, pytest.raises(duckdb.Error, match="can't be prepared"):
        con.execute("create temp view v as select * from read_csv($path)", {"path": "x.csv"})


def test_files_are_read_once() -> None:
    first = sql_file("infrastructure.source", "read_csv.sql")
    assert sql_file("infrastructure.source", "read_csv.sql") is first
    assert placeholders(first) == {"path", "columns", "timestamp_format", "keep_rejects"}


def test_every_sql_file_of_the_project_writes_placeholders_one_way() -> None:
    """No `{name}` to format, no `:name` or `%(name)s` of a driver: only `$name`."""
    root = Path(__file__).parents[3] / "infrastructure"
    other_styles = re.compile(r"\{\w+\}|(?<![:\w]):[A-Za-z_]\w*|%\(\w+\)s")
    quoted_or_comment = re.compile(r"'(?:[^']|'')*'|--[^\n]*|/\*.*?\*/", re.S)
    found = {
        str(path.relative_to(root)): other_styles.findall(quoted_or_comment.sub("", text))
        for path in sorted(root.rglob("*.sql"))
        if (text := path.read_text(encoding="utf-8"))
    }
    assert len(found) > 50
    assert {name: hits for name, hits in found.items() if hits} == {}
