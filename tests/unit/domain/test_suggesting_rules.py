"""Rules proposed from table profiles: which kinds, their evidence, validity, no duplicates."""

from __future__ import annotations

from domain.entities.rule_definition import check_rule
from domain.repositories.metadata_store import QualityRuleRecord
from domain.services.rule_suggestions import (
    ColumnKind,
    ColumnProfile,
    TableProfile,
    suggest_rules,
)

ORDERS = TableProfile(
    "fct_orders",
    99_441,
    ("order_id",),
    (
        ColumnProfile("order_id", ColumnKind.TEXT, 99_441, 99_441),
        ColumnProfile(
            "order_status",
            ColumnKind.TEXT,
            99_441,
            5,
            values=("canceled", "created", "delivered", "invoiced", "shipped"),
        ),
        ColumnProfile("payment_value", ColumnKind.NUMBER, 99_440, 29_000, 0.85, 6735.0),
        ColumnProfile("city", ColumnKind.TEXT, 99_441, 3, values=("a", "b", "c")),
        ColumnProfile("approved_at", ColumnKind.OTHER, 99_281, 90_733),
    ),
)


def by_id(tables: list[TableProfile], existing: list[QualityRuleRecord] | None = None) -> dict:
    return {s.rule.rule_id: s for s in suggest_rules(tables, existing or [])}


def test_each_kind_is_proposed_with_its_evidence_and_is_a_valid_rule() -> None:
    found = by_id([ORDERS])
    assert (
        found["suggested.fct_orders.order_id.unique"].evidence == "99,441 distinct in 99,441 rows"
    )
    assert found["suggested.fct_orders.order_id.not_null"].evidence == "0 nulls in 99,441 rows"
    status = found["suggested.fct_orders.order_status.accepted_values"]
    assert status.evidence == "5 distinct values: canceled, created, delivered, invoiced, shipped"
    assert status.rule.params["values"] == list(ORDERS.columns[1].values)
    value = found["suggested.fct_orders.payment_value.range"]
    assert value.evidence == "min 0.85 max 6,735.00 over 99,440 values"
    assert (value.rule.params["min"], value.rule.params["max"]) == (0.85, 6735.0)
    assert "suggested.fct_orders.payment_value.not_null" not in found  # one null seen
    assert "suggested.fct_orders.approved_at.not_null" not in found
    for suggestion in found.values():
        check_rule(suggestion.rule)
        assert suggestion.rule.severity == "warning" and suggestion.rule.enabled


def test_a_rule_already_stored_for_the_same_check_is_not_proposed_again() -> None:
    stored = QualityRuleRecord(
        "orders.key.unique",
        "order ids are unique",
        "unique",
        "FCT_ORDERS",
        {"columns": ["order_id"]},
    )
    found = by_id([ORDERS], [stored])
    assert "suggested.fct_orders.order_id.unique" not in found
    assert "suggested.fct_orders.order_id.not_null" in found


def test_without_a_key_only_checks_needing_no_key_are_proposed() -> None:
    keyless = TableProfile("fct_x", 10, (), (ColumnProfile("a_id", ColumnKind.TEXT, 10, 10),))
    assert list(by_id([keyless])) == ["suggested.fct_x.a_id.unique"]
    empty = TableProfile("fct_y", 0, ("a",), (ColumnProfile("a", ColumnKind.TEXT, 0, 0),))
    assert by_id([empty]) == {}


def test_text_with_many_or_unrepeated_values_gets_no_accepted_values() -> None:
    rare = ColumnProfile("name", ColumnKind.TEXT, 4, 3, values=("x", "y", "z"))
    table = TableProfile("dim_z", 4, ("name",), (rare,))
    assert not [r for r in by_id([table]) if r.endswith("accepted_values")]
