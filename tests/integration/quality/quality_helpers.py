"""Helpers of the quality tests: crafted warehouses, ad-hoc rules, running rules on a file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import psycopg

from domain.entities.monitor import MONITOR_KINDS
from domain.entities.quality import RuleOutcome, Severity
from domain.repositories.metadata_store import QualityRuleRecord
from infrastructure.metadata.queries import migrations
from infrastructure.metadata.sql_store import split_statements
from infrastructure.quality.connection import checking_connection
from infrastructure.quality.context import CheckContext
from infrastructure.quality.runner import run_rules

HERE = Path(__file__).parent
FIXTURE = HERE.parents[1] / "fixtures" / "olist_small"
NOW = datetime(2018, 3, 10, 12, 0)
SEEDS_FROM = 2  # the migrations from 0002_quality_catalogue on write the seeded rules


def craft(path: Path, *, dirty: bool) -> Path:
    """A small warehouse of parents and children: clean keeps every rule, dirty breaks each."""
    scripts = ["crafted_clean.sql", "crafted_dirty.sql"] if dirty else ["crafted_clean.sql"]
    with duckdb.connect(str(path)) as con:
        for script in scripts:
            con.execute((HERE / script).read_text(encoding="utf-8"))
    return path


def rule(
    kind: str, model: str, *, name: str = "", threshold: float = 0, **params: Any
) -> QualityRuleRecord:
    """An ad-hoc rule of severity error, named test.<name or kind>."""
    return QualityRuleRecord(
        f"test.{name or kind}",
        f"a {kind} rule",
        kind,
        model,
        params,
        Severity.ERROR,
        threshold,
        True,
    )


def check(
    warehouse: Path, *rules: QualityRuleRecord, context: CheckContext | None = None
) -> dict[str, RuleOutcome]:
    compiled = [r for r in rules if r.kind not in MONITOR_KINDS]  # monitors judge the history
    with checking_connection(warehouse) as con:
        outcomes = run_rules(con, compiled, context or CheckContext(NOW), sample_limit=5)
    return {outcome.rule_id: outcome for outcome in outcomes}


def reseed_catalogue(dsn: str) -> None:
    """pg_clean empties every table, the seeded rules too: put the migrations' rules back."""
    seeding = [
        m for m in migrations("postgres") if m.version >= SEEDS_FROM and "quality_rules" in m.sql
    ]
    with psycopg.connect(dsn, autocommit=True) as connection:
        for migration in seeding:
            for statement in split_statements(migration.sql):
                connection.execute(statement)
