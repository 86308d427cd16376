"""The invariant rules in SQL and Order.invariant_findings() flag exactly the same orders."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from quality_helpers import NOW

from domain.aggregates.order import Order
from domain.entities.order_item import OrderItem
from domain.entities.payment import Payment
from domain.entities.review import Review
from domain.repositories.metadata_store import QualityRuleRecord
from domain.value_objects.invariant_finding import FindingCode
from domain.value_objects.money import Money
from domain.value_objects.review_score import ReviewScore
from domain.value_objects.statuses import OrderStatus, PaymentType
from infrastructure.quality.compiler import compile_rule
from infrastructure.quality.connection import checking_connection, read_catalogue
from infrastructure.quality.context import CheckContext
from infrastructure.source import open_source
from infrastructure.warehouse import WarehouseBuilder

# Edits to the hand-made export that add the cases it lacks (each line: file, old, new).
EDGE_CASES = [
    # R1 answered a day before it was created: review_answered_before_created on O1.
    (
        "olist_order_reviews_dataset.csv",
        "2017-01-16 00:00:00,2017-01-17 10:00:00",
        "2017-01-16 00:00:00,2017-01-15 10:00:00",
    ),
    # O3 approved after the carrier picked it up; O14 delivered before the carrier pickup.
    (
        "olist_orders_dataset.csv",
        "2017-03-01 09:00:00,2017-03-01 09:30:00",
        "2017-03-01 09:00:00,2017-03-04 09:30:00",
    ),
    (
        "olist_orders_dataset.csv",
        "2017-01-30 10:00:00,2017-02-05 10:00:00",
        "2017-01-30 10:00:00,2017-01-29 10:00:00",
    ),
    # O1 paid one centavo too much: within the tolerance, not a mismatch.
    ("olist_order_payments_dataset.csv", "credit_card,3,110.00", "credit_card,3,110.01"),
]


def hydrate_orders(warehouse: Path) -> list[Order]:
    """Every order of the warehouse as the domain aggregate, from plain queries."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        items, payments, reviews = defaultdict(list), defaultdict(list), defaultdict(list)
        for order_id, n, product, seller, price, freight in con.sql(
            "SELECT order_id, order_item_id, product_id, seller_id, price, freight_value "
            "FROM fct_order_items"
        ).fetchall():
            items[order_id].append(OrderItem(n, product, seller, Money(price), Money(freight)))
        for order_id, n, kind, installments, value in con.sql(
            "SELECT order_id, payment_sequential, payment_type, payment_installments, "
            "payment_value FROM fct_payments"
        ).fetchall():
            payments[order_id].append(Payment(n, PaymentType(kind), installments, Money(value)))
        for review_id, order_id, score, created, answered in con.sql(
            "SELECT review_id, order_id, review_score, created_at, answered_at FROM fct_reviews"
        ).fetchall():
            reviews[order_id].append(Review(review_id, ReviewScore(score), created, answered))
        headers = con.sql(
            "SELECT order_id, customer_id, customer_unique_id, order_status, purchased_at, "
            "approved_at, delivered_carrier_at, delivered_customer_at FROM fct_orders"
        ).fetchall()
    return [
        Order(
            order_id=order_id,
            customer_id=customer_id,
            customer_unique_id=person,
            status=OrderStatus(status),
            purchased_at=purchased,
            approved_at=approved,
            delivered_carrier_at=carrier,
            delivered_customer_at=delivered,
            items=items[order_id],
            payments=payments[order_id],
            reviews=reviews[order_id],
        )
        for (order_id, customer_id, person, status, purchased, approved, carrier, delivered) in (
            headers
        )
    ]


def flagged_by_sql(warehouse: Path, rule: QualityRuleRecord) -> set[str]:
    with checking_connection(warehouse) as con:
        sql, params = compile_rule(rule, read_catalogue(con), CheckContext(NOW)).rows(1_000_000)
        return {str(order_id) for order_id in con.sql(sql, params=params).pl()["order_id"]}


def with_edge_cases(source: Path) -> Path:
    for name, old, new in EDGE_CASES:
        path = source / name
        text = path.read_bytes().decode("utf-8")
        assert text.count(old) == 1, (name, old)
        path.write_bytes(text.replace(old, new).encode("utf-8"))
    return source


SOURCES: dict[str, Callable[[pytest.FixtureRequest], Path]] = {
    "fixture": lambda request: request.getfixturevalue("source_copy"),
    "fixture with edge cases": lambda request: with_edge_cases(
        request.getfixturevalue("source_copy")
    ),
    "generated": lambda request: request.getfixturevalue("small_source"),
}


@pytest.mark.parametrize("source_name", list(SOURCES))
def test_sql_rules_and_domain_invariants_flag_the_same_orders(
    request: pytest.FixtureRequest,
    source_name: str,
    default_rules: list[QualityRuleRecord],
    tmp_path: Path,
) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    with open_source(SOURCES[source_name](request)) as source:
        WarehouseBuilder().build(source, warehouse)
    by_domain: dict[FindingCode, set[str]] = defaultdict(set)
    for order in hydrate_orders(warehouse):
        for finding in order.invariant_findings():
            by_domain[finding.code].add(order.order_id)

    rules = {r.rule_id: r for r in default_rules}
    for code in FindingCode:
        assert flagged_by_sql(warehouse, rules[f"invariant.{code}"]) == by_domain[code], code
    if source_name == "fixture with edge cases":  # the comparison saw every kind of break
        assert all(by_domain[code] for code in FindingCode)
