"""dbt tests generated from the stored critical quality rules: each one is the rule compiled by the
quality gate's own compiler, its verdict query wrapped so dbt fails the test when the gate would."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from domain.entities.quality import Severity
from domain.repositories.metadata_store import QualityRuleRecord
from infrastructure.quality.compiler import compile_rule
from infrastructure.quality.context import CheckContext
from infrastructure.quality.warehouse_catalogue import RuleDefinitionError, WarehouseCatalogue
from infrastructure.sql_files import Sql, placeholders, render, sql_file, value_literal

SAMPLE_KEYS = 5  # failing keys a failed test shows, as the quality report does


@dataclass(frozen=True)
class GeneratedTest:
    name: str  # the test's file name without .sql
    sql: str


@dataclass(frozen=True)
class QualityTests:
    tests: tuple[GeneratedTest, ...]
    skipped: tuple[str, ...]  # "rule_id: why" for critical rules that could not be compiled


def critical_rule_tests(
    rules: Iterable[QualityRuleRecord], catalogue: WarehouseCatalogue, checked_at: datetime
) -> QualityTests:
    tests: list[GeneratedTest] = []
    skipped: list[str] = []
    context = CheckContext(checked_at)
    for rule in rules:
        if rule.severity is not Severity.CRITICAL or not rule.enabled:
            continue
        try:
            check = compile_rule(rule, catalogue, context)
        except RuleDefinitionError as error:
            skipped.append(f"{rule.rule_id}: {error}")
            continue
        summary, params = check.summary(SAMPLE_KEYS)
        bound = {name: value_literal(params.get(name)) for name in placeholders(summary)}
        verdict = render(
            sql_file("infrastructure.dbt", "quality_test.sql"),
            header=Sql(_header(rule)),
            depends_on=Sql(_depends_on(summary, catalogue)),
            summary=Sql(render(summary, **bound)),
            allowed=_allowed(rule.threshold),
        )
        tests.append(GeneratedTest("quality_" + re.sub(r"\W", "_", rule.rule_id), verdict))
    return QualityTests(tuple(tests), tuple(skipped))


def _allowed(threshold: float) -> Sql:
    """Failing rows the rule tolerates, as domain.entities.quality.allowed_failures counts them:
    the threshold as a count when >= 1, else as a share of the rows checked."""
    if threshold >= 1:
        return value_literal(threshold)
    return Sql(f"{value_literal(threshold)} * coalesce(checked_count, 0)")


def _depends_on(sql: str, catalogue: WarehouseCatalogue) -> str:
    """dbt's dependency comments for the tables the check reads, so dbt runs it after them."""
    read = sorted(
        name
        for name in catalogue.table_names.values()
        if not name.startswith("ref_") and re.search(rf'"{re.escape(name)}"|\b{name}\b', sql)
    )
    return "\n".join(f"-- depends_on: {{{{ ref('{name}') }}}}" for name in read)


def _header(rule: QualityRuleRecord) -> str:
    """Where the test comes from, as SQL comments (braces dropped: dbt reads the file as Jinja)."""
    text = f"-- {rule.rule_id} ({rule.kind} on {rule.model}): {' '.join(rule.description.split())}"
    return text.replace("{", "(").replace("}", ")")
