"""Each rule kind compiles to one DuckDB query that passes on clean rows and fails on bad ones."""

from __future__ import annotations

import shutil
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from quality_helpers import NOW, check, rule

from domain.entities.quality import RuleStatus
from domain.repositories.metadata_store import QualityRuleRecord
from infrastructure.quality.compiler import compile_rule
from infrastructure.quality.connection import checking_connection, read_catalogue
from infrastructure.quality.context import CheckContext

KEY = ["child_id", "line"]

# (rule, failing rows on the dirty warehouse, first sample keys there)
CASES = [
    (rule("not_null", "children", columns=["child_id"], key=KEY), 1, ["(NULL, 3)"]),
    (rule("unique", "children", columns=KEY), 1, ["(c1, 1)"]),
    (
        rule(
            "relationship",
            "children",
            columns=["parent_id"],
            to_model="parents",
            to_columns=["parent_id"],
            key=KEY,
        ),
        2,
        ["(c1, 1)", "(NULL, 3)"],
    ),
    (
        rule("accepted_values", "children", column="status", values=["open", "closed"], key=KEY),
        2,
        ["(c1, 1)", "(NULL, 3)"],
    ),
    (rule("range", "children", column="amount", min=0, max=100, key=KEY), 1, ["(NULL, 3)"]),
    (
        rule(
            "range",
            "children",
            name="exclusive",
            column="amount",
            min=0,
            min_inclusive=False,
            key=KEY,
        ),
        2,
        ["(c1, 1)", "(NULL, 3)"],
    ),
    (
        rule("range", "children", name="lat", column="lat", min=-33.75, max=5.27, key=KEY),
        2,
        ["(c1, 1)", "(NULL, 3)"],
    ),
    (
        rule(
            "expression",
            "children",
            predicate="closed_at >= opened_at",
            key=KEY,
            show=["opened_at", "closed_at"],
        ),
        2,
        ["(c1, 1)", "(NULL, 3)"],
    ),
    (
        rule("row_count_change", "children", direction="both"),
        2,
        ["children"],
    ),
]


@pytest.mark.parametrize(
    ("rule_", "failing", "samples"), CASES, ids=lambda c: getattr(c, "rule_id", "")
)
def test_a_rule_passes_on_clean_rows_and_fails_on_bad_ones(
    clean_warehouse: Path,
    dirty_warehouse: Path,
    rule_: QualityRuleRecord,
    failing: int,
    samples: list[str],
) -> None:
    context = CheckContext(NOW, previous_run_id=1, previous_row_counts={"children": 3})
    clean = check(clean_warehouse, rule_, context=context)[rule_.rule_id]
    assert (clean.status, clean.failing_count, clean.sample_keys) == (RuleStatus.PASS, 0, ())

    dirty = check(dirty_warehouse, rule_, context=context)[rule_.rule_id]
    assert dirty.status is RuleStatus.FAIL, dirty.message
    assert dirty.failing_count == failing
    assert list(dirty.sample_keys) == samples


def test_failing_rows_show_keys_and_offending_values(dirty_warehouse: Path) -> None:
    relationship = CASES[2][0]
    with checking_connection(dirty_warehouse) as con:
        sql, params = compile_rule(relationship, read_catalogue(con), CheckContext(NOW)).rows(10)
        rows = con.sql(sql, params=params).pl()
    assert rows.columns == ["child_id", "line", "parent_id"]
    assert rows.rows() == [("c1", 1, "p9"), (None, 3, "p8")]


def test_unique_rows_count_the_occurrences(dirty_warehouse: Path) -> None:
    with checking_connection(dirty_warehouse) as con:
        sql, params = compile_rule(CASES[1][0], read_catalogue(con), CheckContext(NOW)).rows(10)
        assert con.sql(sql, params=params).fetchall() == [("c1", 1, 2)]


def test_row_count_change_counts_lost_rows_against_the_previous_run(
    clean_warehouse: Path,
) -> None:
    shrink = rule("row_count_change", "children")
    lost = CheckContext(NOW, previous_run_id=4, previous_row_counts={"children": 10})
    outcome = check(clean_warehouse, shrink, context=lost)[shrink.rule_id]
    assert (outcome.status, outcome.failing_count) == (RuleStatus.FAIL, 7)
    assert "compared with run #4" in outcome.message

    tolerant = rule("row_count_change", "children", threshold=0.8)
    assert (
        check(clean_warehouse, tolerant, context=lost)[tolerant.rule_id].status is RuleStatus.PASS
    )

    shouting = rule("row_count_change", "CHILDREN", name="shouting")  # names match any case
    assert check(clean_warehouse, shouting, context=lost)[shouting.rule_id].failing_count == 7

    first = check(clean_warehouse, shrink, context=CheckContext(NOW))[shrink.rule_id]
    assert first.status is RuleStatus.PASS
    assert first.message == "no previous published run to compare with"


@pytest.mark.parametrize(
    ("checked_at", "status"),
    [
        (datetime(2018, 3, 10, 12, 0), RuleStatus.PASS),  # latest is 1 day old
        (datetime(2018, 4, 1), RuleStatus.FAIL),  # 22.5 days old
        (datetime(2018, 3, 1), RuleStatus.FAIL),  # the latest is in the future
    ],
)
def test_freshness_compares_the_latest_value_with_the_time_of_the_check(
    clean_warehouse: Path, checked_at: datetime, status: RuleStatus
) -> None:
    fresh = rule("freshness", "children", column="opened_at", key=["child_id"], max_age_days=2)
    outcome = check(clean_warehouse, fresh, context=CheckContext(checked_at))[fresh.rule_id]
    assert outcome.status is status
    assert outcome.sample_keys == (("c2",) if status is RuleStatus.FAIL else ())


def test_reconciliation_compares_every_count_and_money_total(fixture_warehouse: Path) -> None:
    reconciliation = rule("reconciliation", "source -> facts")
    with checking_connection(fixture_warehouse) as con:
        compiled = compile_rule(reconciliation, read_catalogue(con), CheckContext(NOW))
        checks = con.sql(compiled.failing_sql.text).pl()
    assert set(checks["check_name"]) >= {
        "orders: rows", "order items: price total", "order items: freight total",
        "payments: value total",
    }  # fmt: skip
    assert checks["failing_weight"].sum() == 0, checks


def test_reconciliation_names_each_check_a_tampered_warehouse_fails(
    fixture_warehouse: Path, tmp_path: Path
) -> None:
    reconciliation = rule("reconciliation", "source -> facts")
    tampered = tmp_path / "tampered.duckdb"
    shutil.copyfile(fixture_warehouse, tampered)
    with duckdb.connect(str(tampered)) as con:
        con.execute("UPDATE fct_payments SET payment_value = payment_value + 0.01 WHERE rowid = 0")
        con.execute("DELETE FROM fct_orders WHERE order_status = 'created'")
    outcome = check(tampered, reconciliation)[reconciliation.rule_id]
    assert set(outcome.sample_keys) == {
        "payments: value total", "orders: rows", "orders: items value total",
        "orders: freight total", "orders: payment total",
    }  # fmt: skip
    with checking_connection(tampered) as con:
        compiled = compile_rule(reconciliation, read_catalogue(con), CheckContext(NOW))
        sql, params = compiled.rows(10)
        failures = {row["check_name"]: row for row in con.sql(sql, params=params).pl().to_dicts()}
    assert set(failures) == set(outcome.sample_keys)
    payments = failures["payments: value total"]
    assert payments["actual"] - payments["expected"] == payments["difference"] == Decimal("0.01")


def test_reconciliation_fails_when_the_warehouse_lost_a_payment(
    fixture_warehouse: Path, tmp_path: Path
) -> None:
    reconciliation = rule("reconciliation", "source -> facts")
    assert (
        check(fixture_warehouse, reconciliation)[reconciliation.rule_id].status is RuleStatus.PASS
    )

    tampered = tmp_path / "tampered.duckdb"
    shutil.copyfile(fixture_warehouse, tampered)
    with duckdb.connect(str(tampered)) as con:
        con.execute("DELETE FROM fct_payments WHERE payment_value = 0")
    outcome = check(tampered, reconciliation)[reconciliation.rule_id]
    assert outcome.status is RuleStatus.FAIL
    assert outcome.sample_keys == ("payments: rows",)


def test_thresholds_allow_a_count_or_a_share_of_the_rows_checked(dirty_warehouse: Path) -> None:
    base = CASES[3][0].params  # accepted values: 2 failing of 5 rows
    allowed = {
        "count": rule("accepted_values", "children", name="count", threshold=2, **base),
        "share": rule("accepted_values", "children", name="share", threshold=0.4, **base),
        "tight": rule("accepted_values", "children", name="tight", threshold=0.2, **base),
    }
    outcomes = check(dirty_warehouse, *allowed.values())
    assert outcomes["test.count"].status is RuleStatus.PASS
    assert outcomes["test.share"].status is RuleStatus.PASS
    assert outcomes["test.tight"].status is RuleStatus.FAIL
    assert outcomes["test.tight"].message == "2 failing of 5 checked; 1 allowed"


@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        (rule("not_null", "children", columns=["no_such_column"], key=KEY), "no_such_column"),
        (rule("unique", 'children"; DROP TABLE parents; --', columns=KEY), "no table or view"),
        (rule("expression", "children", predicate="nope > 1", key=KEY), "nope"),
        (rule("expression", "children", predicate="true; DROP TABLE parents", key=KEY), "one SQL"),
        (
            rule(
                "expression",
                "children",
                predicate="exists (select * from read_csv('/etc/hostname'))",
                key=KEY,
            ),
            "a subquery is not allowed",
        ),
        (rule("range", "children", column="amount", key=KEY), "'min', 'max'"),
        (rule("telepathy", "children"), "unknown rule kind"),
    ],
)
def test_a_rule_that_cannot_run_ends_in_error_with_the_reason(
    clean_warehouse: Path, broken: QualityRuleRecord, reason: str
) -> None:
    outcome = check(clean_warehouse, broken)[broken.rule_id]
    assert outcome.status is RuleStatus.ERROR
    assert reason in outcome.message
    with duckdb.connect(str(clean_warehouse), read_only=True) as con:
        assert con.sql("SELECT count(*) FROM parents").fetchall() == [(2,)]


def test_the_checking_connection_reads_no_file_even_past_the_predicate_check(
    clean_warehouse: Path,
) -> None:
    """Behind the predicate check, the sandbox itself refuses file access."""
    with checking_connection(clean_warehouse) as con, pytest.raises(duckdb.Error) as refused:
        con.sql("SELECT * FROM read_csv('/etc/hostname')").fetchall()
    assert "disabled" in str(refused.value)
