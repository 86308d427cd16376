"""A stored expression rule runs only as one checked expression over its own model's columns."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from quality_helpers import check, rule

from domain.entities.quality import RuleStatus
from domain.repositories.metadata_store import QualityRuleRecord
from infrastructure.quality.predicate import RefusedPredicate, checked_predicate

KEY = ["child_id", "line"]
CHILDREN = {
    name: name
    for name in (
        "child_id",
        "line",
        "parent_id",
        "status",
        "amount",
        "lat",
        "opened_at",
        "closed_at",
    )
}

# (predicate, words the rule's error message must hold)
HOSTILE = [
    ("1=1) or (select count(*) from parents", "not one SQL expression"),
    ("1=1) or (select 1", "not one SQL expression"),
    ("true; drop table parents", "one SQL expression, not statements"),
    ("x; drop table", "one SQL expression, not statements"),
    ("(select count(*) from parents) > 0", "a subquery is not allowed"),
    ("parent_id in (select parent_id from parents)", "a subquery is not allowed"),
    ("read_text('/etc/passwd') is not null", "the function read_text is not allowed"),
    ("length(getenv('HOME')) > 0", "the function getenv is not allowed"),
    ("exists (from read_parquet('x.parquet'))", "a subquery is not allowed"),
    ("name = 'one'", "no column 'name'"),
    ("parents.name = 'one'", "the column parents.name is qualified"),
    ("amount > 0, amount < 100", "found 2 separated by ','"),
    ("amount > 0 -- and the rest", "a comment"),
    ("amount > 0 /* note */", "a comment"),
    ("amount > $limit", "a parameter is not allowed"),
    ("amount > 0 from parents", "without FROM"),
    ("amount > 0 limit 1", "without FROM, WHERE, LIMIT"),
    ("sum(amount) > 0", "the function sum is not allowed"),
    ("main.abs(amount) > 0", "the function main.abs is not allowed"),
    ("list_filter([amount], x -> x > 0) = []", "not allowed"),
    ("columns(*) is not null", "a star or COLUMNS() is not allowed"),
    ("", "not empty"),
]


@pytest.mark.parametrize(("predicate", "reason"), HOSTILE)
def test_a_hostile_predicate_is_that_rules_error_and_no_other_rules(
    clean_warehouse: Path, predicate: str, reason: str
) -> None:
    hostile = rule("expression", "children", name="hostile", predicate=predicate, key=KEY)
    honest = rule("expression", "children", name="honest", predicate="amount >= 0", key=KEY)
    outcomes = check(clean_warehouse, hostile, honest)
    refused = outcomes["test.hostile"]
    assert refused.status is RuleStatus.ERROR
    assert refused.message.startswith("rule test.hostile (children): predicate refused: ")
    assert reason in refused.message
    assert outcomes["test.honest"].status is RuleStatus.PASS
    with duckdb.connect(str(clean_warehouse), read_only=True) as con:
        assert con.sql("SELECT count(*) FROM parents").fetchall() == [(2,)]


def test_every_seeded_expression_rule_passes_the_parser(
    fixture_warehouse: Path, default_rules: list[QualityRuleRecord]
) -> None:
    expressions = [r for r in default_rules if r.kind == "expression"]
    assert len(expressions) >= 9
    with duckdb.connect(str(fixture_warehouse), read_only=True) as con:
        for seeded in expressions:
            columns = {
                str(name).lower(): str(name)
                for (name,) in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ?",
                    [seeded.model],
                ).fetchall()
            }
            checked_predicate(seeded.params["predicate"], columns)
    outcomes = check(fixture_warehouse, *expressions)
    assert not [o.message for o in outcomes.values() if o.status is RuleStatus.ERROR]


def test_what_runs_is_rebuilt_from_the_parse_in_the_models_spelling() -> None:
    predicate = checked_predicate("AMOUNT >= 0.05 * avg(Amount) over () or Status <> 'x'", CHILDREN)
    assert predicate.text == "(((amount >= (0.05 * avg(amount) OVER ())) OR (status != 'x')))"


def test_a_string_holding_sql_words_is_only_a_string() -> None:
    predicate = checked_predicate("status <> '; drop table parents -- '", CHILDREN)
    assert predicate.text == "((status != '; drop table parents -- '))"


def test_a_predicate_must_be_text() -> None:
    with pytest.raises(RefusedPredicate, match="one SQL boolean expression"):
        checked_predicate(["amount > 0"], CHILDREN)
