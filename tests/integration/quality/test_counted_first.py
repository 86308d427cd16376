"""A unique key is counted first and its first failing rows are then found among the rows up to
a leading value: every outcome (counts, sample keys, kept rows and their order) is the one the
single summary query of the rule gives, whatever the failures' number, order and nulls."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from quality_helpers import NOW, rule

from domain.entities.quality import RuleOutcome
from domain.repositories.metadata_store import QualityRuleRecord
from infrastructure.quality.compiler import compile_rule
from infrastructure.quality.connection import checking_connection, read_catalogue
from infrastructure.quality.context import CheckContext
from infrastructure.quality.runner import _kept, run_rules

ROWS = 4000


def points(path: Path, duplicated: str, key: str = "lpad((i % 1000)::varchar, 4, '0')") -> Path:
    """`points` of ROWS rows in no order: each `key` value with a city, the rows where
    `duplicated` holds twice, and a pair with a null zip and one with the last zip and no city."""
    with duckdb.connect(str(path)) as con:
        con.execute(
            f"""
            create table points as
            select {key} as zip, 'city ' || (i % 7) as city, i as n
            from range({ROWS}) as r(i), range(2) as copies(copy)
            where copy = 0 or ({duplicated})
            order by hash(i, copy)
            """
        )
        con.execute("insert into points select null, 'nowhere', -1 from range(2)")
        last = "(select max(zip) from points)"
        con.execute(f"insert into points select {last}, null, -2 from range(2)")
    return path


def single_query(path: Path, chosen: QualityRuleRecord, sample_rows: int) -> dict[str, Any]:
    """The rule's outcome as one summary query over its whole failing query gives it."""
    with checking_connection(path) as con:
        check = compile_rule(chosen, read_catalogue(con), CheckContext(NOW))
        sql, params = check.summary(5, sample_rows)
        ((failing, checked, samples, rows),) = con.sql(sql, params=params).fetchall()
    return {
        "failing": failing,
        "checked": checked,
        "samples": tuple(samples),
        "kept": _kept(rows) if sample_rows > 0 else None,
    }


def counted_first(path: Path, chosen: QualityRuleRecord, sample_rows: int) -> dict[str, Any]:
    with checking_connection(path) as con:
        (outcome,) = run_rules(
            con, [chosen], CheckContext(NOW), sample_limit=5, sample_rows=sample_rows
        )
    return as_compared(outcome)


def as_compared(outcome: RuleOutcome) -> dict[str, Any]:
    assert outcome.status != "error", outcome.message
    checked = int(outcome.message.split(" failing of ")[1].split(" ")[0].replace(",", ""))
    return {
        "failing": outcome.failing_count,
        "checked": checked,
        "samples": outcome.sample_keys,
        "kept": outcome.failing_sample,
    }


CASES = {
    "many failing": "true",
    "few failing, past the first leading values": "i % 1000 >= 990",
    "one failing": "i = 3999",
    "none failing but the null pairs": "false",
}


@pytest.mark.parametrize("duplicated", CASES.values(), ids=CASES.keys())
@pytest.mark.parametrize("columns", [["zip"], ["zip", "city"], ["city", "zip"]])
@pytest.mark.parametrize("sample_rows", [0, 3, 12])
def test_the_outcome_is_the_single_querys(
    tmp_path: Path, duplicated: str, columns: list[str], sample_rows: int
) -> None:
    path = points(tmp_path / "w.duckdb", duplicated)
    chosen = rule("unique", "points", columns=columns)
    expected = single_query(path, chosen, sample_rows)
    assert counted_first(path, chosen, sample_rows) == expected
    assert expected["failing"] > 0


@pytest.mark.parametrize(
    "key",
    [
        "(i % 1000)::double / 7",
        "(i % 1000)::decimal(9, 2) / 8",
        "timestamp '2018-01-01' + to_microseconds((i % 1000) * 1001)",
        "[i % 1000]",  # not a value bound as a parameter: the whole query answers
        "(i % 1000)::varchar::blob",
    ],
)
def test_leading_values_of_other_types_give_the_same_outcome(tmp_path: Path, key: str) -> None:
    path = points(tmp_path / "w.duckdb", "true", key)
    chosen = rule("unique", "points", columns=["zip", "city"])
    expected = single_query(path, chosen, 12)
    assert counted_first(path, chosen, 12) == expected
    assert len(expected["samples"]) == 5


# Leading values that are equal though they differ: a group's rows must all be among the rows
# of its leading value.
EQUAL_APART = {
    "text of no case": "(if(i % 3 = 0, 'Z', 'z') || lpad((i % 1000)::varchar, 4, '0'))"
    " collate nocase",
    "nan and signed zeros": "case when i % 1000 >= 995 then 'nan'::double "
    "when i % 1000 < 4 then if(i % 3 = 0, -0.0, 0.0) else (i % 1000)::double end",
}


@pytest.mark.parametrize("key", EQUAL_APART.values(), ids=EQUAL_APART.keys())
@pytest.mark.parametrize("duplicated", ["true", "i % 1000 >= 990"], ids=["many", "few"])
@pytest.mark.parametrize("columns", [["zip"], ["zip", "city"]])
def test_leading_values_equal_though_apart_give_the_same_outcome(
    tmp_path: Path, key: str, duplicated: str, columns: list[str]
) -> None:
    path = points(tmp_path / "w.duckdb", duplicated, key)
    chosen = rule("unique", "points", columns=columns)
    expected = single_query(path, chosen, 12)
    assert counted_first(path, chosen, 12) == expected
    assert len(expected["samples"]) == 5


def test_an_enums_order_is_its_declared_one_not_its_texts(tmp_path: Path) -> None:
    """21 failing (mood, city) pairs; the 12 smallest moods are 7 sad and 5 ok, and
    `mood <= 'ok'` compares text: it selects ok and happy, not sad (the key's order is sad, ok,
    happy). Those rows are not the first ones, and the whole query answers."""
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create type mood as enum ('sad', 'ok', 'happy')")
        con.execute(
            "create table points as select (['sad', 'ok', 'happy'])[1 + i % 3]::mood as mood, "
            "'city ' || (i % 7) as city from range(3000) as r(i) order by hash(i)"
        )
    chosen = rule("unique", "points", columns=["mood", "city"])
    expected = single_query(path, chosen, 12)
    assert counted_first(path, chosen, 12) == expected
    assert all(key.startswith("(sad") for key in expected["samples"])


def test_a_key_column_named_as_the_templates_own_is_checked_too(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(
            "create table points as select i % 50 as occurrences, i as n from range(200) r(i)"
        )
    chosen = rule("unique", "points", columns=["occurrences"])
    outcome = counted_first(path, chosen, 3)
    assert outcome == single_query(path, chosen, 3)
    assert outcome["failing"] == 150 and len(outcome["samples"]) == 5


def test_a_rule_over_its_time_limit_is_its_own_error(tmp_path: Path) -> None:
    path = points(tmp_path / "w.duckdb", "true")
    slow = rule("unique", "points", columns=["zip"])
    with checking_connection(path) as con:
        (outcome,) = run_rules(con, [slow], CheckContext(datetime.now()), time_limit_s=0)
    assert outcome.status == "error" and "time limit" in outcome.message


def test_a_leading_value_duckdb_cannot_bound_leaves_the_whole_query_to_answer(
    tmp_path: Path,
) -> None:
    """A union key's leading value comes back as an int, which DuckDB cannot cast to the union
    (the cast is ambiguous): the bounded query fails, and the whole query answers."""
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table points (zip union(a int, b int), city int)")
        con.execute(
            "insert into points select union_value(b := (i % 30)::int), i % 3 from range(120) r(i)"
        )
    chosen = rule("unique", "points", columns=["zip"])
    expected = single_query(path, chosen, 3)
    assert counted_first(path, chosen, 3) == expected
    assert expected["failing"] == 90
