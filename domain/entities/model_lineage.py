"""A warehouse model's place in the pipeline: what it is and which models and sources it reads."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModelLineage:
    """One model of the warehouse with its direct inputs, in the catalogue's build order."""

    name: str
    layer: str  # staging, core or marts
    kind: str  # table, view (an intermediate step) or macro (kept for readers to call)
    description: str
    upstream_models: tuple[str, ...]
    upstream_sources: tuple[str, ...]  # source tables (the export's files) it reads
