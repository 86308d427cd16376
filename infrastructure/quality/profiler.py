"""Profile the published warehouse for rule suggestions, and try candidate rules on it.

The profile reads each fact and dimension table once (values present, distinct values, min and
max per column), then lists the values of text columns that have few. Candidate rules run
through the same runner as the gate, so a suggestion is offered only if it passes.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path

import duckdb

from domain.entities.quality import RuleOutcome
from domain.errors import WarehouseNotPublished
from domain.repositories.metadata_store import QualityRuleRecord
from domain.services.rule_suggestions import (
    MAX_ACCEPTED_VALUES,
    ColumnKind,
    ColumnProfile,
    TableProfile,
)
from infrastructure.duckdb_connection import DEFAULT_RESOURCES, DuckDbResources
from infrastructure.quality.compiler import template
from infrastructure.quality.connection import checking_connection
from infrastructure.quality.context import CheckContext
from infrastructure.quality.runner import run_rules
from infrastructure.sql_files import Sql, quote_identifier, render

_NUMBERS = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE", "DECIMAL")
_INTEGERS = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT")


def _kind(data_type: str) -> ColumnKind:
    base = data_type.split("(")[0].upper()
    if base == "VARCHAR":
        return ColumnKind.TEXT
    if base.lstrip("U") in _NUMBERS:
        return ColumnKind.NUMBER
    return ColumnKind.OTHER


class WarehouseProfiler:
    def __init__(self, warehouse_path: Path, resources: DuckDbResources = DEFAULT_RESOURCES):
        self._path = warehouse_path
        self._resources = resources

    def _connection(self) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        if not self._path.exists():
            raise WarehouseNotPublished(
                f"No warehouse published at {self._path} yet: ingest a dataset first."
            )
        return checking_connection(self._path, self._resources.for_input(self._path.stat().st_size))

    def profile(self) -> list[TableProfile]:
        """Each fact and dimension table's profile, by table name."""
        with self._connection() as con:
            columns: dict[str, list[tuple[str, str]]] = {}
            for table, column, data_type in con.sql(template("profile_columns")).fetchall():
                columns.setdefault(str(table), []).append((str(column), str(data_type)))
            return [_profile(con, table, listed) for table, listed in columns.items()]

    def check(self, rules: Sequence[QualityRuleRecord]) -> tuple[RuleOutcome, ...]:
        """Each candidate rule's outcome on the published warehouse."""
        with self._connection() as con:
            return run_rules(con, rules, CheckContext(datetime.now()), sample_rows=0)


def _profile(
    con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]]
) -> TableProfile:
    model = quote_identifier(table)
    stats: list[Sql] = []
    for index, (name, data_type) in enumerate(columns):
        column = quote_identifier(name)
        stats += [Sql(f"count({column}) as n{index}"), Sql(f"count(distinct {column}) as d{index}")]
        if _kind(data_type) is ColumnKind.NUMBER:
            stats += [Sql(f"min({column})::double as lo{index}")]
            stats += [Sql(f"max({column})::double as hi{index}")]
    sql = render(template("profile_table"), model=model, column_stats=Sql.join(", ", stats))
    cursor = con.sql(sql)
    (row,) = cursor.fetchall()
    named = dict(zip(cursor.columns, row, strict=True))
    rows = int(named["row_count"])
    profiles = []
    for index, (name, data_type) in enumerate(columns):
        kind = _kind(data_type)
        non_null, distinct = int(named[f"n{index}"]), int(named[f"d{index}"])
        low, high = named.get(f"lo{index}"), named.get(f"hi{index}")
        if data_type.upper() in _INTEGERS and low is not None and high is not None:
            low, high = int(low), int(high)
        values: tuple[str, ...] = ()
        if kind is ColumnKind.TEXT and 0 < distinct <= MAX_ACCEPTED_VALUES:
            listed = render(template("profile_values"), model=model, column=quote_identifier(name))
            values = tuple(str(value) for (value,) in con.sql(listed).fetchall())
        profiles.append(ColumnProfile(name, kind, non_null, distinct, low, high, values))
    return TableProfile(table, rows, _key(con, model, rows, profiles), tuple(profiles))


def _key(
    con: duckdb.DuckDBPyConnection, model: Sql, rows: int, columns: list[ColumnProfile]
) -> tuple[str, ...]:
    """The first column if it names each row, else the first two together if they do; else
    () (the tables list their key first)."""
    if not columns:
        return ()
    if columns[0].distinct == columns[0].non_null == rows:
        return (columns[0].name,)
    if len(columns) < 2:
        return ()
    first, second = columns[0].name, columns[1].name
    sql = render(
        template("profile_key"),
        model=model,
        first=quote_identifier(first),
        second=quote_identifier(second),
    )
    ((names_rows,),) = con.sql(sql).fetchall()
    return (first, second) if names_rows else ()
