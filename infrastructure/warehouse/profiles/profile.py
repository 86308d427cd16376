"""The profile of a freshly built warehouse: what the monitors follow from run to run.

Measured inside the build, on tables just written (warm in DuckDB's buffer): one aggregate pass
per profiled table, one grouping per categorical column. Metric names are
`<table>.rows`, `fct_orders.rows.<YYYY-MM>`, `<table>.<column>.<measure>` and
`<table>.<column>.count.<value>`.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb

from infrastructure.sql_files import Sql, literal, quote_identifier, render, sql_file

PROFILED_TABLES = (
    "fct_orders",
    "fct_order_items",
    "fct_payments",
    "fct_reviews",
    "dim_customer",
    "dim_product",
    "dim_seller",
)
CATEGORICAL_COLUMNS = (
    ("fct_orders", "order_status"),
    ("fct_payments", "payment_type"),
    ("dim_customer", "state"),
    ("dim_product", "category_name"),
)
_NUMBER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE")
_TIME_TYPES = ("DATE", "TIMESTAMP")


def _query(name: str, **pieces: Sql) -> str:
    return render(sql_file("infrastructure.warehouse.profiles", f"{name}.sql"), **pieces)


def _measures(column: str, data_type: str) -> dict[str, Sql]:
    """Measure name -> SQL expression for one column, by its type."""
    c = quote_identifier(column)
    measures = {
        "null_rate": Sql(f"coalesce(avg(({c} is null)::int), 0)::double"),
        "distinct": Sql(f"approx_count_distinct({c})::double"),
    }
    if data_type.startswith(_NUMBER_TYPES) or data_type.startswith("DECIMAL"):
        for measure in ("min", "max", "avg", "stddev_samp"):
            name = {"avg": "mean", "stddev_samp": "sd"}.get(measure, measure)
            measures[name] = Sql(f"{measure}({c})::double")
    elif data_type.startswith(_TIME_TYPES):
        for measure in ("min", "max"):  # as days since 1970, a number a band can hold
            measures[measure] = Sql(f"(epoch({measure}({c})) / 86400)::double")
    elif data_type == "VARCHAR":
        measures["length"] = Sql(f"avg(length({c}))::double")
    elif data_type == "BOOLEAN":
        measures["true_rate"] = Sql(f"avg({c}::int)::double")
    return measures


def profile_warehouse(
    con: duckdb.DuckDBPyConnection, row_counts: Mapping[str, int]
) -> dict[str, float]:
    """Every measurement of the profile, by metric name (a measure over no rows is left out)."""
    metrics = {f"{table}.rows": float(rows) for table, rows in row_counts.items()}
    tables = Sql("(" + ", ".join(literal(t).text for t in PROFILED_TABLES) + ")")
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in con.execute(_query("column_columns", tables=tables)).fetchall():
        columns.setdefault(table, []).append((column, data_type))
    for table, typed in columns.items():
        names, expressions = [], []
        for column, data_type in typed:
            for measure, expression in _measures(column, data_type).items():
                names.append(f"{table}.{column}.{measure}")
                expressions.append(expression)
        sql = _query(
            "column_measures", measures=Sql.join(", ", expressions), table=quote_identifier(table)
        )
        row = con.execute(sql).fetchone() or ()
        metrics.update({n: float(v) for n, v in zip(names, row, strict=True) if v is not None})
    for month, orders in con.execute(_query("purchase_months")).fetchall():
        metrics[f"fct_orders.rows.{month}"] = float(orders)
    for table, column in CATEGORICAL_COLUMNS:
        sql = _query(
            "category_counts", table=quote_identifier(table), column=quote_identifier(column)
        )
        for category, rows in con.execute(sql).fetchall():
            metrics[f"{table}.{column}.count.{category}"] = float(rows)
    return metrics
