"""Completion from a catalogue: columns after a table or an alias, tables, macros, functions."""

from __future__ import annotations

from workbench.application.sql_completion import complete, sources
from workbench.application.sql_console import catalogue_of, statement_at

CATALOGUE = catalogue_of(
    {
        "tables": [
            {"name": "fct_orders", "kind": "table", "row_count": 15, "comment": ""},
            {"name": "fct_order_items", "kind": "table", "row_count": 16, "comment": ""},
            {"name": "dim_seller", "kind": "table", "row_count": 3, "comment": "sellers"},
        ],
        "columns": [
            {"table_name": "fct_orders", "column_name": "order_id", "data_type": "VARCHAR"},
            {"table_name": "fct_orders", "column_name": "order_status", "data_type": "VARCHAR"},
            {"table_name": "fct_order_items", "column_name": "price", "data_type": "DECIMAL"},
            {"table_name": "dim_seller", "column_name": "seller_state", "data_type": "VARCHAR"},
        ],
        "functions": [
            {"name": "kpi_orders", "kind": "table_macro", "parameters": "a, b", "own": True},
            {"name": "date_trunc", "kind": "scalar", "parameters": "part, ts", "own": False},
            {"name": "order_sum", "kind": "aggregate", "parameters": "", "own": False},
        ],
        "keywords": [{"name": "from"}, {"name": "select"}, {"name": "order"}],
        "macro_columns": [
            {"table_name": "kpi_orders", "column_name": "gmv", "data_type": "DECIMAL"},
        ],
    }
)


def texts(text: str, offset: int | None = None) -> list[str]:
    offset = len(text) if offset is None else offset
    return [s.text for s in complete(text, offset, CATALOGUE).suggestions]


def test_columns_after_an_alias_and_a_table_name() -> None:
    query = "select o. from fct_orders as o"
    assert texts(query, len("select o.")) == ["order_id", "order_status"]
    query = "select i.pr from fct_order_items i join fct_orders o using (order_id)"
    assert texts(query, len("select i.pr")) == ["price"]
    assert texts("select fct_orders.order_s") == ["order_status"]


def test_columns_of_a_table_macro_after_its_alias() -> None:
    query = "select k.g from kpi_orders(null, null) k"
    assert texts(query, len("select k.g")) == ["gmv"]


def test_replaces_the_word_typed() -> None:
    completion = complete("select * from fct_o", 19, CATALOGUE)
    assert (completion.start, completion.end) == (14, 19)
    assert [s.text for s in completion.suggestions] == ["fct_orders", "fct_order_items"]


def test_columns_of_the_statement_first_then_tables_macros_keywords_functions() -> None:
    shown = texts("select ord from fct_orders", len("select ord"))
    assert shown[:2] == ["order_id", "order_status"]
    assert "order_sum(" in shown
    assert shown.index("order_id") < shown.index("order_sum(")
    assert texts("select * from kpi") == ["kpi_orders("]
    assert texts("select date_t")[0] == "date_trunc("
    assert texts("select * fr")[0] == "from"


def test_fuzzy_word_start() -> None:
    assert "dim_seller" in texts("select * from sell")


def test_sources_by_alias() -> None:
    assert sources("from fct_orders o join dim_seller as s on true where 1") == {
        "fct_orders": "fct_orders",
        "o": "fct_orders",
        "dim_seller": "dim_seller",
        "s": "dim_seller",
    }


def test_statement_at_cursor() -> None:
    text = "select 1;\nselect 2"
    assert text[slice(*statement_at(text, 0))] == "select 1;"
    assert text[slice(*statement_at(text, len(text)))] == "\nselect 2"
