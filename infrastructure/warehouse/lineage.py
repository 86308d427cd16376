"""Each warehouse model's upstream models and source files, found by name in its SQL.

A model reads another by naming it, so a word match of the catalogue's names in a model's SQL
(comments left out) is its dependency list; the name stays a word inside dbt's
`{{ ref('stg_orders') }}` too. A source file is read as the temp view `src_<table>`, or in dbt's
spelling `{{ source('olist', '<table>') }}`; both are recognised.
"""

from __future__ import annotations

import re

from domain.entities.model_lineage import ModelLineage
from infrastructure.source.contract import SOURCE_FILES
from infrastructure.warehouse.catalog import CORE_MODELS, MART_MODELS, Model, staging_model

_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/|\{#.*?#\}", re.S)
_WORD = re.compile(r"\w+")
_DBT_SOURCE = re.compile(r"""source\(\s*['"]\w+['"]\s*,\s*['"](\w+)['"]\s*\)""")


def catalogue() -> tuple[Model, ...]:
    """Every model of the warehouse in the order the builder runs them."""
    return (*(staging_model(source) for source in SOURCE_FILES), *CORE_MODELS, *MART_MODELS)


def warehouse_lineage(models: tuple[Model, ...] | None = None) -> tuple[ModelLineage, ...]:
    """The lineage of every model of `models` (default: the whole catalogue), in its order."""
    models = catalogue() if models is None else models
    names = {model.name for model in models}
    tables = {source.table for source in SOURCE_FILES}
    return tuple(model_lineage(model, model.sql(), names, tables) for model in models)


def model_lineage(
    model: Model, sql: str, model_names: set[str], source_tables: set[str]
) -> ModelLineage:
    """The lineage of `model` whose SQL is `sql`, against the names of the catalogue."""
    code = _COMMENTS.sub(" ", sql)
    words = set(_WORD.findall(code))
    sources = {w.removeprefix("src_") for w in words if w.startswith("src_")}
    sources |= set(_DBT_SOURCE.findall(code))
    return ModelLineage(
        name=model.name,
        layer=model.layer,
        kind=_kind(model),
        description=_description(sql),
        upstream_models=tuple(sorted((words & model_names) - {model.name})),
        upstream_sources=tuple(sorted(sources & source_tables)),
    )


def _kind(model: Model) -> str:
    if model.parameters:
        return "macro"
    return "view" if model.temporary else "table"


def _description(sql: str) -> str:
    """The comment block a model file opens with, as one paragraph."""
    lines = []
    for line in sql.lstrip().splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.removeprefix("--").strip())
    return " ".join(lines)
