"""QualityService on an in-memory store and gate: the report from stored records, flips, edits,
re-checks of the published run and the stored gate of a run."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from fakes import FakeFailingRows, FakeGate, FakeMetadataStore

from domain.entities.ingestion_run import RunStatus
from domain.entities.quality import GateOutcome, RuleOutcome, RuleStatus, Severity
from domain.errors import InvalidValue, WarehouseNotPublished
from domain.repositories.metadata_store import QualityResultRecord, QualityRuleRecord
from workbench.application.quality import QualityService, Recheck


def rule(rule_id: str, severity: Severity = Severity.WARNING) -> QualityRuleRecord:
    return QualityRuleRecord(rule_id, f"checks {rule_id}", "unique", "fct_orders", {}, severity)


def result(run: int, rule_id: str, status: str, failing: int = 0) -> QualityResultRecord:
    return QualityResultRecord(
        run, rule_id, RuleStatus(status), failing, Severity.WARNING, ("k1",), 2.5, "why"
    )


@pytest.fixture
def store() -> FakeMetadataStore:
    store = FakeMetadataStore()
    store.add_rules(rule("orders.unique", Severity.ERROR), rule("reviews.volume"), rule("new.rule"))
    return store


def service(
    store: FakeMetadataStore,
    warehouse: Path = Path("/nowhere/warehouse.duckdb"),
    gate: FakeGate | None = None,
    rows: FakeFailingRows | None = None,
) -> QualityService:
    return QualityService(store, gate or FakeGate(), rows or FakeFailingRows(), warehouse)


def test_the_report_lines_up_each_rules_results_by_run(store: FakeMetadataStore) -> None:
    store.save_results([result(3, "orders.unique", "pass"), result(3, "reviews.volume", "fail")])
    store.save_results([result(5, "orders.unique", "fail", 4)])
    report = service(store).report()
    assert report.run_ids == (3, 5)
    by_rule = {r.rule.rule_id: r.results for r in report.rules}
    assert by_rule == {
        "new.rule": (None, None),
        "orders.unique": (
            result(3, "orders.unique", "pass"),
            result(5, "orders.unique", "fail", 4),
        ),
        "reviews.volume": (result(3, "reviews.volume", "fail"), None),
    }


def test_the_report_keeps_only_the_latest_runs(store: FakeMetadataStore) -> None:
    for run in (1, 2, 3):
        store.save_results([result(run, "orders.unique", "pass")])
    assert service(store).report(runs=2).run_ids == (2, 3)


def test_a_flip_is_a_rule_that_passed_and_now_fails(store: FakeMetadataStore) -> None:
    store.save_results([result(1, "reviews.volume", "pass")])  # older than the last two runs
    store.save_results([result(2, "orders.unique", "pass"), result(2, "reviews.volume", "fail")])
    store.save_results([result(3, "orders.unique", "fail", 4), result(3, "reviews.volume", "fail")])
    (flip,) = service(store).flips()
    assert (flip.rule_id, flip.failing_count, flip.previous_run, flip.run) == (
        "orders.unique",
        4,
        2,
        3,
    )


def test_the_stored_gate_gives_typed_outcomes_with_the_rules_descriptions(
    store: FakeMetadataStore,
) -> None:
    store.save_results(
        [QualityResultRecord(7, "orders.unique", RuleStatus.FAIL, 4, Severity.CRITICAL)]
    )
    store.save_results([result(8, "gone.rule", "error")])
    assert service(store).stored_gate(7) == GateOutcome(
        (
            RuleOutcome(
                "orders.unique", "checks orders.unique", Severity.CRITICAL, RuleStatus.FAIL, 4
            ),
        )
    )
    (gone,) = service(store).stored_gate(8).outcomes
    assert (gone.description, gone.status, gone.sample_keys) == ("", RuleStatus.ERROR, ("k1",))
    assert service(store).stored_gate(7).blocking


def test_failing_rows_are_asked_for_the_stored_rule(store: FakeMetadataStore) -> None:
    rows = FakeFailingRows(pl.DataFrame({"order_id": ["o1"]}))
    frame = service(store, rows=rows).failing_rows("orders.unique", limit=5)
    assert (frame["order_id"].to_list(), rows.asked) == (["o1"], [("orders.unique", 5)])
    with pytest.raises(InvalidValue, match="There is no quality rule 'nope'"):
        service(store).failing_rows("nope")


def test_an_edit_is_stored_and_returned(store: FakeMetadataStore) -> None:
    edited = service(store).edit_rule("reviews.volume", severity="critical", threshold=0.1)
    assert (edited.severity, edited.threshold, edited.enabled) == (Severity.CRITICAL, 0.1, True)
    assert store.rules["reviews.volume"] == edited
    assert not service(store).edit_rule("reviews.volume", enabled=False).enabled
    assert store.rules["reviews.volume"].severity is Severity.CRITICAL  # untouched fields stay


@pytest.mark.parametrize(
    ("rule_id", "change", "message"),
    [
        ("nope", {"enabled": False}, "There is no quality rule 'nope'"),
        ("reviews.volume", {"severity": "fatal"}, "severity must be one of critical, error, "),
        ("reviews.volume", {"threshold": -1.0}, "threshold must be 0 or more"),
        ("reviews.volume", {"threshold": float("nan")}, "threshold must be 0 or more"),
        ("reviews.volume", {"threshold": float("inf")}, "threshold must be 0 or more"),
    ],
)
def test_a_bad_edit_is_refused_and_nothing_is_stored(
    store: FakeMetadataStore, rule_id: str, change: dict[str, object], message: str
) -> None:
    before = dict(store.rules)
    with pytest.raises(InvalidValue, match=message):
        service(store).edit_rule(rule_id, **change)  # type: ignore[arg-type]
    assert store.rules == before


def test_a_recheck_records_the_results_for_the_published_run(
    store: FakeMetadataStore, tmp_path: Path
) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    warehouse.touch()
    published = store.add_run(RunStatus.SUCCEEDED)
    store.add_run(RunStatus.BLOCKED)  # newer, never published: not the one re-checked
    store.save_results([result(published, "new.rule", "fail", 9)])
    outcome = GateOutcome(
        (RuleOutcome("orders.unique", "", Severity.ERROR, RuleStatus.FAIL, 3, ("o1",), 1.5, "m"),)
    )
    gate = FakeGate(outcome)
    assert service(store, warehouse, gate).recheck() == Recheck(published, outcome)
    assert gate.checked == [(warehouse, published)]
    assert store.results_for_run(published) == [
        QualityResultRecord(
            published, "orders.unique", RuleStatus.FAIL, 3, Severity.ERROR, ("o1",), 1.5, "m"
        )
    ]  # the earlier results of that run are replaced


def test_a_recheck_needs_a_published_warehouse(store: FakeMetadataStore, tmp_path: Path) -> None:
    gate = FakeGate()
    with pytest.raises(WarehouseNotPublished, match="no warehouse has been published yet"):
        service(store, tmp_path / "warehouse.duckdb", gate).recheck()
    store.add_run(RunStatus.SUCCEEDED)
    with pytest.raises(WarehouseNotPublished):  # published once, but the file is gone
        service(store, tmp_path / "warehouse.duckdb", gate).recheck()
    assert gate.checked == [] and store.results == {}
