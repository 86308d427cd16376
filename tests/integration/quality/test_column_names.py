"""A warehouse column may bear any name the wrapping queries use themselves (`failing`, their
subquery's alias): each rule on it still gives its own outcome, and never stops the gate."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from quality_helpers import NOW, rule

from domain.entities.quality import FailingSample
from domain.repositories.metadata_store import QualityRuleRecord
from infrastructure.quality.connection import checking_connection
from infrastructure.quality.context import CheckContext
from infrastructure.quality.runner import run_rules


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(
            "create table t as select i % 30 as k, i % 2 as failing, i as id from range(100) r(i)"
        )
    return path


def outcome_of(path: Path, chosen: QualityRuleRecord) -> tuple[str, int, tuple[str, ...], object]:
    with checking_connection(path) as con:
        (outcome,) = run_rules(
            con, [chosen], CheckContext(NOW), sample_limit=5, sample_rows=3, workers=1
        )
    return outcome.status, outcome.failing_count, outcome.sample_keys, outcome.failing_sample


def test_a_unique_key_named_failing_keeps_its_groups(warehouse: Path) -> None:
    chosen = rule("unique", "t", columns=["failing"])
    assert outcome_of(warehouse, chosen) == (
        "fail",
        98,
        ("0", "1"),
        FailingSample(("failing", "occurrences"), (("0", "50"), ("1", "50"))),
    )


def test_a_range_keyed_by_a_column_named_failing_keeps_its_rows(warehouse: Path) -> None:
    chosen = rule("range", "t", column="k", max=28, key=["id"], show=["failing"])
    status, failing, samples, kept = outcome_of(warehouse, chosen)
    assert (status, failing, samples) == ("fail", 3, ("29", "59", "89"))
    assert kept == FailingSample(
        ("id", "k", "failing"), (("29", "29", "1"), ("59", "29", "1"), ("89", "29", "1"))
    )


def test_a_rule_keyed_by_failing_among_others_leaves_them_their_outcomes(warehouse: Path) -> None:
    odd = rule("range", "t", name="odd", column="k", max=3, key=["failing"])
    plain = rule("not_null", "t", name="plain", columns=["k"], key=["id"])
    with checking_connection(warehouse) as con:
        outcomes = run_rules(con, [odd, plain], CheckContext(NOW), sample_rows=3)
    assert [(o.rule_id, o.status) for o in outcomes] == [
        ("test.odd", "fail"),
        ("test.plain", "pass"),
    ]
