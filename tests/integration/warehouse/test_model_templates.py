"""The model files are dbt models; the builder renders their ref() and source() to its own names."""

from __future__ import annotations

import re

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


# Quoted text and comments are skipped; a name after FROM or JOIN that is not a call.
_READS = re.compile(
    r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|/\*.*?\*/|\b(?:from|join)\s+([A-Za-z_]\w*)\b(?!\s*\()""",
    re.S | re.I,
)
_CALLS = re.compile(r"""'(?:[^']|'')*'|--[^\n]*|\b([a-z_]\w*)\s*\(""", re.S)
_TABLES = {m.name for m in ALL_MODELS if not m.parameters}
_MACROS = {m.name for m in ALL_MODELS if m.parameters}


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.name)
def test_models_read_other_models_and_sources_through_ref_and_source(model: Model) -> None:
    """A bare `from fct_orders` builds, but dbt would not know the edge: it could run too early."""
    bare = {m[1] for m in _READS.finditer(model.template()) if m[1]}
    assert not bare & _TABLES, f"use {{{{ ref('...') }}}} for {sorted(bare & _TABLES)}"
    assert not {name for name in bare if name.startswith("src_")}, "use {{ source('olist', ...) }}"


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.name)
def test_a_model_calling_a_macro_declares_it_for_dbt(model: Model) -> None:
    called = {m[1] for m in _CALLS.finditer(model.template()) if m[1]} & _MACROS - {model.name}
    for macro in called:
        assert f"-- depends_on: {{{{ ref('{macro}') }}}}" in model.template(), macro
