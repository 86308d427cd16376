"""The SQL models of the warehouse, in the order they run, and how each one is materialised."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import jinja2

from infrastructure.source.contract import SOURCE_FILES, SourceFile
from infrastructure.sql_files import sql_file

# The model files are dbt models: they name what they read with {{ ref('model') }} and
# {{ source('olist', 'table') }}. The builder renders them to the names it creates: a model's own
# name, and the temp view src_<table> reading one source file.
SOURCE_NAME = "olist"
_TEMPLATES = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


@dataclass(frozen=True)
class Model:
    """One .sql file under models/<layer>/ named after what it builds: a table, a temp view, or a
    macro (a query, or with `scalar` an expression, with parameters, kept in the warehouse for
    every reader to call)."""

    name: str
    layer: str
    temporary: bool = False  # an intermediate step, not kept in the warehouse file
    parameters: tuple[str, ...] = ()  # a macro's parameters; the file is its body
    scalar: bool = False  # a macro computing one value rather than rows

    @property
    def holds_rows(self) -> bool:
        """True for a table kept in the warehouse (neither a temp view nor a macro)."""
        return not self.temporary and not self.parameters

    @property
    def path(self) -> str:
        """The model file, relative to the models package."""
        return f"{self.layer}/{self.name}.sql"

    def template(self) -> str:
        """The file as written: a dbt model, with ref() and source() in Jinja."""
        return sql_file("infrastructure.warehouse.models", self.path)

    def sql(self) -> str:
        """The file rendered for the builder: plain DuckDB SQL."""
        return _rendered(self.template())

    def create_statement(self, *, replace: bool = False) -> str:
        if self.parameters:
            head, tail = self.macro_enclosure(replace=replace)
            return f"{head}\n{self.sql()}{tail}"
        kind = "TEMP VIEW" if self.temporary else "TABLE"
        return f"CREATE {kind} {self.name} AS\n{self.sql()}"

    def macro_enclosure(self, *, replace: bool = False) -> tuple[str, str]:
        """What a macro's statement puts before and after its body (the file)."""
        create = "CREATE OR REPLACE MACRO" if replace else "CREATE MACRO"
        head = f"{create} {self.name}({', '.join(self.parameters)}) AS"
        return (f"{head} (", ")") if self.scalar else (f"{head} TABLE", "")


def staging_model(source: SourceFile) -> Model:
    """The stg_ model reading one source file."""
    return Model(f"stg_{source.table}", "staging")


# The dashboards' filters, in the order the kpi_* macros take them: the first and last purchase
# day, lists of customer states and of categories (an order passes with any of them); NULL means
# "no filter".
KPI_FILTERS = ("from_date", "to_date", "in_states", "in_categories")
# The seller health score's rates and the weights the domain's SellerHealth binds to them.
SELLER_HEALTH = (
    "on_time_rate",
    "mean_review_score",
    "not_fulfilled_rate",
    "on_time_weight",
    "review_weight",
    "cancellation_weight",
)

CORE_MODELS: tuple[Model, ...] = (
    Model("money_mean", "core", parameters=("total", "n"), scalar=True),
    # fct_orders first: the longest chain of models reads it (dim_customer, the people's RFM
    # segments, mart_kpi_orders, mart_kpi_items), and the dimensions fit beside it.
    Model("fct_orders", "core"),
    Model("dim_geography", "core"),
    Model("dim_category", "core"),
    Model("dim_product", "core"),
    Model("dim_seller", "core"),
    Model("fct_order_items", "core"),
    Model("fct_seller_orders", "core"),
    Model("fct_payments", "core"),
    Model("fct_reviews", "core"),
    Model("dim_customer", "core"),
    Model("dim_date", "core"),
)

MART_MODELS: tuple[Model, ...] = (
    # The people's RFM segments first: mart_kpi_orders carries each person's.
    Model("int_customer_rfm_measures", "marts", temporary=True),
    Model("mart_customer_rfm", "marts"),
    # Each segment's count and widest values, for the table of its customers.
    Model("mart_segment_extremes", "marts"),
    # What every KPI is defined on: one row per order and per item, read through kpi_orders and
    # kpi_items, which filter them.
    Model("mart_kpi_orders", "marts"),
    Model("mart_kpi_items", "marts"),
    Model("kpi_items", "marts", parameters=KPI_FILTERS),
    # The products' GMV ranking without filters, which the Products view reads first.
    Model("mart_kpi_products", "marts"),
    Model("kpi_orders", "marts", parameters=KPI_FILTERS),
    # The executive view's rollups, which kpi_periods reads: per purchase day x customer state x
    # the order's set of categories (numbered in mart_kpi_category_sets), the same per day x state,
    # the repeat customers' keys per day x state x set, and the categories' GMV.
    Model("int_kpi_order_categories", "marts", temporary=True),
    Model("mart_kpi_category_sets", "marts"),
    Model("mart_kpi_daily", "marts"),
    Model("mart_kpi_daily_states", "marts"),
    Model("mart_kpi_daily_customers", "marts"),
    Model("mart_kpi_daily_categories", "marts"),
    # Each KPI view once, as a macro taking the filters: the dashboards call it with theirs, the
    # mart of the same figures below is it without filters.
    Model("kpi_periods", "marts", parameters=(*KPI_FILTERS, "grain")),
    Model("kpi_monthly", "marts", parameters=KPI_FILTERS),
    Model("kpi_categories", "marts", parameters=KPI_FILTERS),
    # kpi_sellers is mart_kpi_sellers without filters, and kpi_seller_measures grouped under them.
    Model("kpi_seller_measures", "marts", parameters=KPI_FILTERS),
    Model("mart_kpi_sellers", "marts"),
    Model("kpi_sellers", "marts", parameters=KPI_FILTERS),
    Model("seller_health", "marts", parameters=SELLER_HEALTH, scalar=True),
    Model("kpi_delivery", "marts", parameters=KPI_FILTERS),
    Model("kpi_states", "marts", parameters=KPI_FILTERS),
    Model("kpi_cohorts", "marts", parameters=KPI_FILTERS),
    Model("mart_kpi_monthly", "marts"),
    Model("mart_cohort_retention", "marts"),
    Model("mart_category_performance", "marts"),
    Model("mart_seller_scorecard", "marts"),
    Model("mart_delivery_performance", "marts"),
    Model("mart_state_summary", "marts"),
)


def _ref(name: str) -> str:
    if name not in _model_names():
        raise ValueError(f"ref({name!r}) names no model")
    return name


def _source(source_name: str, table: str) -> str:
    if source_name != SOURCE_NAME or table not in {s.table for s in SOURCE_FILES}:
        raise ValueError(f"source({source_name!r}, {table!r}) names no source file")
    return f"src_{table}"


def all_models() -> tuple[Model, ...]:
    """Every model in build order: staging, core, marts."""
    return (*(staging_model(source) for source in SOURCE_FILES), *CORE_MODELS, *MART_MODELS)


@cache
def _model_names() -> frozenset[str]:
    return frozenset(model.name for model in all_models())


@cache
def _rendered(template: str) -> str:
    return _TEMPLATES.from_string(template).render(ref=_ref, source=_source)
