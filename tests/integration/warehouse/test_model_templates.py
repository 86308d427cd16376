"""The model files are dbt models; the builder renders their ref() and source() to its own names."""

from __future__ import annotations

import pytest

from infrastructure.source.contract import SOURCE_FILES
from infrastructure.warehouse.catalog import CORE_MODELS, MART_MODELS, Model, staging_model

ALL_MODELS = (*(staging_model(s) for s in SOURCE_FILES), *CORE_MODELS, *MART_MODELS)


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.name)
def test_every_model_renders_to_plain_sql(model: Model) -> None:
    rendered = model.sql()
    assert "{{" not in rendered and "{%" not in rendered


def test_ref_and_source_become_the_builders_names() -> None:
    stg_orders = staging_model(next(s for s in SOURCE_FILES if s.table == "orders"))
    assert "{{ source('olist', 'orders') }}" in stg_orders.template()
    assert "from src_orders" in stg_orders.sql()
    fct_orders = next(m for m in CORE_MODELS if m.name == "fct_orders")
    assert "{{ ref('stg_orders') }}" in fct_orders.template()
    assert "from stg_orders" in fct_orders.sql()


def test_a_ref_to_no_model_is_refused() -> None:
    from infrastructure.warehouse import catalog

    with pytest.raises(ValueError, match="names no model"):
        catalog._ref("kpi_nothing")
    with pytest.raises(ValueError, match="names no source file"):
        catalog._source("olist", "nothing")
