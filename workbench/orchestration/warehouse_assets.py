"""The warehouse as Dagster assets: one per model, built together by one ingestion run.

A snapshot is published whole or not at all (the atomic publish behind the quality gate), so
the models cannot be materialised one by one: one multi-asset runs the same IngestionService as
`workbench ingest` and reports each model as materialised only when the snapshot was published.
The stored quality rules are its asset checks, each on the model it checks; critical ones are
blocking: when one fails, nothing is published, no model is materialised and the run fails,
so no downstream asset runs on a snapshot the gate refused.
"""

# No `from __future__ import annotations`: Dagster reads the decorated functions' annotations
# (config and resource parameters) as types, not strings.
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import dagster as dg
from pydantic import Field

from domain.entities.model_lineage import ModelLineage
from domain.entities.quality import GateOutcome, RuleStatus, Severity
from domain.errors import DomainError
from domain.repositories.metadata_store import QualityRuleRecord
from workbench.orchestration.drop_folder import dropped_exports
from workbench.orchestration.resource import WorkbenchResource, started_by

SOURCE_PREFIX = "olist"  # source assets are olist/<table>, as dagster-dbt names dbt sources
SNAPSHOT = "warehouse_snapshot"  # the published file; rules on no single model check it


class IngestConfig(dg.Config):
    source: str = Field(
        default="",
        description="The export to ingest (a folder of the nine CSVs or a .zip); empty: the "
        "newest complete export in the drop folder (setting dagster_drop_dir).",
    )


def check_name(rule_id: str) -> str:
    """A rule id as a Dagster check name (letters, digits and underscores only)."""
    return re.sub(r"\W", "_", rule_id.replace(".", "__"))


def warehouse_assets(
    lineage: Sequence[ModelLineage], rules: Sequence[QualityRuleRecord], file_names: Sequence[str]
) -> dg.AssetsDefinition:
    """The multi-asset of every model of `lineage`, with the enabled `rules` as its checks."""
    models = {model.name for model in lineage}
    specs = [_model_spec(model) for model in lineage]
    tables = [model.name for model in lineage if model.kind == "table"]
    specs.append(
        dg.AssetSpec(
            SNAPSHOT,
            deps=tables,
            description="The published DuckDB warehouse file, swapped in atomically only when "
            "no critical quality rule fails.",
            group_name="published",
            kinds={"duckdb"},
            skippable=True,
        )
    )
    checked = {check_name(rule.rule_id): rule for rule in rules if rule.enabled}
    check_specs = [
        dg.AssetCheckSpec(
            name,
            asset=rule.model if rule.model in models else SNAPSHOT,
            description=f"{rule.description} ({rule.severity}, {rule.kind})",
            blocking=rule.severity is Severity.CRITICAL,
            metadata={"rule_id": rule.rule_id, "severity": str(rule.severity)},
        )
        for name, rule in checked.items()
    ]

    @dg.multi_asset(name="warehouse", specs=specs, check_specs=check_specs, can_subset=False)
    def warehouse(
        context: dg.AssetExecutionContext, config: IngestConfig, workbench: WorkbenchResource
    ) -> Iterator[Any]:
        with workbench.container() as container:
            settings = container.settings()
            source = _source(config.source, settings.dagster_drop_dir, file_names)
            container.recovery().run()
            who = started_by(context.run.tags)
            context.log.info(f"ingesting {source} ({who})")
            try:
                outcome = container.ingestion().ingest(source, started_by=who)
            except DomainError as error:  # another run holds the data dir, the store is lost...
                raise dg.Failure(description=str(error)) from None
        if outcome.gate is not None:
            yield from _check_results(outcome.gate, checked, models)
        if not outcome.published:
            raise dg.Failure(
                description=f"run #{outcome.run_id} {outcome.status}: {outcome.message}",
                metadata={"run_id": outcome.run_id},
            )
        for model in lineage:
            yield dg.MaterializeResult(
                asset_key=model.name,
                metadata={"run_id": outcome.run_id, **_rows(outcome.row_counts, model.name)},
            )
        yield dg.MaterializeResult(
            asset_key=SNAPSHOT,
            metadata={
                "run_id": outcome.run_id,
                "as_of": str(outcome.as_of),
                "path": str(settings.warehouse_path),
                "source": str(source),
            },
        )

    return warehouse


def source_specs(lineage: Sequence[ModelLineage]) -> list[dg.AssetSpec]:
    """The export's files the models read, as external assets."""
    tables = sorted({table for model in lineage for table in model.upstream_sources})
    return [
        dg.AssetSpec([SOURCE_PREFIX, table], description=f"The export's {table} file.")
        for table in tables
    ]


def _model_spec(model: ModelLineage) -> dg.AssetSpec:
    return dg.AssetSpec(
        model.name,
        deps=[
            *model.upstream_models,
            *([SOURCE_PREFIX, table] for table in model.upstream_sources),
        ],
        description=model.description or None,
        group_name=model.layer,
        kinds={"duckdb", "sql"},
        metadata={"materialized_as": model.kind},
        skippable=True,
    )


def _source(given: str, drop_dir: Path, file_names: Sequence[str]) -> Path:
    if given:
        return Path(given).expanduser()
    exports = dropped_exports(drop_dir, file_names)
    if not exports:
        raise dg.Failure(
            description=f"No source given and no complete export in the drop folder {drop_dir}: "
            "give the run's config a source, or drop a folder of the nine CSVs or a .zip there."
        )
    return exports[-1].path


def _check_results(
    gate: GateOutcome, checked: dict[str, QualityRuleRecord], models: set[str]
) -> Iterator[dg.AssetCheckResult]:
    outcomes = {check_name(outcome.rule_id): outcome for outcome in gate.outcomes}
    for name, rule in checked.items():
        outcome = outcomes.get(name)
        critical = rule.severity is Severity.CRITICAL
        yield dg.AssetCheckResult(
            asset_key=rule.model if rule.model in models else SNAPSHOT,
            check_name=name,
            passed=outcome is not None and outcome.status is RuleStatus.PASS,
            severity=dg.AssetCheckSeverity.ERROR if critical else dg.AssetCheckSeverity.WARN,
            metadata={
                "status": str(outcome.status) if outcome else "not run (disabled since loaded)",
                "failing_rows": outcome.failing_count if outcome else 0,
                "sample_keys": ", ".join(outcome.sample_keys[:5]) if outcome else "",
                "message": outcome.message if outcome else "",
            },
        )


def _rows(row_counts: dict[str, int], name: str) -> dict[str, int]:
    return {"dagster/row_count": row_counts[name]} if name in row_counts else {}
