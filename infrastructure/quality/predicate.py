"""A stored `expression` rule's predicate, parsed by DuckDB's own parser before it may run.

The metadata store is shared by a team, so a predicate is untrusted text. It must be exactly one
expression over columns of its rule's own model, built from operators and the scalar functions
listed here (aggregates only as windows over that model); no subquery, no table function, nothing
that reads a file, the environment or the clock. What runs is rebuilt from the checked parse
(`json_deserialize_sql`), never the stored text itself.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from typing import Any

import duckdb

from infrastructure.sql_files import Sql

OPERATORS = frozenset(
    ("+", "-", "*", "/", "//", "%", "**", "^", "||", "~~", "!~~", "~~*", "!~~*", "~~~", "!~~~")
)
SCALAR_FUNCTIONS = frozenset(
    (
        *("abs", "round", "floor", "ceil", "ceiling", "trunc", "sign", "sqrt", "ln", "log"),
        *("exp", "power", "pow", "greatest", "least", "nullif", "ifnull", "isnan", "isinf"),
        *("isfinite", "length", "strlen", "lower", "upper", "trim", "ltrim", "rtrim", "substr"),
        *("substring", "left", "right", "starts_with", "ends_with", "prefix", "suffix"),
        *("contains", "replace", "concat", "strpos", "position", "regexp_matches"),
        *("regexp_full_match", "date_diff", "datediff", "date_sub", "date_part", "datepart"),
        *("date_trunc", "datetrunc", "year", "month", "day", "hour", "minute", "second"),
        *("dayofweek", "isodow", "epoch", "make_date", "strftime", "to_years", "to_months"),
        *("to_weeks", "to_days", "to_hours", "to_minutes", "to_seconds", "list_contains"),
        *("array_length", "len"),
    )
)
WINDOW_FUNCTIONS = frozenset(
    (
        *("avg", "sum", "min", "max", "count", "count_star", "median", "quantile_cont"),
        *("stddev", "stddev_pop", "stddev_samp", "var_pop", "var_samp", "row_number", "rank"),
    )
)
# Expression nodes of DuckDB's parse tree a predicate may hold; a subquery, a star (COLUMNS),
# a parameter or a lambda is refused by not being here.
_NODE_CLASSES = frozenset(
    (
        *("COLUMN_REF", "CONSTANT", "COMPARISON", "CONJUNCTION", "OPERATOR", "BETWEEN", "CASE"),
        *("CAST", "TYPE", "FUNCTION", "WINDOW", "COLLATE"),
    )
)
_DESCRIBED = {"SUBQUERY": "a subquery", "STAR": "a star or COLUMNS()", "PARAMETER": "a parameter"}


class RefusedPredicate(ValueError):
    """Why a predicate may not run, in words for the rule's result."""


def checked_predicate(text: object, columns: Mapping[str, str]) -> Sql:
    """The predicate as SQL rebuilt from its checked parse; `columns` maps the lower-case names
    of the rule model's columns to their spelling. Raises RefusedPredicate."""
    if not isinstance(text, str) or not text.strip():
        raise RefusedPredicate("the predicate must be one SQL boolean expression, not empty")
    for position, kind in duckdb.tokenize(text):
        if kind == duckdb.token_type.comment:
            raise RefusedPredicate(f"a comment (at character {position + 1}) is not allowed")
        if kind == duckdb.token_type.operator and text[position] == ";":
            raise RefusedPredicate("the predicate must be one SQL expression, not statements")
    tree = _parse(text)
    expression = _single_expression(tree)
    _check(expression, columns)
    return Sql(f"({_unparse(tree)})")


_parser_lock = threading.Lock()
_parser: duckdb.DuckDBPyConnection | None = None


def _duckdb(sql: str, value: str) -> Any:
    """One value from a private in-memory DuckDB that holds nothing and reads nothing."""
    global _parser
    with _parser_lock:
        if _parser is None:
            _parser = duckdb.connect(":memory:")
            _parser.execute("SET enable_external_access = false")
        row = _parser.execute(sql, [value]).fetchone()
    return row[0] if row else None


def _parse(text: str) -> dict[str, Any]:
    tree: dict[str, Any] = json.loads(_duckdb("SELECT json_serialize_sql(?)", f"SELECT {text}"))
    if tree.get("error"):
        raise RefusedPredicate(
            f"the predicate is not one SQL expression: {tree.get('error_message')}"
        )
    return tree


def _unparse(tree: dict[str, Any]) -> str:
    sql: str = _duckdb("SELECT json_deserialize_sql(?::json)", json.dumps(tree))
    if not sql.startswith("SELECT "):
        raise RefusedPredicate("the predicate could not be rebuilt from its parse")
    return sql.removeprefix("SELECT ")


def _single_expression(tree: dict[str, Any]) -> dict[str, Any]:
    statements = tree["statements"]
    node = statements[0]["node"] if len(statements) == 1 else {}
    plain_select = (
        node.get("type") == "SELECT_NODE"
        and node["from_table"]["type"] == "EMPTY"
        and not node["modifiers"]
        and not node["cte_map"]["map"]
        and node["where_clause"] is None
        and not node["group_expressions"]
        and node["having"] is None
        and node["qualify"] is None
        and node["sample"] is None
    )
    if not plain_select:
        raise RefusedPredicate(
            "the predicate must be one SQL expression, without FROM, WHERE, LIMIT or the like"
        )
    expressions: list[dict[str, Any]] = node["select_list"]
    if len(expressions) != 1:
        raise RefusedPredicate(
            f"the predicate must be one SQL expression, found {len(expressions)} separated by ','"
        )
    if expressions[0].get("alias"):
        raise RefusedPredicate("the predicate must be one SQL expression, without AS")
    return expressions[0]


def _check(node: Any, columns: Mapping[str, str]) -> None:
    """Walk the parse tree: every expression node of an allowed class, every function allowed,
    every column one of the model's (respelled as the model spells it)."""
    if isinstance(node, list):
        for item in node:
            _check(item, columns)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("class")
    if kind is not None:
        _check_node(node, kind, columns)
    for value in node.values():
        _check(value, columns)


def _check_node(node: dict[str, Any], kind: str, columns: Mapping[str, str]) -> None:
    if kind not in _NODE_CLASSES:
        what = _DESCRIBED.get(kind, kind.lower().replace("_", " "))
        raise RefusedPredicate(f"{what} is not allowed: a predicate reads its own rule's rows")
    if kind == "COLUMN_REF":
        names = node["column_names"]
        if len(names) != 1:
            raise RefusedPredicate(
                f"the column {'.'.join(names)} is qualified: name columns of the rule's model only"
            )
        spelling = columns.get(names[0].lower())
        if spelling is None:
            raise RefusedPredicate(f"the rule's model has no column {names[0]!r}")
        node["column_names"] = [spelling]
    elif kind in ("FUNCTION", "WINDOW"):
        name = str(node["function_name"]).lower()
        allowed = WINDOW_FUNCTIONS if kind == "WINDOW" else OPERATORS | SCALAR_FUNCTIONS
        if node.get("schema") or node.get("catalog") or name not in allowed:
            shown = ".".join(p for p in (node.get("catalog"), node.get("schema"), name) if p)
            raise RefusedPredicate(
                f"the function {shown} is not allowed: a predicate may call only scalar "
                "functions of its row (see infrastructure/quality/predicate.py)"
            )
