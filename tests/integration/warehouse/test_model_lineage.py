"""The lineage of the warehouse models, read from their SQL by name."""

from __future__ import annotations

from infrastructure.warehouse.catalog import Model
from infrastructure.warehouse.lineage import catalogue, model_lineage, warehouse_lineage

NAMES = {"stg_orders", "stg_customers", "fct_orders", "dim_customer"}
TABLES = {"orders", "customers"}


def test_every_model_reads_only_models_built_before_it() -> None:
    built: set[str] = set()
    for lineage in warehouse_lineage():
        assert set(lineage.upstream_models) <= built, lineage.name
        built.add(lineage.name)
    assert len(built) == len(catalogue())


def test_the_catalogue_graph_names_the_inputs_of_each_model() -> None:
    by_name = {lineage.name: lineage for lineage in warehouse_lineage()}
    assert by_name["stg_orders"].upstream_sources == ("orders",)
    assert by_name["stg_orders"].upstream_models == ()
    assert {"stg_orders", "stg_customers"} <= set(by_name["fct_orders"].upstream_models)
    assert by_name["fct_orders"].upstream_sources == ()
    assert by_name["mart_customer_rfm"].upstream_models == (
        "dim_customer",
        "int_customer_rfm_measures",
    )
    assert (by_name["kpi_monthly"].kind, by_name["int_customer_rfm_measures"].kind) == (
        "macro",
        "view",
    )
    assert by_name["fct_orders"].description.startswith("One row per order")


def test_names_in_comments_and_words_containing_a_name_are_no_dependency() -> None:
    sql = (
        "-- unlike dim_customer, this reads stg_orders\n"
        "/* fct_orders too */\n"
        "select orders.* from src_orders as orders join stg_orders_extra using (order_id)"
    )
    lineage = model_lineage(Model("stg_orders", "staging"), sql, NAMES, TABLES)
    assert lineage.upstream_models == ()
    assert lineage.upstream_sources == ("orders",)


def test_dbt_ref_and_source_spellings_are_read_as_the_same_inputs() -> None:
    sql = (
        "select * from {{ ref('stg_orders') }} as o\n"
        "join {{ source(\"olist\", 'customers') }} using (customer_id)"
    )
    lineage = model_lineage(Model("fct_orders", "core"), sql, NAMES, TABLES)
    assert lineage.upstream_models == ("stg_orders",)
    assert lineage.upstream_sources == ("customers",)
