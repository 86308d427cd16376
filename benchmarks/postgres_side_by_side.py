"""Benchmark SPEC §11: the warehouse's mart queries on PostgreSQL alone (the old architecture),
measured side by side with DuckDB, with the ratio, and checked to give the same results.

Usage: python benchmarks/postgres_side_by_side.py [--scale S] [--seed N] [--repeat N] [--warmups N]
       [--source DIR | --warehouse FILE] [--pg-set NAME=VALUE ...]

Generates the synthetic dataset at --scale (default 1) into a temp dir (or uses --source) and
ingests it with the workbench, as benchmarks/explorer.py does. Then:
- DuckDB side: a copy of the published warehouse, opened with the builder's settings
  (infrastructure.warehouse.connect: 2 threads, 2 GB), the builder's own model text
  (catalog.CORE_MODELS / MART_MODELS) and reference data (rfm_* macros, session variables);
- PostgreSQL side: a database of its own on 127.0.0.1:5432 (user postgres, never another host),
  workbench_bench_<pid>, dropped at the end, also on failure; session settings PG_SESSION
  (work_mem 64MB, jit off; --pg-set NAME=VALUE changes them). Loaded with what the DuckDB marts
  step starts from: the core tables the marts read (fct_orders, fct_order_items, dim_customer,
  dim_product, dim_seller, ref_brazil_states, dim_geography), plus the stg_* tables fct_orders and
  fct_order_items are built from, so those two facts are timed too. Exported from the warehouse
  as CSV and loaded with COPY (FREEZE), then primary keys, join-column indexes, VACUUM ANALYZE.
  PostgreSQL runs the builder's own model text wherever the two dialects read it alike, and a
  translation in benchmarks/postgres_marts/ only where they differ; each translation names the
  differences that force it and the sha256 of the DuckDB file it translates (the script stops
  when that file has changed since, and when a translation is of no model). As it is:
  fct_order_items, mart_kpi_orders, kpi_items, kpi_monthly, kpi_categories, seller_health (a
  typed function of its text, SCALAR_SIGNATURES), mart_kpi_monthly, mart_cohort_retention,
  mart_state_summary. Translated: money_mean (scalar macro -> typed function, hugeint `//` ->
  div/mod), fct_orders (session variable, date_diff, avg type), int_customer_rfm_measures
  (date_diff), mart_customer_rfm (window sum type), mart_kpi_items (`* exclude`), kpi_orders
  (`* replace`, `union all by name`), kpi_seller_measures (hugeint, `union all by name`),
  mart_kpi_sellers (`* exclude replace`), kpi_sellers (`union all by name`, `* exclude`),
  kpi_periods (date series, integer division),
  kpi_delivery (date_diff, median), kpi_states, kpi_cohorts (integer division, date_diff month),
  mart_category_performance, mart_delivery_performance, mart_seller_scorecard (integer
  division), mart_segment_extremes (arg_max of a longest text, quantile_disc; its texts
  compared by length, COMPARED_BY_LENGTH). The kpi_* table macros become SQL functions of the
  same names and (typed) parameters returning a composite type with the columns DuckDB gives
  the macro's result, so the marts call them as in DuckDB; any_value is created on PostgreSQL
  before 16; the rfm_*
  functions and the builder's session variables (PG_VARIABLES, as functions of no argument)
  are generated from the same domain rules the builder hands DuckDB (the rfm_* bodies by
  infrastructure.warehouse.segmentation_sql, in its PostgreSQL dialect).
For each model: DROP + CREATE TABLE AS, committed, on both sides, alternating, median of
--repeat runs after --warmups (1) untimed ones. fct_* are rebuilt as <name>_rebuilt (the marts
keep reading the loaded facts). Every kpi_* macro is then called under four filter sets (no
filter, a state, a category, the last 12 months; states and categories are lists, PostgreSQL
text[]; kpi_periods by week), timed fetching its rows (kpi_orders and kpi_items: a query
summing their money). Then the KPI screens' own queries (infrastructure/analytics/queries/
kpi_*.sql), each with the parameters the nine KPI views bind under those four filter sets
(recorded by running KpiService.view on the DuckDB side), timed fetching their rows; PostgreSQL
runs each file as it is ($name -> psycopg's %(name)s) or its translation in
benchmarks/postgres_screens/, checked like the marts' (sha256 of the query file). Wall time is
a median; CPU time a mean: DuckDB's is this process's (time.process_time), PostgreSQL's the
backend's and its parallel workers' utime + stime from /proc (PgBackend). Every result is
compared: row counts, money (decimal) and count (integer) columns exactly, so to the cent,
text/dates/flags exactly, and double columns (rates, averages) to a relative 1e-9. Prints a
table and writes benchmarks/results/postgres_side_by_side.txt (postgres_side_by_side-scale<S>.txt
for other scales).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import platform
import re
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from functools import partial
from pathlib import Path
from typing import Any

import duckdb
import psycopg
from psycopg import sql

from infrastructure.analytics.warehouse_reader import query_text
from infrastructure.warehouse import connect
from infrastructure.warehouse.catalog import CORE_MODELS, MART_MODELS, Model
from infrastructure.warehouse.reference_data import seed_reference_data
from infrastructure.warehouse.segmentation_sql import segmentation_macros

HERE = Path(__file__).parent
PG_MODELS = HERE / "postgres_marts"
# Every model of the warehouse by name; PostgreSQL runs its text as it is unless PG_MODELS holds
# a translation of it (pg_model_sql).
MODELS = {model.name: model for model in (*CORE_MODELS, *MART_MODELS)}
# The first lines of a translation name the DuckDB file and the sha256 of the text translated.
TRANSLATION_HEADER = re.compile(r"PostgreSQL translation of (\S+\.sql) \(sha256 ([0-9a-f]{12})")
# A translation that spells out the columns of another model says so, with that model's sha256.
COLUMNS_OF = re.compile(
    r"columns of (infrastructure/warehouse/models/\S+\.sql) \(sha256 ([0-9a-f]{12})\)"
)
# Translations of the KPI screens' queries (infrastructure/analytics/queries/kpi_*.sql).
PG_SCREENS = HERE / "postgres_screens"
RESULTS = HERE / "results"
# Parameters of a query: positional (the macros' probes) or by name (the screens' queries).
Arguments = list[Any] | dict[str, Any]
# The only server this script ever talks to (hostaddr too, so PGHOSTADDR cannot redirect it).
PG_SERVER = {"host": "127.0.0.1", "hostaddr": "127.0.0.1", "port": "5432", "user": "postgres"}
# Session settings of the PostgreSQL side, on top of the server's defaults, as an analyst of the
# old architecture would set them for reporting queries: a work_mem for hash aggregates and
# sorts (the default is 4 MB), and no JIT, which compiles each of these sub-second queries for
# longer than it saves (measured at scale 1: mart_cohort_retention 615 ms with JIT, 209 without).
# Override with --pg-set NAME=VALUE.
PG_SESSION = {"work_mem": "64MB", "jit": "off"}
REL_TOLERANCE = 1e-9

# Tables loaded into PostgreSQL: primary key, then other indexes (join and filter columns).
INPUTS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]] = {
    "stg_orders": (("order_id",), (("customer_id",),)),
    "stg_customers": (("customer_id",), ()),
    "stg_order_items": (("order_id", "order_item_id"), (("seller_id",),)),
    "stg_order_payments": (("order_id", "payment_sequential"), ()),
    "stg_order_reviews": (("review_id", "order_id"), (("order_id",),)),
    "fct_orders": (("order_id",), (("customer_unique_id",), ("purchase_month",))),
    "fct_order_items": (("order_id", "order_item_id"), (("product_id",), ("seller_id",))),
    "dim_customer": (("customer_unique_id",), ()),
    "dim_product": (("product_id",), ()),
    "dim_seller": (("seller_id",), ()),
    "ref_brazil_states": (("state",), ()),
    "dim_geography": (("zip_code_prefix",), ()),
}
# --screens-only loads the tables the screens' queries and the kpi_* macros read, as the
# warehouse holds them, instead of building them on PostgreSQL (a run at scale 10 in less time).
SCREEN_INPUTS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]] = {
    "mart_kpi_orders": (("order_id",), (("purchased_at",),)),
    "mart_kpi_items": (("order_id", "order_item_id"), (("purchased_at",),)),
    "mart_customer_rfm": (("customer_unique_id",), ()),
    "mart_kpi_sellers": (("seller_key",), ()),
    "mart_kpi_products": (("product_key",), ()),
    # the executive view's rollups (kpi_periods); a key with a NULL is indexed instead
    "mart_kpi_category_sets": (("category_set_id", "category"), ()),
    "mart_kpi_daily": (("purchase_day", "customer_state", "category_set_id"), ()),
    "mart_kpi_daily_states": (("purchase_day", "customer_state"), ()),
    "mart_kpi_daily_customers": (
        ("purchase_day", "customer_state", "category_set_id", "customer_key"),
        (),
    ),
    "mart_kpi_daily_categories": (("purchase_day", "customer_state", "category"), ()),
    "dim_seller": (("seller_id",), ()),
    "dim_geography": (("zip_code_prefix",), ()),
}
# What identifies a row of each table built on both sides (rows are matched on it).
KEYS: dict[str, tuple[str, ...]] = {
    "fct_orders_rebuilt": ("order_id",),
    "fct_order_items_rebuilt": ("order_id", "order_item_id"),
    "mart_kpi_monthly": ("month",),
    "mart_customer_rfm": ("customer_unique_id",),
    "mart_segment_extremes": ("segment",),
    "mart_cohort_retention": ("cohort_month", "months_since_first"),
    "mart_category_performance": ("month", "category_name", "category_name_english"),
    "mart_seller_scorecard": ("seller_id",),
    "mart_delivery_performance": ("month", "customer_state"),
    "mart_state_summary": ("state",),
    "mart_kpi_orders": ("order_id",),
    "mart_kpi_items": ("order_id", "order_item_id"),
    "kpi_orders": ("order_id",),
    "kpi_items": ("order_id", "order_item_id"),
    "kpi_periods": ("period",),
    "kpi_monthly": ("month",),
    "kpi_categories": ("month", "category", "category_status", "category_name"),
    "kpi_seller_measures": ("seller_key",),
    "mart_kpi_sellers": ("seller_key",),
    "mart_kpi_products": ("product_key",),
    "mart_kpi_category_sets": ("category_set_id", "category"),
    "mart_kpi_daily": ("purchase_day", "customer_state", "category_set_id"),
    "mart_kpi_daily_states": ("purchase_day", "customer_state"),
    "mart_kpi_daily_customers": (
        "purchase_day",
        "customer_state",
        "category_set_id",
        "customer_key",
    ),
    "mart_kpi_daily_categories": ("purchase_day", "customer_state", "category"),
    "kpi_sellers": ("seller_id",),
    "kpi_delivery": ("month", "customer_state"),
    "kpi_states": ("customer_state",),
    "kpi_cohorts": ("cohort_month", "months_since_first"),
}
# Columns compared by their length: mart_segment_extremes keeps a longest text of each column,
# any of that length (DuckDB's arg_max and the translation's first of the texts ordered longest
# first may keep different ones).
COMPARED_BY_LENGTH: dict[str, frozenset[str]] = {
    "mart_segment_extremes": frozenset(
        f"{end}_{column}"
        for end in ("least", "greatest")
        for column in ("customer_unique_id", "segment", "state", "city")
    ),
}
# Money columns that are a quotient of two columns of the same row (dividend, divisor): where
# the two sides differ, the check tells which one holds the exact decimal result.
QUOTIENTS = {"avg_item_price": ("revenue", "items"), "aov": ("gmv", "sale_orders")}
# The core models the marts read that are rebuilt on both sides (from the stg_* tables).
FACTS = ("fct_orders", "fct_order_items")
# PostgreSQL signatures of the domain's rfm_* macros (DuckDB macros are untyped): parameter
# types and result. Only the types are written here; names and bodies come from the domain.
RFM_SIGNATURES: dict[str, tuple[tuple[str, ...], str]] = {
    "rfm_recency_rank_key": (("integer",), "integer"),
    "rfm_monetary_rank_key": (("numeric",), "numeric"),
    "rfm_quintile_score": (("bigint", "bigint"), "bigint"),
    "rfm_frequency_score": (("bigint",), "integer"),
    "rfm_segment": (("integer", "integer", "integer"), "text"),
}
# The builder's session variables the translations read, as PostgreSQL functions of the same
# names (PostgreSQL has no session variables): name -> type. Values come from DuckDB's variables.
PG_VARIABLES = {
    "non_sale_statuses": "text[]",
    "earliest_purchase": "date",
    "purchase_tolerance_days": "integer",
}
# Scalar macros of the marts whose text runs on PostgreSQL as it is, as typed SQL functions: the
# type of every parameter, and of the result (money_mean has a translation of its own).
SCALAR_SIGNATURES = {"seller_health": ("double precision", "double precision")}
# Types of the kpi_* macros' parameters (catalog.KPI_FILTERS), by name.
KPI_PARAMETER_TYPES = {
    "from_date": "date",
    "to_date": "date",
    "in_states": "text[]",
    "in_categories": "text[]",
    "grain": "text",
}
# any_value on PostgreSQL before 16 (create_pg_functions): type -> the step of its built-in min.
ANY_VALUE_STEPS = {
    "text": "text_smaller",
    "boolean": "booland_statefunc",
    "smallint": "int2smaller",
    "integer": "int4smaller",
    "bigint": "int8smaller",
    "numeric": "numeric_smaller",
    "double precision": "float8smaller",
    "date": "date_smaller",
    "timestamp": "timestamp_smaller",
}
# What the timed query of the two row-level macros sums (the money of the rows they return;
# fetching every order would time the transfer). The other kpi_* macros are timed fetching
# their rows. The rows of every macro are compared in full.
KPI_PROBES = {
    "kpi_orders": "count(*), sum(item_count), sum(items_value), sum(freight_value), "
    "sum(order_value)",
    "kpi_items": "count(*), sum(price), sum(freight_value)",
}
DUCK_TYPES = {
    "VARCHAR": "text",
    "BIGINT": "bigint",
    "INTEGER": "integer",
    "SMALLINT": "smallint",
    "TINYINT": "smallint",
    "HUGEINT": "numeric(38, 0)",
    "DOUBLE": "double precision",
    "FLOAT": "real",
    "BOOLEAN": "boolean",
    "TIMESTAMP": "timestamp",
    "DATE": "date",
}


@dataclass
class Unit:
    """One timed build: the statements on each side, and the table whose rows are compared."""

    label: str
    table: str
    duck: list[str]
    pg: list[str]


@dataclass
class Timing:
    """Medians of one piece of work on each side: wall ms and CPU ms (DuckDB: this process, all
    its threads; PostgreSQL: the backend serving the query and its parallel workers)."""

    duck_ms: float
    pg_ms: float
    duck_cpu_ms: float
    pg_cpu_ms: float


@dataclass
class Outcome:
    label: str
    duck_rows: int
    pg_rows: int
    timing: Timing
    problems: list[str] = field(default_factory=list)
    group: str = ""  # the filter set of a screen's query

    @property
    def agrees(self) -> bool:
        return not self.problems and self.duck_rows == self.pg_rows


# ---------------------------------------------------------------------------------------------
# The models on both sides


def pg_model_sql(name: str) -> str:
    """The PostgreSQL text of a model: its translation in PG_MODELS where the dialects differ,
    else the builder's own text as it is."""
    model = MODELS[name]
    return translated(
        PG_MODELS / f"{name}.sql",
        f"infrastructure/warehouse/models/{model.layer}/{name}.sql",
        model.sql(),
    )


def pg_screen_sql(name: str) -> str:
    """The PostgreSQL text of a screen's query: its translation in PG_SCREENS where the
    dialects differ, else the query file as it is; `$name` parameters become psycopg's."""
    text = translated(
        PG_SCREENS / f"{name}.sql", f"infrastructure/analytics/queries/{name}.sql", query_text(name)
    )
    return re.sub(r"\$([a-z_]+)", r"%(\1)s", text.replace("%", "%%"))


def translated(path: Path, source: str, text: str) -> str:
    """`path` when it exists, else `text` (the DuckDB source's). A translation is of one version
    of the DuckDB file (TRANSLATION_HEADER): when that file has changed since, the script stops
    rather than compare the new DuckDB text with the old translation."""
    if not path.exists():
        return text
    translation = path.read_text(encoding="utf-8")
    header = " ".join(
        line.removeprefix("--").strip()
        for line in translation.splitlines()
        if line.startswith("--")
    )
    found = TRANSLATION_HEADER.search(header)
    if found is None or found[1] != source:
        raise SystemExit(
            f"{path} must start with '-- PostgreSQL translation of {source} "
            "(sha256 <12 hex digits>'"
        )
    now = _sha256(text)
    if found[2] != now:
        raise SystemExit(
            f"{source} has changed since {path} translated it (sha256 {found[2]}, now {now}): "
            "bring the translation up to date, or delete it if the DuckDB text now runs on "
            "PostgreSQL as it is, and write the new sha256 in its first lines"
        )
    for listed in COLUMNS_OF.finditer(header):
        model = MODELS[Path(listed[1]).stem]
        if listed[2] != (now := _sha256(model.sql())):
            raise SystemExit(
                f"{path} lists the columns of {listed[1]}, which has changed since (sha256 "
                f"{listed[2]}, now {now}): bring the list up to date and write the new sha256"
            )
    return translation


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def check_translations() -> None:
    """Every translation is of today's DuckDB text, and of a model or query that exists."""
    for path in sorted(PG_MODELS.glob("*.sql")):
        if path.stem not in MODELS:
            raise SystemExit(f"{path} translates no model of the warehouse: delete it")
        pg_model_sql(path.stem)
    for path in sorted(PG_SCREENS.glob("*.sql")):
        try:
            pg_screen_sql(path.stem)
        except FileNotFoundError:
            raise SystemExit(f"{path} translates no query of the screens: delete it") from None


def translated_models(folder: Path = PG_MODELS) -> list[str]:
    return sorted(path.stem for path in folder.glob("*.sql"))


def build_units() -> list[Unit]:
    """The facts the marts read, then every mart table in the builder's order; a temporary model
    (int_customer_rfm_measures) is built as part of the table that follows it, as in DuckDB."""
    units = []
    core = {model.name: model for model in CORE_MODELS}
    for name in FACTS:
        target = f"{name}_rebuilt"
        drop = f"DROP TABLE IF EXISTS {target}"
        units.append(
            Unit(
                f"{name} (from stg_*)",
                target,
                [drop, f"CREATE TABLE {target} AS\n{core[name].sql()}"],
                [drop, f"CREATE TABLE {target} AS\n{pg_model_sql(name)}"],
            )
        )
    pending: list[Model] = []
    for model in MART_MODELS:
        if model.parameters:
            continue  # a table macro: timed by probes_of()
        if model.temporary:
            pending.append(model)
            continue
        duck = [f"DROP TABLE IF EXISTS {model.name}"]
        pg = list(duck)
        for view in pending:
            duck += [f"DROP VIEW IF EXISTS {view.name}", view.create_statement()]
            pg += [
                f"DROP VIEW IF EXISTS {view.name}",
                f"CREATE TEMP VIEW {view.name} AS\n{pg_model_sql(view.name)}",
            ]
        duck.append(model.create_statement())
        pg.append(f"CREATE TABLE {model.name} AS\n{pg_model_sql(model.name)}")
        label = model.name + "".join(f" (+ {view.name})" for view in pending)
        units.append(Unit(label, model.name, duck, pg))
        pending = []
    return units


def create_pg_functions(pg: psycopg.Connection[Any], duck: duckdb.DuckDBPyConnection) -> None:
    """The rule functions the translations call, from the same sources as DuckDB's."""
    for name, (parameters, body) in segmentation_macros(dialect="postgres").items():
        if name not in RFM_SIGNATURES:
            raise SystemExit(f"the domain has a new macro {name}: add its PostgreSQL signature")
        types, returns = RFM_SIGNATURES[name]
        params = ", ".join(f"{p} {t}" for p, t in zip(parameters, types, strict=True))
        pg.execute(
            f"CREATE FUNCTION {name}({params}) RETURNS {returns} LANGUAGE sql IMMUTABLE "
            f"PARALLEL SAFE AS $rule$ SELECT {body} $rule$"
        )
    pg.execute(pg_model_sql("money_mean"))
    for name, (kind, returns) in SCALAR_SIGNATURES.items():
        model = MODELS[name]
        params = ", ".join(f"{p} {kind}" for p in model.parameters)
        pg.execute(
            f"CREATE FUNCTION {name}({params}) RETURNS {returns} LANGUAGE sql IMMUTABLE "
            f"PARALLEL SAFE AS $model$ SELECT {pg_model_sql(name)} $model$"
        )
    if pg.info.server_version < 160000:
        # any_value(x), DuckDB's aggregate of an arbitrary non-NULL value (kpi_categories and
        # kpi_sellers take an order's own facts per seller or category with it), is built into
        # PostgreSQL from 16 on. Before, it is created for the types those macros use, as the
        # smallest value by the built-in min's own C step (an arbitrary non-NULL value too; a
        # SQL-language step costs a function call per row: 1.8 s instead of 0.23 s for
        # mart_seller_scorecard at scale 1), so the macros run as they are.
        for kind, step in ANY_VALUE_STEPS.items():
            pg.execute(
                f"CREATE AGGREGATE any_value({kind}) (SFUNC = {step}, STYPE = {kind}, "
                f"COMBINEFUNC = {step}, PARALLEL = SAFE)"
            )
    for variable, kind in PG_VARIABLES.items():
        row = duck.execute("SELECT getvariable(?)", [variable]).fetchone()
        assert row is not None and row[0] is not None, f"the builder's {variable} is not set"
        value = (
            sql.SQL("ARRAY[{}]").format(sql.SQL(", ").join(sql.Literal(v) for v in row[0]))
            if isinstance(row[0], list)
            else sql.Literal(row[0])
        )
        pg.execute(
            sql.SQL(
                "CREATE FUNCTION {}() RETURNS {} LANGUAGE sql IMMUTABLE PARALLEL SAFE "
                "AS $rule$ SELECT {}::{} $rule$"
            ).format(sql.Identifier(variable), sql.SQL(kind), value, sql.SQL(kind))
        )


def create_pg_macros(pg: psycopg.Connection[Any], duck: duckdb.DuckDBPyConnection) -> list[str]:
    """The kpi_* table macros as PostgreSQL SQL functions of the same names and parameters
    (typed by KPI_PARAMETER_TYPES; DuckDB macros are untyped) returning rows of a composite type
    <name>_row with the columns and types DuckDB gives the macro's result. The bodies are the
    macros' text, or its translation. Created before the tables they read exist, so the marts
    call them as the builder's marts call the macros (PostgreSQL checks a body on first call)."""
    names = []
    with pg.transaction():
        pg.execute("SET LOCAL check_function_bodies = off")
        for model in MART_MODELS:
            if not model.parameters or model.scalar:
                continue
            nulls = ", ".join("NULL" for _ in model.parameters)
            described = duck.execute(f"DESCRIBE SELECT * FROM {model.name}({nulls})").fetchall()
            columns = ", ".join(f"{column} {pg_type(kind)}" for column, kind, *_ in described)
            params = ", ".join(f"{p} {KPI_PARAMETER_TYPES[p]}" for p in model.parameters)
            pg.execute(f"CREATE TYPE {model.name}_row AS ({columns})")
            pg.execute(
                f"CREATE FUNCTION {model.name}({params}) RETURNS SETOF {model.name}_row "
                f"LANGUAGE sql STABLE PARALLEL SAFE AS $model$\n{pg_model_sql(model.name)}\n$model$"
            )
            names.append(model.name)
    return names


# ---------------------------------------------------------------------------------------------
# PostgreSQL: a database of its own, loaded from the warehouse


def pg_conninfo(dbname: str) -> str:
    return psycopg.conninfo.make_conninfo(dbname=dbname, connect_timeout=5, **PG_SERVER)


@contextmanager
def postgres_database() -> Iterator[str]:
    """Create workbench_bench_<pid> on 127.0.0.1; drop it on the way out, whatever happens."""
    name = f"workbench_bench_{os.getpid()}"
    with psycopg.connect(pg_conninfo("postgres"), autocommit=True) as admin:
        admin.execute(
            sql.SQL(
                "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
            ).format(sql.Identifier(name))
        )
        try:
            yield pg_conninfo(name)
        finally:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def open_pg(conninfo: str, session: dict[str, str]) -> psycopg.Connection[Any]:
    pg = psycopg.connect(conninfo, autocommit=True)
    row = pg.execute("SELECT host(inet_server_addr()), inet_server_port()").fetchone()
    if row != (PG_SERVER["hostaddr"], int(PG_SERVER["port"])):
        pg.close()
        raise SystemExit(f"refusing to run: connected to {row}, not 127.0.0.1:5432")
    for setting, value in session.items():
        pg.execute(sql.SQL("SET {} = {}").format(sql.Identifier(setting), sql.Literal(value)))
    return pg


def pg_type(duck_type: str) -> str:
    if duck_type.startswith("DECIMAL"):
        return "numeric" + duck_type.removeprefix("DECIMAL")
    if duck_type not in DUCK_TYPES:
        raise SystemExit(f"no PostgreSQL type for DuckDB {duck_type}")
    return DUCK_TYPES[duck_type]


def load_postgres(
    duck: duckdb.DuckDBPyConnection,
    pg: psycopg.Connection[Any],
    folder: Path,
    inputs: dict[str, tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]],
) -> dict[str, Any]:
    """Load `inputs` from the warehouse into PostgreSQL; return the time of each step."""
    figures: dict[str, Any] = {"rows": 0, "notes": [], "tables": len(inputs)}
    started = time.perf_counter()
    files = {}
    for table in inputs:
        files[table] = folder / f"{table}.csv"
        duck.execute(f"COPY (SELECT * FROM {table}) TO '{files[table]}' (HEADER false)")
    figures["export_s"] = time.perf_counter() - started
    figures["csv_mb"] = sum(path.stat().st_size for path in files.values()) / 1e6

    started = time.perf_counter()
    for table, path in files.items():
        columns = sql.SQL(", ").join(
            sql.SQL("{} {}").format(sql.Identifier(column), sql.SQL(pg_type(kind)))
            for column, kind, *_ in duck.execute(f"DESCRIBE {table}").fetchall()
        )
        with pg.transaction():  # created in the COPY's transaction, so COPY can FREEZE
            pg.execute(sql.SQL("CREATE TABLE {} ({})").format(sql.Identifier(table), columns))
            with (
                pg.cursor().copy(
                    sql.SQL("COPY {} FROM STDIN (FORMAT csv, FREEZE)").format(sql.Identifier(table))
                ) as copy,
                path.open("rb") as csv,
            ):
                while block := csv.read(1 << 20):
                    copy.write(block)
        row = pg.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        figures["rows"] += row.fetchone()[0]  # type: ignore[index]
    figures["copy_s"] = time.perf_counter() - started

    started = time.perf_counter()
    for table, (key, indexes) in inputs.items():
        try:
            with pg.transaction():
                pg.execute(_columns("ALTER TABLE {} ADD PRIMARY KEY ({})", table, key))
        except (psycopg.errors.UniqueViolation, psycopg.errors.NotNullViolation) as exc:
            why = "duplicate" if isinstance(exc, psycopg.errors.UniqueViolation) else "NULL in"
            figures["notes"].append(f"{table}: {why} {', '.join(key)}, indexed instead")
            indexes = (key, *indexes)
        for indexed in indexes:
            pg.execute(_columns("CREATE INDEX ON {} ({})", table, indexed))
    figures["index_s"] = time.perf_counter() - started

    started = time.perf_counter()
    pg.execute(
        sql.SQL("VACUUM (ANALYZE) {}").format(
            sql.SQL(", ").join(sql.Identifier(table) for table in inputs)
        )
    )
    figures["analyze_s"] = time.perf_counter() - started
    figures["total_s"] = sum(figures[k] for k in ("export_s", "copy_s", "index_s", "analyze_s"))
    size = pg.execute("SELECT pg_database_size(current_database())").fetchone()
    figures["db_mb"] = (size[0] if size else 0) / 1e6
    return figures


def _columns(template: str, table: str, columns: Sequence[str]) -> sql.Composed:
    return sql.SQL(template).format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    )


# ---------------------------------------------------------------------------------------------
# Timing and the agreement check


def side_by_side(
    duck_work: Callable[[], object],
    pg_work: Callable[[], object],
    backend: PgBackend,
    repeat: int,
    warmups: int = 1,
) -> Timing:
    """Median wall ms and mean CPU ms of each (PostgreSQL's CPU comes in clock ticks of 10 ms:
    a mean of several runs resolves finer than a median), after one warm-up; the two alternate
    so load changes hit both."""
    for _ in range(warmups):
        duck_work()
        pg_work()
    walls: tuple[list[float], list[float]] = ([], [])
    cpus: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        duck_work()
        walls[0].append((time.perf_counter() - started) * 1000)
        cpus[0].append((time.process_time() - cpu) * 1000)
        with backend.cpu() as cpu_ms:
            started = time.perf_counter()
            pg_work()
            walls[1].append((time.perf_counter() - started) * 1000)
        cpus[1].append(cpu_ms[0])
    duck_ms, pg_ms = (statistics.median(times) for times in walls)
    duck_cpu, pg_cpu = (statistics.mean(times) for times in cpus)
    return Timing(duck_ms, pg_ms, duck_cpu, pg_cpu)


class PgBackend:
    """The CPU time of the server process serving our connection, and of the parallel workers
    it starts, read from /proc (the server runs on this machine): utime + stime, in clock
    ticks. Workers live for one query: a thread samples the postmaster's children every
    millisecond for those working for our backend, and keeps each one's last reading, so a
    worker's CPU after its last sample (under a millisecond) is not counted."""

    TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.postmaster = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        self._mark = f"parallel worker for PID {pid}".encode()

    @staticmethod
    def ticks(pid: int) -> int:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)

    def _workers(self, seen: dict[int, int], done: threading.Event) -> None:
        children = Path(f"/proc/{self.postmaster}/task/{self.postmaster}/children")
        # A child's title is read until it names its work: a worker just forked still shows the
        # postmaster's command line for a moment.
        known: dict[int, bool] = {}
        while not done.wait(0.001):
            for pid in map(int, children.read_text().split()):
                try:
                    if pid not in known:
                        title = Path(f"/proc/{pid}/cmdline").read_bytes()
                        if b"postgres: " in title:
                            known[pid] = self._mark in title
                    if known.get(pid):
                        seen[pid] = self.ticks(pid)
                except (FileNotFoundError, ProcessLookupError):
                    continue  # ended between the listing and the reading

    @contextmanager
    def cpu(self) -> Iterator[list[float]]:
        """Yields a list that holds, after the block, the CPU ms of the block's work."""
        result = [0.0]
        seen: dict[int, int] = {}
        done = threading.Event()
        sampler = threading.Thread(target=self._workers, args=(seen, done), daemon=True)
        before = self.ticks(self.pid)
        sampler.start()
        try:
            yield result
        finally:
            done.set()
            sampler.join()
            result[0] = (self.ticks(self.pid) - before + sum(seen.values())) * self.TICK_MS


def run_duck(duck: duckdb.DuckDBPyConnection, statements: list[str]) -> None:
    duck.begin()
    for statement in statements:
        duck.execute(statement)
    duck.commit()


def run_pg(pg: psycopg.Connection[Any], statements: list[str]) -> None:
    with pg.transaction():
        for statement in statements:
            pg.execute(statement)


def query_duck(duck: duckdb.DuckDBPyConnection, query: str, args: Arguments) -> list[Any]:
    return duck.execute(query, args).fetchall()


def query_pg(pg: psycopg.Connection[Any], query: str, args: Arguments) -> list[Any]:
    return pg.execute(query, args).fetchall()


def compare_tables(
    duck: duckdb.DuckDBPyConnection, pg: psycopg.Connection[Any], table: str
) -> tuple[int, int, list[str]]:
    """(DuckDB rows, PostgreSQL rows, what differs) for the table built on both sides."""
    query = f"SELECT * FROM {table}"
    if table in COMPARED_BY_LENGTH:
        names = [row[0] for row in duck.execute(f"DESCRIBE {table}").fetchall()]
        by_length = COMPARED_BY_LENGTH[table]
        terms = [f"length({name}) AS {name}" if name in by_length else name for name in names]
        query = f"SELECT {', '.join(terms)} FROM {table}"
    return compare_results(duck, pg, KEYS[table], query, query, [])


def compare_results(
    duck: duckdb.DuckDBPyConnection,
    pg: psycopg.Connection[Any],
    key_columns: Sequence[str],
    duck_query: str,
    pg_query: str,
    args: Arguments,
) -> tuple[int, int, list[str]]:
    """(DuckDB rows, PostgreSQL rows, what differs) for a query run on both sides; rows are
    matched by key_columns (none: each side's rows sorted, doubles to 9 significant digits,
    are matched in that order), every other column compared by its kind (its DuckDB type)."""
    cursor = duck.execute(duck_query, args)
    names = [column[0] for column in cursor.description or ()]
    kinds = [_kind(str(column[1])) for column in cursor.description or ()]
    duck_rows = cursor.fetchall()
    pg_cursor = pg.execute(pg_query, args)
    pg_names = [column.name for column in pg_cursor.description or ()]
    pg_rows = pg_cursor.fetchall()
    if pg_names != names:
        return len(duck_rows), len(pg_rows), [f"columns differ: {names} vs {pg_names}"]
    sides_of = (duck_rows, pg_rows)
    key = [names.index(column) for column in key_columns]
    if not key:
        duck_rows, pg_rows = (sorted(rows, key=partial(_sort_key, kinds)) for rows in sides_of)
    sides = [
        {(tuple(row[i] for i in key) if key else (n,)): row for n, row in enumerate(rows)}
        for rows in (duck_rows, pg_rows)
    ]
    problems = []
    for side, rows, name in zip(sides, (duck_rows, pg_rows), ("DuckDB", "PostgreSQL"), strict=True):
        if len(side) != len(rows):
            problems.append(f"{name} has {len(rows) - len(side):,} rows with a repeated key")
    only_duck, only_pg = sides[0].keys() - sides[1].keys(), sides[1].keys() - sides[0].keys()
    if only_duck or only_pg:
        problems.append(
            f"rows only in DuckDB {len(only_duck):,}, only in PostgreSQL {len(only_pg):,}"
        )
    both = sorted(sides[0].keys() & sides[1].keys(), key=lambda k: [(v is None, v) for v in k])
    for i, (name, kind) in enumerate(zip(names, kinds, strict=True)):
        differing = [k for k in both if not _same(sides[0][k][i], sides[1][k][i], kind)]
        if differing:
            examples = "; ".join(
                f"{_shown(k)}: DuckDB {sides[0][k][i]}, PostgreSQL {sides[1][k][i]}"
                for k in differing[:2]
            )
            problems.append(f"{name} ({kind}) differs in {len(differing):,} rows, e.g. {examples}")
            if name in QUOTIENTS:
                problems.append(
                    _judge_quotient(
                        names,
                        name,
                        [sides[0][k] for k in differing],
                        [sides[1][k] for k in differing],
                    )
                )
    return len(duck_rows), len(pg_rows), problems


def _judge_quotient(names: list[str], name: str, duck_rows: list[Any], pg_rows: list[Any]) -> str:
    """Which side holds the exact quotient, rounded half-even to the cent like Money, where
    they differ."""
    dividend, divisor = (names.index(column) for column in QUOTIENTS[name])
    column = names.index(name)

    def exact(row: Any) -> Decimal:
        quotient = Decimal(row[dividend]) / Decimal(row[divisor])
        return quotient.quantize(Decimal("0.01"), ROUND_HALF_EVEN)

    duck_right = sum(1 for row in duck_rows if row[column] == exact(row))
    pg_right = sum(1 for row in pg_rows if row[column] == exact(row))
    return (
        f"{name} = {QUOTIENTS[name][0]} / {QUOTIENTS[name][1]} rounded to the cent: of these "
        f"{len(duck_rows):,} rows, the exact decimal quotient rounded half-even is DuckDB's in "
        f"{duck_right:,} and PostgreSQL's in {pg_right:,} (both sides use money_mean, so a "
        "difference means the two translations of it disagree)"
    )


def _sort_key(kinds: list[str], row: Any) -> list[tuple[bool, Any]]:
    return [
        (value is None, f"{float(value):.9g}" if kind == "double" and value is not None else value)
        for value, kind in zip(row, kinds, strict=True)
    ]


def _shown(key: tuple[Any, ...]) -> str:
    return "/".join(str(value) for value in key)


def _kind(duck_type: str) -> str:
    if duck_type.startswith("DECIMAL"):
        return "money"
    if duck_type in ("DOUBLE", "FLOAT"):
        return "double"
    if duck_type.endswith("INT") or duck_type in ("INTEGER", "HUGEINT", "UBIGINT", "UINTEGER"):
        return "count"
    return "value"


def _same(a: object, b: object, kind: str) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if kind == "double":
        x, y = float(a), float(b)  # type: ignore[arg-type]
        return math.isclose(x, y, rel_tol=REL_TOLERANCE, abs_tol=1e-12)
    return a == b


def filter_sets(duck: duckdb.DuckDBPyConnection) -> dict[str, list[Any]]:
    """label -> (from, to, states, categories): no filter, a state, the most sold category,
    the last 12 months of the data."""
    # fetchall, not fetchone: DuckDB keeps an unfinished result open on the connection
    [last] = duck.execute("SELECT max(purchased_at)::date FROM fct_orders").fetchall()
    [top] = duck.execute(
        "SELECT category FROM mart_kpi_items GROUP BY category ORDER BY count(*) DESC, category "
        "LIMIT 1"
    ).fetchall()
    end: date = last[0]
    start = end - timedelta(days=364)
    return {
        "no filter": [None, None, None, None],
        "state SP": [None, None, ["SP"], None],
        f"category {top[0]}": [None, None, None, [top[0]]],
        "last 12 months": [start, end, None, None],
    }


def probes_of(macros: list[str], filters: dict[str, list[Any]]) -> list[tuple[str, str, list[Any]]]:
    """(macro, filter label, arguments) of each macro under each filter set."""
    # kpi_periods also takes the grain: weeks here (kpi_monthly calls it by month)
    extra = {"kpi_periods": ["week"]}
    return [
        (macro, label, [*args, *extra.get(macro, [])])
        for macro in macros
        for label, args in filters.items()
    ]


def measure(
    duck: duckdb.DuckDBPyConnection,
    pg: psycopg.Connection[Any],
    repeat: int,
    warmups: int,
    screens_only: bool = False,
) -> tuple[list[Outcome], list[Outcome], list[Outcome], float]:
    """The builds, the macro probes, the screens' queries, and the ms PostgreSQL took to
    ANALYZE the tables the macros read (screens_only: the screens' queries alone)."""
    macros = create_pg_macros(pg, duck)
    backend = PgBackend(pg.info.backend_pid)
    builds = []
    for unit in [] if screens_only else build_units():
        try:
            timing = side_by_side(
                partial(run_duck, duck, unit.duck),
                partial(run_pg, pg, unit.pg),
                backend,
                repeat,
                warmups,
            )
        except psycopg.Error as error:
            raise SystemExit(
                f"PostgreSQL refuses {unit.label}: {error}\nA translation it runs "
                "(benchmarks/postgres_marts/) is out of date: its own model's sha256 is checked, "
                "but kpi_orders, for one, lists the columns of mart_kpi_orders"
            ) from None
        duck_rows, pg_rows, problems = compare_tables(duck, pg, unit.table)
        builds.append(Outcome(unit.label, duck_rows, pg_rows, timing, problems))
        print(_row(builds[-1]), flush=True)
    # CREATE TABLE AS leaves PostgreSQL without statistics of the new table (until autovacuum
    # comes by): its planner then guesses one row and nests loops (600 ms instead of 3 ms for
    # the "all three" probe at scale 0.1). An analyst of the old architecture analyzes.
    started = time.perf_counter()
    pg.execute("ANALYZE mart_kpi_orders, mart_kpi_items")
    analyze_ms = (time.perf_counter() - started) * 1000
    probes = []
    filters = filter_sets(duck)
    for macro, label, args in [] if screens_only else probes_of(macros, filters):
        call = (
            f"{macro}({', '.join('?' for _ in args)})",
            f"{macro}({', '.join('%s' for _ in args)})",
        )
        timed = KPI_PROBES.get(macro, "*")
        duck_query, pg_query = (f"SELECT {timed} FROM {c}" for c in call)
        timing = side_by_side(
            partial(query_duck, duck, duck_query, args),
            partial(query_pg, pg, pg_query, args),
            backend,
            repeat,
            warmups,
        )
        duck_all, pg_all = (f"SELECT * FROM {c}" for c in call)
        compared = compare_results(duck, pg, KEYS[macro], duck_all, pg_all, args)
        probes.append(Outcome(f"{macro}, {label}", *compared[:2], timing, compared[2]))
        print(_row(probes[-1]), flush=True)
    print("the KPI screens' own queries:", flush=True)
    screens = measure_screens(duck, pg, backend, filters, repeat, warmups)
    return builds, probes, screens, analyze_ms


# ---------------------------------------------------------------------------------------------
# The KPI screens' own queries


class RecordingWarehouse:
    """The KPI service's warehouse port on the benchmark's DuckDB connection, keeping every
    (query, parameters) the screens run, in order, once. A view runs its queries from several
    threads at once; DuckDB refuses concurrent calls on one connection, so they take turns (the
    recording is not timed)."""

    def __init__(self, duck: duckdb.DuckDBPyConnection) -> None:
        self._duck = duck
        self._turn = threading.Lock()
        self.calls: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}

    def query(self, name: str, params: Any = None, *, cancel: Any = None) -> Any:
        bound = dict(params or {})
        with self._turn:
            self.calls.setdefault((name, repr(sorted(bound.items()))), (name, bound))
            return self._duck.sql(query_text(name), params=bound or None).pl()

    def sql_text(self, name: str) -> str:
        return query_text(name)

    def table(self, name: str, *, cancel: Any = None) -> Any:
        with self._turn:
            return self._duck.sql(f'SELECT * FROM "{name}"').pl()


def screen_queries(
    duck: duckdb.DuckDBPyConnection, filter_sets: dict[str, list[Any]]
) -> list[tuple[str, str, dict[str, Any]]]:
    """(filter label, query, parameters) of every query the KPI views run (KpiService.view, as
    the screens and `workbench kpis` call it) under each filter set."""
    from workbench.application.kpis import VIEWS, KpiService

    calls = []
    for label, (start, end, states, categories) in filter_sets.items():
        warehouse = RecordingWarehouse(duck)
        service = KpiService(warehouse)  # type: ignore[arg-type]
        filters = service.filters(start, end, states, categories)
        for view in VIEWS:
            service.view(view, filters)
        calls += [(label, name, params) for name, params in warehouse.calls.values()]
    return calls


def measure_screens(
    duck: duckdb.DuckDBPyConnection,
    pg: psycopg.Connection[Any],
    backend: PgBackend,
    filter_sets: dict[str, list[Any]],
    repeat: int,
    warmups: int,
) -> list[Outcome]:
    """Each screen query timed on both sides fetching its rows, and its rows compared in the
    order the query gives them (every query orders its rows)."""
    outcomes = []
    for label, name, params in screen_queries(duck, filter_sets):
        duck_sql, pg_sql = query_text(name), pg_screen_sql(name)
        shown = f"{name}, {label}"
        period = [params.get("date_from"), params.get("date_to")]
        if "date_from" in params and filter_sets[label][:2] != period:
            shown += f" {period[0]:%y%m%d}-{period[1]:%y%m%d}"  # previous period, year ago, trend
        try:
            timing = side_by_side(
                partial(query_duck, duck, duck_sql, params),
                partial(query_pg, pg, pg_sql, params),
                backend,
                repeat,
                warmups,
            )
        except psycopg.Error as error:
            first = str(error).splitlines()[0]
            print(f"{shown}: PostgreSQL refuses it: {first}", flush=True)
            outcomes.append(Outcome(shown, 0, 0, Timing(0, 0, 0, 0), [f"refused: {first}"], label))
            continue
        compared = compare_results(duck, pg, (), duck_sql, pg_sql, params)
        outcomes.append(Outcome(shown, *compared[:2], timing, compared[2], label))
        print(_row(outcomes[-1]), flush=True)
    return outcomes


# ---------------------------------------------------------------------------------------------
# Report

HEADINGS = (
    ("model", "<50"),
    ("rows", ">10"),
    ("DuckDB ms", ">10"),
    ("PG ms", ">10"),
    ("PG/Duck", ">8"),
    ("DuckDB CPU", ">11"),
    ("PG CPU", ">9"),
    ("PG/Duck", ">8"),
    ("agree", ">6"),
)


def _line(label: str, rows: str, timing: Timing, agrees: bool) -> str:
    wall = timing.pg_ms / timing.duck_ms if timing.duck_ms else math.inf
    cpu = timing.pg_cpu_ms / timing.duck_cpu_ms if timing.duck_cpu_ms else math.inf
    cells = (
        label,
        rows,
        f"{timing.duck_ms:,.1f}",
        f"{timing.pg_ms:,.1f}",
        f"{wall:,.1f}x",
        f"{timing.duck_cpu_ms:,.0f}",
        f"{timing.pg_cpu_ms:,.0f}",
        f"{cpu:,.1f}x",
        "yes" if agrees else "NO",
    )
    return "".join(f"{cell:{spec}}" for cell, (_, spec) in zip(cells, HEADINGS, strict=True))


def _row(outcome: Outcome) -> str:
    rows = f"{outcome.duck_rows:,}"
    if outcome.pg_rows != outcome.duck_rows:
        rows += f"/{outcome.pg_rows:,}"
    return _line(outcome.label, rows, outcome.timing, outcome.agrees)


def _total(label: str, outcomes: list[Outcome]) -> str:
    timing = Timing(
        *(sum(getattr(o.timing, name) for o in outcomes) for name in Timing.__annotations__)
    )
    return _line(label, "", timing, all(o.agrees for o in outcomes))


def table_heading() -> str:
    return "".join(f"{name:{spec}}" for name, spec in HEADINGS)


def report(
    header: list[str],
    load: dict[str, Any],
    builds: list[Outcome],
    probes: list[Outcome],
    screens: list[Outcome],
    analyze_ms: float,
) -> list[str]:
    facts = [o for o in builds if o.label.startswith(FACTS)]
    marts = [o for o in builds if o not in facts]
    lines = [
        *header,
        f"load into PostgreSQL: {load['tables']} tables, {load['rows']:,} rows "
        f"({load['csv_mb']:,.0f} MB of CSV, {load['db_mb']:,.0f} MB database): "
        f"export from DuckDB {load['export_s']:.2f} s, COPY {load['copy_s']:.2f} s, "
        f"keys and indexes {load['index_s']:.2f} s, VACUUM ANALYZE {load['analyze_s']:.2f} s, "
        f"total {load['total_s']:.2f} s",
        *(f"  note: {note}" for note in load["notes"]),
    ]
    if builds:
        lines += [
            "build (DROP + CREATE TABLE AS, committed), median ms:",
            table_heading(),
            *(_row(o) for o in marts),
            _total("marts, all (the builder's marts step)", marts),
            *(_row(o) for o in facts),
            _total("fct_orders + fct_order_items", facts),
        ]
    if probes:
        lines += [
            "table macros (PostgreSQL: SQL functions) under four filter sets, median ms of "
            "fetching their rows",
            "(kpi_orders and kpi_items: of a query summing their money), rows compared in full",
            f"(PostgreSQL first analyzes mart_kpi_orders and mart_kpi_items: {analyze_ms:,.0f} "
            "ms; DuckDB needs no such step):",
            table_heading(),
            *(_row(o) for o in probes),
            _total("table macros, all", probes),
        ]
    lines += [
        "the KPI screens' own queries (infrastructure/analytics/queries/kpi_*.sql, as the nine "
        "views run them, KpiService.view), median ms of fetching their rows, rows compared in "
        "order; PostgreSQL runs each file as it is, or its translation in "
        f"benchmarks/postgres_screens/ ({', '.join(translated_models(PG_SCREENS)) or 'none'}):",
        table_heading(),
        *(_row(o) for o in screens),
        *(
            _total(f"screens' queries, {group}", [o for o in screens if o.group == group])
            for group in dict.fromkeys(o.group for o in screens)
        ),
        _total("screens' queries, all", screens),
    ]
    disagreements = [o for o in builds + probes + screens if not o.agrees]
    if disagreements:
        lines.append("disagreements:")
        for outcome in disagreements:
            lines += [f"  {outcome.label}: {problem}" for problem in outcome.problems]
    else:
        lines.append(
            "every model agrees: row counts, money and counts exact (to the cent), text, dates "
            f"and flags exact, doubles within a relative {REL_TOLERANCE:g}"
        )
    return lines


def machine_line(pg_version: str, load_at_start: float) -> str:
    return (
        f"# {platform.platform()}, {os.cpu_count()} CPUs, load average {load_at_start:.2f} at "
        f"start, {os.getloadavg()[0]:.2f} at the end, Python {platform.python_version()}, "
        f"duckdb {duckdb.__version__}, {pg_version}, psycopg {psycopg.__version__}"
    )


# ---------------------------------------------------------------------------------------------


def ingest(source: Path, folder: Path) -> tuple[Path, int, float]:
    """Ingest with the workbench; return (published warehouse, orders, seconds)."""
    from workbench.application.config import load_settings
    from workbench.container import build_container

    settings = load_settings({"data_dir": folder / "data"}, env={}, config_file=None)
    container = build_container(settings)
    try:
        started = time.perf_counter()
        outcome = container.ingestion().ingest(source)
        seconds = time.perf_counter() - started
        if not outcome.published:
            raise SystemExit(f"ingestion {outcome.status}: {outcome.message}")
    finally:
        container.shutdown_resources()
    return settings.warehouse_path, outcome.row_counts.get("fct_orders", 0), seconds


def open_duckdb(path: Path) -> duckdb.DuckDBPyConnection:
    """The copy of the warehouse with the builder's settings, variables and rfm_* macros (seeded
    into a scratch schema: ref_brazil_states is already in the warehouse)."""
    duck = connect(path)
    duck.execute("CREATE SCHEMA bench_seed")
    duck.execute("USE warehouse.bench_seed")
    seed_reference_data(duck)
    duck.execute("USE warehouse.main")
    return duck


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--warmups", type=int, default=1, help="untimed runs of each side first (scale 10: 0)"
    )
    parser.add_argument("--source", type=Path, help="an existing dataset folder to ingest")
    parser.add_argument(
        "--screens-only",
        action="store_true",
        help="load the marts the screens read instead of building them; time their queries",
    )
    parser.add_argument(
        "--warehouse",
        type=Path,
        help="a warehouse the workbench published (of --scale's dataset), instead of ingesting",
    )
    parser.add_argument(
        "--pg-set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a PostgreSQL session setting on top of PG_SESSION, e.g. jit=off",
    )
    args = parser.parse_args()
    check_translations()  # before minutes of generating and ingesting
    session = PG_SESSION | dict(item.split("=", 1) for item in args.pg_set)
    # A plain kill must still drop the database: turn SIGTERM into SystemExit (finally runs).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    load_at_start = os.getloadavg()[0]

    with tempfile.TemporaryDirectory(prefix="pg-side-by-side-") as tmp:
        folder = Path(tmp)
        source = args.source
        if args.warehouse is not None:
            published, ingested = args.warehouse, f"warehouse {args.warehouse.name} given"
        else:
            if source is None:
                from infrastructure.generator import generate

                source = folder / "source"
                generate(source, args.scale, args.seed)
            published, _, ingest_s = ingest(source, folder)
            ingested = f"ingested in {ingest_s:.1f} s"
        copy = folder / "bench.duckdb"
        shutil.copyfile(published, copy)
        duck = open_duckdb(copy)
        counted = duck.execute("SELECT count(*) FROM fct_orders").fetchone()
        orders = counted[0] if counted else 0
        try:
            with postgres_database() as conninfo, open_pg(conninfo, session) as pg:
                version = pg.execute("SHOW server_version").fetchone()
                settings = pg.execute(
                    "SELECT string_agg(name || ' ' || current_setting(name), ', ' "
                    "ORDER BY name) FROM pg_settings WHERE name IN ('work_mem', "
                    "'shared_buffers', 'jit', 'max_parallel_workers_per_gather')"
                ).fetchone()
                header = [
                    f"# PostgreSQL side by side (SPEC §11), {time.strftime('%Y-%m-%d %H:%M')}, "
                    f"scale {args.scale:g} ({orders:,} orders, {ingested}), "
                    f"seed {args.seed}, median of {args.repeat} after {args.warmups} warm-up(s)",
                    "# DuckDB: a copy of the published warehouse, the builder's connection "
                    "(2 threads, 2GB) and model text; PostgreSQL: 127.0.0.1:5432, own database "
                    f"(C collation), {settings[0] if settings else '?'}",
                    "# CPU: DuckDB's is this process's (time.process_time: every DuckDB thread, "
                    "and Python fetching the rows); PostgreSQL's is the backend's utime + stime "
                    "from /proc and its parallel workers' (PgBackend), psycopg's side not counted",
                    "# PostgreSQL runs the builder's model text as it is, except the translations "
                    f"where the dialects differ (benchmarks/postgres_marts/): "
                    f"{', '.join(translated_models())}",
                ]
                print("\n".join(header), flush=True)
                inputs = SCREEN_INPUTS if args.screens_only else INPUTS
                load = load_postgres(duck, pg, folder, inputs)
                create_pg_functions(pg, duck)
                print(table_heading(), flush=True)
                builds, probes, screens, analyze_ms = measure(
                    duck, pg, args.repeat, args.warmups, args.screens_only
                )
        finally:
            duck.close()
    pg_version = f"PostgreSQL {version[0] if version else '?'}"
    header.insert(1, machine_line(pg_version, load_at_start))
    lines = report(header, load, builds, probes, screens, analyze_ms)
    suffix = ("" if args.scale == 1 else f"-scale{args.scale:g}") + (
        "-screens" if args.screens_only else ""
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / f"postgres_side_by_side{suffix}.txt"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"written to {target}")


if __name__ == "__main__":
    main()
